using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Grains.Twins;

/// <summary>The <c>Twins</c> configuration section: when a twin counts as stale.</summary>
public sealed class TwinOptions
{
    public const string Section = "Twins";

    /// <summary>A twin is stale after this many expected intervals without a reading (<c>Twins:StaleAfterIntervals</c>).</summary>
    [Range(1, 1000, ErrorMessage = "Twins:StaleAfterIntervals must be between {1} and {2}.")]
    public double StaleAfterIntervals { get; set; } = 3;

    /// <summary>How often an air-quality station is expected to report (<c>Twins:AirQualityInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Twins:AirQualityInterval must be between {1} and {2}.")]
    public TimeSpan AirQualityInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a footfall counter is expected to report when it has not said (<c>Twins:FootfallInterval</c>);
    /// once it has, its own <c>interval</c> field is used.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Twins:FootfallInterval must be between {1} and {2}.")]
    public TimeSpan FootfallInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a junction controller is expected to report (<c>Twins:BusPriorityInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Twins:BusPriorityInterval must be between {1} and {2}.")]
    public TimeSpan BusPriorityInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest a watching twin waits before checking its device's silence again
    /// (<c>Twins:StaleCheckPeriod</c>). A twin also checks at the very moment its device would
    /// become stale, so this only bounds how late a change of clock or limit is noticed, and it
    /// must stay under the grain collection age (15 minutes) for the check to keep the twin active.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00", ErrorMessage = "Twins:StaleCheckPeriod must be between {1} and {2}.")]
    public TimeSpan StaleCheckPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
