using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Grains.Twins;

/// <summary>The <c>Twins</c> configuration section: when a twin counts as stale.</summary>
public sealed class TwinOptions
{
    public const string Section = "Twins";

    /// <summary>A twin is stale after this many expected intervals without a reading (<c>Twins:StaleAfterIntervals</c>).</summary>
    [Range(1, 1000)]
    public double StaleAfterIntervals { get; set; } = 3;

    /// <summary>How often an air-quality station is expected to report (<c>Twins:AirQualityInterval</c>).</summary>
    public TimeSpan AirQualityInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a footfall counter is expected to report when it has not said (<c>Twins:FootfallInterval</c>);
    /// once it has, its own <c>interval</c> field is used.
    /// </summary>
    public TimeSpan FootfallInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a junction controller is expected to report (<c>Twins:BusPriorityInterval</c>).</summary>
    public TimeSpan BusPriorityInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest a watching twin waits before checking its device's silence again
    /// (<c>Twins:StaleCheckPeriod</c>). A twin also checks at the very moment its device would
    /// become stale, so this only bounds how late a change of clock or limit is noticed, and it
    /// must stay under the grain collection age (15 minutes) for the check to keep the twin active.
    /// </summary>
    public TimeSpan StaleCheckPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
