using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UrbanTwin.ServiceDefaults.Health;
using UrbanTwin.ServiceDefaults.Problems;
using UrbanTwin.ServiceDefaults.Telemetry;

namespace UrbanTwin.ServiceDefaults;

/// <summary>
/// The ServiceDefaults project's front door. A host calls <see cref="AddServiceDefaults"/> and
/// <see cref="MapDefaultEndpoints"/>; the components it hosts call <see cref="AddUrbanTwinDefaults"/>
/// for the options they share.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// OpenTelemetry (<see cref="TelemetryExtensions"/>), health checks and problem details
    /// (<see cref="ProblemDetailsDefaults"/>); the host adds the checks <c>/health</c> runs, tagged
    /// <see cref="HealthEndpoints.ReadyTag"/>, and its own problem types.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddTelemetry();
        builder.Services.AddHealthChecks();
        builder.Services.AddDefaultProblemDetails();
        return builder;
    }

    /// <summary>Binds and validates the options every host shares (idempotent).</summary>
    public static IServiceCollection AddUrbanTwinDefaults(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        return services;
    }

    /// <summary>
    /// <c>/health</c> and <c>/health/live</c> for anyone, and the Prometheus scrape endpoint for
    /// callers who meet <paramref name="metricsPolicy"/>, a policy the host defines.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, string metricsPolicy)
    {
        app.MapHealthEndpoints();
        app.MapMetrics(metricsPolicy);
        return app;
    }
}
