using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Gateway.Sessions;

/// <summary>
/// This node's gateway in the cluster's <see cref="IGatewayDirectoryGrain"/>: it renews its entry
/// every <see cref="IGatewayDirectoryGrain.RenewSeconds"/> seconds and, when a device's credentials are
/// revoked anywhere in the cluster, ends that device's sessions here at once.
/// </summary>
public sealed partial class SessionRevocationListener(
    IGrainFactory grains,
    IEnumerable<IDeviceSessionControl> sessions,
    ILogger<SessionRevocationListener> logger) : BackgroundService, IDeviceSessionObserver
{
    private readonly string _nodeId = Guid.NewGuid().ToString("N");
    public Task CredentialsRevokedAsync(string deviceId)
    {
        _ = EndAsync(deviceId);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = grains.CreateObjectReference<IDeviceSessionObserver>(this);
        var directory = grains.GetGrain<IGatewayDirectoryGrain>(IGatewayDirectoryGrain.Key);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(IGatewayDirectoryGrain.RenewSeconds));
        do
        {
            try
            {
                await directory.JoinAsync(_nodeId, self);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.JoinFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task EndAsync(string deviceId)
    {
        foreach (var control in sessions)
        {
            try
            {
                await control.EndSessionsAsync(deviceId, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.EndFailed(logger, ex, deviceId);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Warning, "Could not join the cluster's gateway directory (revoked devices may stay connected here until it is reached): {Reason}")]
        public static partial void JoinFailed(ILogger logger, string reason);

        [LoggerMessage(51, LogLevel.Error, "Could not end the sessions of device {DeviceId}, whose credentials were revoked")]
        public static partial void EndFailed(ILogger logger, Exception exception, string deviceId);
    }
}
