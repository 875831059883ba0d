using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries;

/// <summary>
/// Prepares the time-series store (database, retention policies, continuous queries, tables) at
/// start, and keeps trying every few seconds while it is unreachable; readings written meanwhile
/// wait in the writer's spool.
/// </summary>
public sealed partial class TimeSeriesStartup(ITimeSeriesStore store, ILogger<TimeSeriesStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.InitializeAsync(stoppingToken);
                Log.Ready(logger, store.GetType().Name);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.NotReady(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Time series ready ({Store})")]
        public static partial void Ready(ILogger logger, string store);

        [LoggerMessage(2, LogLevel.Warning, "Time series not ready, retrying in 5 s: {Reason}")]
        public static partial void NotReady(ILogger logger, string reason);
    }
}
