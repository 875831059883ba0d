using Microsoft.Extensions.Options;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// Loads this node's copy of the key store at start, then checks the store's version every
/// <see cref="AuthOptions.KeyRefreshInterval"/> so changes made on other nodes apply here. A failed
/// check keeps the last copy and is retried at the next tick.
/// </summary>
public sealed partial class ApiKeyRefresh(ApiKeyRegistry registry, IOptions<AuthOptions> options, TimeProvider time, AccessMetrics metrics, ILogger<ApiKeyRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyRefreshInterval, time);
        do
        {
            try
            {
                await registry.RefreshAsync().WaitAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                metrics.RefreshFailed();
                Log.RefreshFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not check the API key store for changes; retrying at the next tick")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
