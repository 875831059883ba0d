using UrbanTwin.Grains.Abstractions.BusPriority;

namespace UrbanTwin.Grains.BusPriority;

/// <summary>A junction's policy in force: the node's configuration with the junction's own settings over it.</summary>
public static class JunctionPolicy
{
    public static PriorityPolicyOptions Effective(PriorityPolicyOptions defaults, PriorityPolicySettings? own) => own is null || own.IsEmpty
        ? defaults
        : new PriorityPolicyOptions
        {
            LateThreshold = own.LateThresholdSeconds is { } late ? TimeSpan.FromSeconds(late) : defaults.LateThreshold,
            CongestionOccupancy = own.CongestionOccupancy ?? defaults.CongestionOccupancy,
            InhibitWindow = own.InhibitWindowSeconds is { } inhibit ? TimeSpan.FromSeconds(inhibit) : defaults.InhibitWindow,
            MaxGrantsPerHour = own.MaxGrantsPerHour ?? defaults.MaxGrantsPerHour,
            ExtendGreenEta = defaults.ExtendGreenEta,
            ExtendGreenSeconds = defaults.ExtendGreenSeconds,
            EarlyGreenSeconds = defaults.EarlyGreenSeconds,
        };

    /// <summary>The settings in force, each filled in, as a junction reports them.</summary>
    public static PriorityPolicySettings Report(PriorityPolicyOptions effective) =>
        new(effective.LateThreshold.TotalSeconds, effective.CongestionOccupancy, effective.InhibitWindow.TotalSeconds, effective.MaxGrantsPerHour);
}
