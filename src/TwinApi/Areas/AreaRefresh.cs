namespace UrbanTwin.TwinApi.Areas;

/// <summary>Loads the areas at start-up (before the host serves requests) and keeps polling for areas added elsewhere.</summary>
public sealed partial class AreaRefresh(AreaCatalog catalog, Microsoft.Extensions.Options.IOptions<AreaOptions> options, ILogger<AreaRefresh> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.LoadFile();
        await catalog.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await catalog.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.RefreshFailed(logger, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not refresh the area catalogue; keeping the areas already loaded")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
