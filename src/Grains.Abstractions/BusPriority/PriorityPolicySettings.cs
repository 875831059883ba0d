namespace UrbanTwin.Grains.Abstractions.BusPriority;

/// <summary>
/// A junction's own bus priority policy settings, each overriding the node's <c>BusPriority</c>
/// configuration when set (null: the configuration's value). As a junction reports them
/// (<see cref="Twins.TwinSnapshot.PriorityPolicy"/>), every setting is filled in with the value in force.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.PriorityPolicySettings")]
public sealed record PriorityPolicySettings(
    double? LateThresholdSeconds,
    double? CongestionOccupancy,
    double? InhibitWindowSeconds,
    int? MaxGrantsPerHour)
{
    public const double MaxSeconds = 3600;

    public const int MaxGrants = 3600;

    public static readonly PriorityPolicySettings None = new(null, null, null, null);

    public bool IsEmpty => this == None;

    /// <summary>What is out of range, or null: the same bounds as the <c>BusPriority</c> configuration.</summary>
    public string? Problem() =>
        LateThresholdSeconds is < 0 or > MaxSeconds ? $"lateThreshold must be between 0 and {MaxSeconds} seconds"
        : InhibitWindowSeconds is < 0 or > MaxSeconds ? $"inhibitWindow must be between 0 and {MaxSeconds} seconds"
        : CongestionOccupancy is < 0 or > 100 ? "congestionOccupancy must be between 0 and 100 (%)"
        : MaxGrantsPerHour is < 1 or > MaxGrants ? $"maxGrantsPerHour must be between 1 and {MaxGrants}"
        : null;
}
