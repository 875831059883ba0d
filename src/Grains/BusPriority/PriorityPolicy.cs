using UrbanTwin.Contracts.Readings;

using UrbanTwin.Grains.Abstractions.BusPriority;

namespace UrbanTwin.Grains.BusPriority;

/// <summary>
/// Decides the bus priority requests of one junction. Rules, first match wins: within the inhibit
/// window after the last grant → denied <c>inhibited</c>; the hourly cap reached over the last 60
/// minutes → denied <c>hourly-cap</c>; the bus later than the threshold → granted <c>late</c>; the
/// junction busier than the congestion occupancy → granted <c>congested</c>; otherwise denied
/// <c>on-time</c>. Both windows include their end: a grant inhibits until exactly
/// <see cref="PriorityPolicyOptions.InhibitWindow"/> has passed, and counts towards the cap until
/// it is more than 60 minutes old. Time is the hub's clock passed in, never read here.
/// </summary>
public sealed class PriorityPolicy(PriorityPolicyOptions options, PriorityPolicyState state)
{
    private const long HourMs = 3_600_000;

    public PriorityPolicy(PriorityPolicyOptions options)
        : this(options, new PriorityPolicyState())
    {
    }

    /// <summary>The state to persist: the last grant and the grants of the last hour.</summary>
    public PriorityPolicyState State => state;

    /// <param name="request">The decoded request.</param>
    /// <param name="occupancy">The junction's latest occupancy, 0 to 100 %; null when unknown (never counts as congested).</param>
    /// <param name="nowMs">The hub's clock, epoch milliseconds; the decision time and, when granted, the grant time.</param>
    public PriorityDecision Decide(PriorityRequest request, double? occupancy, long nowMs)
    {
        var action = request.EtaSeconds <= options.ExtendGreenEta.TotalSeconds ? PriorityAction.ExtendGreen : PriorityAction.EarlyGreen;
        ForgetGrantsBefore(nowMs - HourMs);

        if (state.LastGrantMs is { } last && nowMs - last <= (long)options.InhibitWindow.TotalMilliseconds)
        {
            return Denied(request, action, PriorityReasons.Inhibited, nowMs);
        }

        if (state.GrantTimesMs.Count >= options.MaxGrantsPerHour)
        {
            return Denied(request, action, PriorityReasons.HourlyCap, nowMs);
        }

        string reason;
        if (request.LateSeconds > options.LateThreshold.TotalSeconds)
        {
            reason = PriorityReasons.Late;
        }
        else if (occupancy is { } busy && busy > options.CongestionOccupancy)
        {
            reason = PriorityReasons.Congested;
        }
        else
        {
            return Denied(request, action, PriorityReasons.OnTime, nowMs);
        }

        state.LastGrantMs = nowMs;
        state.GrantTimesMs.Add(nowMs);
        var seconds = action == PriorityAction.ExtendGreen ? options.ExtendGreenSeconds : options.EarlyGreenSeconds;
        return new PriorityDecision(request.Seq, PriorityOutcome.Granted, action, seconds, reason, nowMs);
    }

    private static PriorityDecision Denied(PriorityRequest request, PriorityAction action, string reason, long nowMs) =>
        new(request.Seq, PriorityOutcome.Denied, action, 0, reason, nowMs);

    /// <summary>Drops the grants given before <paramref name="cutoffMs"/>: more than 60 minutes old.</summary>
    private void ForgetGrantsBefore(long cutoffMs)
    {
        var grants = state.GrantTimesMs;
        var stale = 0;
        while (stale < grants.Count && grants[stale] < cutoffMs)
        {
            stale++;
        }

        grants.RemoveRange(0, stale);
    }
}
