using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.TwinApi.History;

/// <summary>The <c>History</c> configuration section: how much work one history request may ask for.</summary>
public sealed class HistoryOptions
{
    public const string Section = "History";

    /// <summary>The widest range of raw points (no <c>every</c>) one request may ask for (<c>History:MaxRawRange</c>).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "366.00:00:00", ErrorMessage = "History:MaxRawRange must be between {1} and {2}.")]
    public TimeSpan MaxRawRange { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The most raw points one request may answer with, all fields together (<c>History:MaxRawPoints</c>).</summary>
    [Range(1, 10_000_000, ErrorMessage = "History:MaxRawPoints must be between {1} and {2}.")]
    public int MaxRawPoints { get; set; } = 100_000;

    /// <summary>The most windows (range ÷ <c>every</c>) one request may ask for per field (<c>History:MaxWindows</c>).</summary>
    [Range(1, 1_000_000, ErrorMessage = "History:MaxWindows must be between {1} and {2}.")]
    public int MaxWindows { get; set; } = 10_000;
}
