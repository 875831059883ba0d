using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.TimeSeries.Writing;

/// <summary>
/// The <c>Influx:Writer</c> configuration section: batching, concurrency and the outage spool.
/// Validated at start; each message names its key, since an operator sets keys, not properties.
/// </summary>
public sealed class TimeSeriesWriterOptions
{
    public const string Section = "Influx:Writer";

    /// <summary>Points per write (<c>Influx:Writer:BatchSize</c>).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Influx:Writer:BatchSize must be between {1} and {2}.")]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Longest a point waits for its batch to fill (<c>Influx:Writer:FlushInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Influx:Writer:FlushInterval must be between {1} and {2}.")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Writes in flight at once (<c>Influx:Writer:ConcurrentWrites</c>).</summary>
    [Range(1, 64, ErrorMessage = "Influx:Writer:ConcurrentWrites must be between {1} and {2}.")]
    public int ConcurrentWrites { get; set; } = 2;

    /// <summary>Where batches wait while InfluxDB is unreachable (<c>Influx:Writer:SpoolDirectory</c>).</summary>
    [Required(ErrorMessage = "Influx:Writer:SpoolDirectory must not be empty.")]
    public string SpoolDirectory { get; set; } = "spool";

    /// <summary>
    /// The most the spool may hold (<c>Influx:Writer:SpoolMaxBytes</c>); when it is full, producers
    /// wait (back-pressure) rather than points being dropped.
    /// </summary>
    [Range(1, long.MaxValue, ErrorMessage = "Influx:Writer:SpoolMaxBytes must be at least {1}.")]
    public long SpoolMaxBytes { get; set; } = 1L << 30;

    /// <summary>Writes queued in memory before producers wait (<c>Influx:Writer:QueueCapacity</c>, in submissions).</summary>
    [Range(1, 10_000_000, ErrorMessage = "Influx:Writer:QueueCapacity must be between {1} and {2}.")]
    public int QueueCapacity { get; set; } = 100_000;
}
