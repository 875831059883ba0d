using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.TimeSeries.Writing;

/// <summary>The <c>Influx:Writer</c> configuration section: batching, concurrency and the outage spool.</summary>
public sealed class TimeSeriesWriterOptions
{
    public const string Section = "Influx:Writer";

    /// <summary>Points per write (<c>Influx:Writer:BatchSize</c>).</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Longest a point waits for its batch to fill (<c>Influx:Writer:FlushInterval</c>).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Writes in flight at once (<c>Influx:Writer:ConcurrentWrites</c>).</summary>
    [Range(1, 64)]
    public int ConcurrentWrites { get; set; } = 2;

    /// <summary>Where batches wait while InfluxDB is unreachable (<c>Influx:Writer:SpoolDirectory</c>).</summary>
    [Required]
    public string SpoolDirectory { get; set; } = "spool";

    /// <summary>
    /// The most the spool may hold (<c>Influx:Writer:SpoolMaxBytes</c>); when it is full, producers
    /// wait (back-pressure) rather than points being dropped.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long SpoolMaxBytes { get; set; } = 1L << 30;

    /// <summary>Writes queued in memory before producers wait (<c>Influx:Writer:QueueCapacity</c>, in submissions).</summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 100_000;
}
