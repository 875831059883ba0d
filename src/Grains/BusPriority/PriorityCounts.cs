using UrbanTwin.Grains.Abstractions.BusPriority;

namespace UrbanTwin.Grains.BusPriority;

/// <summary>
/// Request counts of one junction, or of one route at it: requests, grants, denials, decisions by
/// reason, and the mean lateness of the granted buses.
/// </summary>
[GenerateSerializer]
[Alias("ut.PriorityCounts")]
public sealed class PriorityCounts
{
    [Id(0)]
    private readonly Dictionary<string, long> _reasons = [];

    [Id(1)]
    private long _requests;

    [Id(2)]
    private long _granted;

    [Id(3)]
    private double _grantedLatenessSeconds;

    public long Requests => _requests;

    public long Granted => _granted;

    public long Denied => _requests - _granted;

    /// <summary>Decisions by reason (<see cref="PriorityReasons"/>): grants and denials alike.</summary>
    public IReadOnlyDictionary<string, long> Reasons => _reasons;

    /// <summary>Mean <c>lateSeconds</c> of the granted requests (negative when early); null before the first grant.</summary>
    public double? MeanGrantedLatenessSeconds => _granted == 0 ? null : _grantedLatenessSeconds / _granted;

    /// <summary>How many decisions gave this reason.</summary>
    public long CountOf(string reason) => _reasons.GetValueOrDefault(reason);

    internal void Count(double lateSeconds, PriorityDecision decision)
    {
        _requests++;
        _reasons[decision.Reason] = CountOf(decision.Reason) + 1;
        if (decision.Decision == PriorityOutcome.Granted)
        {
            _granted++;
            _grantedLatenessSeconds += lateSeconds;
        }
    }
}
