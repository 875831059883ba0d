using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans;
using UrbanTwin.Grains.Abstractions.Health;

namespace UrbanTwin.TwinApi.Health;

/// <summary>Ready when a grain can write its state (the node's durable storage works).</summary>
internal sealed class StorageHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var probes = await grains.GetGrain<IStorageProbeGrain>(IStorageProbeGrain.Key).ProbeAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"state written ({probes} probes)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("grain state could not be written", ex);
        }
    }
}
