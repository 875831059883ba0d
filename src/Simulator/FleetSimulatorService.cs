using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UrbanTwin.Contracts;
using UrbanTwin.Simulator.Devices;
using UrbanTwin.Simulator.Fleet;
using UrbanTwin.Simulator.Generation;
using UrbanTwin.Simulator.Provisioning;

namespace UrbanTwin.Simulator;

/// <summary>
/// The simulated city a host starts with <c>--simulate N</c>: once the host has started, plans the
/// fleet, provisions it through the product's fleet service (new assets registered, existing ones
/// given a fresh secret, so a restart on the same data works), runs every device over MQTT and logs
/// a summary every minute. Does nothing when <see cref="SimulatorOptions.Devices"/> is 0.
/// </summary>
public sealed partial class FleetSimulatorService(
    IOptions<SimulatorOptions> options,
    IFleetProvisioner provisioner,
    IHostApplicationLifetime lifetime,
    SimulatorMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    public static readonly TimeSpan SummaryInterval = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger = loggers.CreateLogger<FleetSimulatorService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Devices == 0)
        {
            return;
        }

        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        var broker = new BrokerEndpoint(settings.BrokerHost ?? "127.0.0.1", settings.BrokerPort ?? 1883);
        var plan = FleetPlan.Create(settings.Devices, settings.Seed, settings.IdPrefix);
        ProvisionedFleet fleet;
        try
        {
            fleet = await provisioner.ProvisionAsync(plan, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ProvisioningFailed(_logger, ex);
            return;
        }

        Log.Started(
            _logger,
            fleet.Devices.Count,
            fleet.Devices.Count(d => d.Device.Kind == DeviceKind.AirQuality),
            fleet.Devices.Count(d => d.Device.Kind == DeviceKind.Footfall),
            fleet.Devices.Count(d => d.Device.Kind == DeviceKind.BusPriority),
            broker.Host,
            broker.Port,
            fleet.Registered,
            fleet.Renewed,
            fleet.Skipped);

        var run = new FleetRunner(
            new FleetRunOptions(broker, new GeneratorOptions
            {
                Seed = settings.Seed,
                SpeedUp = settings.SpeedUp,
                FaultRate = settings.FaultRate,
                BadPayloadShare = settings.BadPayloadShare,
            })
            {
                OutageInterval = settings.OutageInterval,
                OutageDuration = settings.OutageDuration,
            },
            metrics,
            time,
            loggers).RunAsync(fleet.Devices, stoppingToken);

        using var summary = new PeriodicTimer(SummaryInterval, time);
        try
        {
            while (await summary.WaitForNextTickAsync(stoppingToken))
            {
                Log.Summary(_logger, metrics.Connected, fleet.Devices.Count, metrics.Sent, metrics.Bad, metrics.BacklogArrays, metrics.ErrorReplies, metrics.Granted, metrics.Denied);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Waits until the host has started (silo, broker and areas up); false when it stops first.</summary>
    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Simulating {Devices} devices ({AirQuality} air-quality, {Footfall} footfall, {BusPriority} bus-priority) at real London places, connecting to MQTT {Host}:{Port}; assets registered {Registered}, secrets renewed {Renewed}, left out {Skipped}")]
        public static partial void Started(ILogger logger, int devices, int airQuality, int footfall, int busPriority, string host, int port, int registered, int renewed, int skipped);

        [LoggerMessage(2, LogLevel.Information, "Simulator: {Connected} of {Devices} devices connected; {Sent} messages sent ({Bad} bad on purpose), {Backlogs} backlog arrays after outages; {Errors} error replies; bus priority {Granted} granted, {Denied} denied")]
        public static partial void Summary(ILogger logger, long connected, int devices, long sent, long bad, long backlogs, long errors, long granted, long denied);

        [LoggerMessage(3, LogLevel.Error, "The simulated fleet could not be provisioned; no devices are simulated")]
        public static partial void ProvisioningFailed(ILogger logger, Exception exception);
    }
}
