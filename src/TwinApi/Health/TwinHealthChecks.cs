using UrbanTwin.ServiceDefaults.Health;

namespace UrbanTwin.TwinApi.Health;

/// <summary>What <c>/health</c> checks on this node: the silo, grain storage, the broker, the time-series store and the ingestion journal.</summary>
public static class TwinHealthChecks
{
    public static IServiceCollection AddTwinHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<BrokerHealthCheck>("broker", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<TimeSeriesHealthCheck>("time-series", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<JournalHealthCheck>("journal", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
