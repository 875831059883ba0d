using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.BusPriority;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.Twins;
using UrbanTwin.Grains.Twins.Kinds;

namespace UrbanTwin.Grains.BusPriority;

/// <summary>
/// A bus-priority junction's twin: readings only update its latest values; a bus's request for
/// priority is decided by the junction's policy inside the twin call, counted per route and kept
/// among the recent decisions.
/// </summary>
internal sealed class BusPriorityTwin : ITwinKind
{
    /// <summary>Decisions kept for operators (newest first); older ones are in the statistics only.</summary>
    public const int RecentDecisionLimit = 20;

    public static readonly BusPriorityTwin Instance = new();

    public TimeSpan ExpectedInterval(TwinOptions options, AssetTwinState twin) => options.BusPriorityInterval;

    public Task ApplyAsync(AssetTwinState twin, Reading[] readings, ITwinAlerts alerts) => Task.CompletedTask;

    /// <summary>Decides a request with the junction's policy and its latest occupancy reading, and records the decision.</summary>
    public static PriorityDecision Decide(AssetTwinState twin, PriorityPolicyOptions options, PriorityRequest request, long receivedAtMs)
    {
        twin.Priority ??= new PriorityPolicyState();
        twin.PriorityStatistics ??= new PriorityStatistics();
        double? occupancy = (twin.Present & (1 << BusPriorityField.Occupancy)) != 0 ? twin.Latest[BusPriorityField.Occupancy] : null;
        var decision = new PriorityPolicy(options, twin.Priority).Decide(request, occupancy, receivedAtMs);
        twin.PriorityStatistics.Record(request, decision);
        twin.RecentDecisions ??= [];
        twin.RecentDecisions.Insert(0, decision);
        if (twin.RecentDecisions.Count > RecentDecisionLimit)
        {
            twin.RecentDecisions.RemoveAt(twin.RecentDecisions.Count - 1);
        }

        return decision;
    }

    /// <summary>Gives the junction policy settings of its own over the configuration (empty settings: the configuration's again).</summary>
    /// <exception cref="ArgumentException">The asset is not a junction, or a setting is out of bounds.</exception>
    public static void SetPolicy(AssetTwinState twin, string assetId, PriorityPolicySettings settings)
    {
        if (twin.Kind != DeviceKind.BusPriority)
        {
            throw new ArgumentException($"asset {assetId} is not a bus-priority junction", nameof(settings));
        }

        if (settings.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        twin.PriorityOverrides = settings.IsEmpty ? null : settings;
    }

    /// <summary>The junction's statistics and recent decisions; null before its first request.</summary>
    public static BusPriorityStatus? StatusOf(AssetTwinState twin)
    {
        if (twin.PriorityStatistics is not { } statistics)
        {
            return null;
        }

        static RouteStatistics Of(PriorityCounts counts) => new(counts.Requests, counts.Granted, counts.Denied, counts.MeanGrantedLatenessSeconds);
        return new BusPriorityStatus(
            statistics.Total.Requests,
            statistics.Total.Granted,
            statistics.Total.Denied,
            new Dictionary<string, long>(statistics.Total.Reasons),
            twin.RecentDecisions is { } decisions ? [.. decisions] : [],
            statistics.Routes.ToDictionary(r => r.Key, r => Of(r.Value), StringComparer.Ordinal),
            statistics.OtherRoutes.Requests > 0 ? Of(statistics.OtherRoutes) : null);
    }
}
