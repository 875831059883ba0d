using Microsoft.Extensions.Diagnostics.HealthChecks;
using UrbanTwin.Gateway.Mqtt;

namespace UrbanTwin.TwinApi.Health;

/// <summary>Ready when devices can reach the hub: the embedded broker listens, or the connection to mosquitto is up.</summary>
internal sealed class BrokerHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<EmbeddedBroker>() is { } embedded)
        {
            return Task.FromResult(embedded.IsRunning ? HealthCheckResult.Healthy("embedded broker listening") : HealthCheckResult.Unhealthy("embedded broker not listening"));
        }

        if (services.GetService<ExternalBrokerClient>() is { } external)
        {
            return Task.FromResult(external.IsConnected ? HealthCheckResult.Healthy("connected to the external broker") : HealthCheckResult.Unhealthy("not connected to the external broker"));
        }

        return Task.FromResult(HealthCheckResult.Unhealthy("no broker configured"));
    }
}
