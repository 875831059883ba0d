using Microsoft.Extensions.Logging;
using UrbanTwin.Simulator.Generation;
using UrbanTwin.Simulator.Provisioning;

namespace UrbanTwin.Simulator.Devices;

/// <summary>
/// Runs provisioned devices over MQTT until cancelled: each its own connection and credentials,
/// connecting spread over <see cref="FleetRunOptions.StartSpread"/>, then reporting on its own.
/// </summary>
public sealed class FleetRunner(FleetRunOptions options, SimulatorMetrics metrics, TimeProvider time, ILoggerFactory loggers)
{
    public SimulatorMetrics Metrics => metrics;

    public Task RunAsync(IReadOnlyList<ProvisionedDevice> devices, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<FleetRunner>();
        var runs = new Task[devices.Count];
        for (var i = 0; i < devices.Count; i++)
        {
            var (device, secret) = devices[i];
            var runner = new SimulatedDeviceRunner(new DeviceGenerator(device, options.Generator), secret, options, time, metrics, logger);
            var delay = devices.Count <= 1 ? TimeSpan.Zero : options.StartSpread * i / devices.Count;
            runs[i] = Task.Run(() => runner.RunAsync(delay, cancellationToken), CancellationToken.None);
        }

        return Task.WhenAll(runs);
    }
}
