using Microsoft.Extensions.Logging;

namespace UrbanTwin.TimeSeries.Writing;

/// <summary>What the writer logs: refusals, outages and the spool filling up.</summary>
public sealed partial class TimeSeriesWriter
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "InfluxDB refused a batch; not retried: {Reason}")]
        public static partial void Rejected(ILogger logger, string reason);

        [LoggerMessage(2, LogLevel.Warning, "InfluxDB unavailable, spooling: {Reason}")]
        public static partial void Unavailable(ILogger logger, string reason);

        [LoggerMessage(3, LogLevel.Error, "The time-series spool is full ({Bytes} bytes): producers wait until InfluxDB takes data again")]
        public static partial void SpoolFull(ILogger logger, long bytes);

        [LoggerMessage(4, LogLevel.Warning, "The time-series spool is over 80% full ({Bytes} of {Max} bytes)")]
        public static partial void SpoolFilling(ILogger logger, long bytes, long max);
    }
}
