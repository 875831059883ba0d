using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Gateway.Mqtt;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.ServiceDefaults;

namespace UrbanTwin.Gateway.Mosquitto;

/// <summary>
/// Keeps mosquitto's password and ACL files in step with the registry: checks the fleet index's
/// version every <see cref="Interval"/>, rewrites both files when it moved, and, if mosquitto's
/// pid file is configured, sends it SIGHUP so it reloads them.
/// </summary>
public sealed partial class MosquittoAuthExporter(
    IOptions<MqttOptions> options,
    IOptions<StorageOptions> storage,
    IGrainFactory grains,
    ILogger<MosquittoAuthExporter> logger) : BackgroundService
{
    private readonly SemaphoreSlim _exporting = new(1, 1);
    private long _writtenVersion = -1;

    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(2);

    public string Directory => Path.Combine(storage.Value.EnsureDataDirectory(), options.Value.AuthFilesDirectory ?? "mosquitto");

    /// <summary>Writes the files now if the registry changed since the last write; returns whether it wrote.</summary>
    public async Task<bool> ExportIfChangedAsync(CancellationToken cancellationToken)
    {
        await _exporting.WaitAsync(cancellationToken);
        try
        {
            if (await DeviceIndex.GetVersionAsync(grains) == _writtenVersion)
            {
                return false;
            }

            var settings = options.Value;
            var fleet = await DeviceIndex.GetSnapshotAsync(grains);
            await MosquittoAuthFiles.WriteAsync(Directory, fleet, settings.Username, settings.Password!, cancellationToken);
            _writtenVersion = fleet.Version;
            IngestionLog.AuthFilesWritten(logger, Directory, fleet.Version, fleet.Devices.Count);
            var withoutHash = fleet.Devices.Count(d => d.Active && d.MosquittoHash is null);
            if (withoutHash > 0)
            {
                IngestionLog.DevicesWithoutMosquittoHash(logger, withoutHash);
            }

            SignalBroker(settings.BrokerPidFile);
            return true;
        }
        finally
        {
            _exporting.Release();
        }
    }

    public override void Dispose()
    {
        _exporting.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await ExportIfChangedAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                IngestionLog.AuthFilesFailed(logger, ex, Directory);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void SignalBroker(string? pidFile)
    {
        if (pidFile is null || !File.Exists(pidFile))
        {
            return;
        }

        if (int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1 && !OperatingSystem.IsWindows())
        {
            const int SigHup = 1;
            if (Kill(pid, SigHup) != 0)
            {
                IngestionLog.BrokerSignalFailed(logger, pid, Marshal.GetLastPInvokeError());
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
