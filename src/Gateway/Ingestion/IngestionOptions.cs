using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>The <c>Ingestion</c> configuration section.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>How old a reading may be before it is refused as <c>clock-skew</c> (<c>Ingestion:MaxReadingAge</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "Ingestion:MaxReadingAge must be between {1} and {2}.")]
    public TimeSpan MaxReadingAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Readings per device remembered at most to drop QoS 1 re-deliveries (<c>Ingestion:DuplicateWindow</c>);
    /// at least a whole backlog array.
    /// </summary>
    [Range(DuplicateFilter.MinimumWindow, 1_000_000, ErrorMessage = "Ingestion:DuplicateWindow must be between {1} and {2}.")]
    public int DuplicateWindow { get; set; } = 1024;

    /// <summary>How long a reading is remembered at most to drop QoS 1 re-deliveries (<c>Ingestion:DuplicateWindowTime</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Ingestion:DuplicateWindowTime must be between {1} and {2}.")]
    public TimeSpan DuplicateWindowTime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Error replies a device may receive in a burst (<c>Ingestion:ErrorReplyBurst</c>).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Ingestion:ErrorReplyBurst must be between {1} and {2}.")]
    public double ErrorReplyBurst { get; set; } = 20;

    /// <summary>Error replies per second a device receives after its burst (<c>Ingestion:ErrorRepliesPerSecond</c>).</summary>
    [Range(0.001, 1_000_000, ErrorMessage = "Ingestion:ErrorRepliesPerSecond must be between {1} and {2}.")]
    public double ErrorRepliesPerSecond { get; set; } = 2;
}
