using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Gateway.Journal;

/// <summary>The <c>Journal</c> configuration section: the write-ahead journal of acknowledged readings.</summary>
public sealed class JournalOptions
{
    public const string Section = "Journal";

    /// <summary>Where the journal's segment files live, relative to the data directory (<c>Journal:Directory</c>).</summary>
    [Required(ErrorMessage = "Journal:Directory must not be empty.")]
    public string Directory { get; set; } = "journal";

    /// <summary>A segment is closed and a new one begun past this size (<c>Journal:SegmentBytes</c>).</summary>
    [Range(1024, int.MaxValue, ErrorMessage = "Journal:SegmentBytes must be at least {1}.")]
    public int SegmentBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// The journal's bound (<c>Journal:MaxBytes</c>): at it, new readings wait until the twins and the
    /// time series have caught up and old segments are removed; above 80% the node reports Degraded.
    /// </summary>
    [Range(1024 * 1024, long.MaxValue, ErrorMessage = "Journal:MaxBytes must be at least {1}.")]
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>How often closed segments are checked into the stores and removed (<c>Journal:CheckpointInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Journal:CheckpointInterval must be between {1} and {2}.")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);
}
