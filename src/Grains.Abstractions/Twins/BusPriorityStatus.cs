using UrbanTwin.Grains.Abstractions.BusPriority;

namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>
/// A junction's priority statistics (in total and per bus route; routes beyond the tracked number
/// are counted under <see cref="OtherRoutes"/>) and its most recent decisions (newest first; no
/// vehicle ids).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.BusPriorityStatus")]
public sealed record BusPriorityStatus(
    long Requests,
    long Granted,
    long Denied,
    IReadOnlyDictionary<string, long> Reasons,
    IReadOnlyList<PriorityDecision> RecentDecisions,
    IReadOnlyDictionary<string, RouteStatistics> Routes,
    RouteStatistics? OtherRoutes);
