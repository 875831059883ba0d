using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Grains.BusPriority;

/// <summary>The <c>BusPriority</c> configuration section: when a bus gets priority, and how much.</summary>
public sealed class PriorityPolicyOptions
{
    public const string Section = "BusPriority";

    /// <summary>A bus later than this (strictly) is granted priority (<c>BusPriority:LateThreshold</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "BusPriority:LateThreshold must be between {1} and {2}.")]
    public TimeSpan LateThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Junction occupancy, % of detector time from the junction's latest telemetry, above which
    /// (strictly) a bus is granted priority whatever its lateness (<c>BusPriority:CongestionOccupancy</c>).
    /// </summary>
    [Range(0.0, 100.0, ErrorMessage = "BusPriority:CongestionOccupancy must be between {1} and {2}.")]
    public double CongestionOccupancy { get; set; } = 70;

    /// <summary>After a grant, every request is denied for this long, so cross traffic recovers (<c>BusPriority:InhibitWindow</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "BusPriority:InhibitWindow must be between {1} and {2}.")]
    public TimeSpan InhibitWindow { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>At most this many grants at one junction in any 60 minutes (<c>BusPriority:MaxGrantsPerHour</c>).</summary>
    [Range(1, 3600, ErrorMessage = "BusPriority:MaxGrantsPerHour must be between {1} and {2}.")]
    public int MaxGrantsPerHour { get; set; } = 12;

    /// <summary>A bus arriving within this gets its green extended; a bus further out gets an early green (<c>BusPriority:ExtendGreenEta</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "BusPriority:ExtendGreenEta must be between {1} and {2}.")]
    public TimeSpan ExtendGreenEta { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Seconds of green extension granted (<c>BusPriority:ExtendGreenSeconds</c>); the contract allows 0 to 60.</summary>
    [Range(0, 60, ErrorMessage = "BusPriority:ExtendGreenSeconds must be between {1} and {2}.")]
    public int ExtendGreenSeconds { get; set; } = 10;

    /// <summary>Seconds the green is brought forward (<c>BusPriority:EarlyGreenSeconds</c>); the contract allows 0 to 60.</summary>
    [Range(0, 60, ErrorMessage = "BusPriority:EarlyGreenSeconds must be between {1} and {2}.")]
    public int EarlyGreenSeconds { get; set; } = 8;
}
