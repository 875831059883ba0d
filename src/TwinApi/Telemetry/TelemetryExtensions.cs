using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.ServiceDefaults;
using UrbanTwin.TwinApi.Access;

namespace UrbanTwin.TwinApi.Telemetry;

/// <summary>
/// OpenTelemetry for the node: metrics of our meters (<c>UrbanTwin.*</c>), Orleans, ASP.NET Core,
/// Kestrel and the .NET runtime, readable by Prometheus at <see cref="TelemetryOptions.PrometheusPath"/>
/// (an API key with the <c>monitor</c> role; never anonymous) and sent to an OTLP collector when
/// <see cref="TelemetryOptions.OtlpEndpoint"/> is set, with traces of HTTP requests and of device
/// messages from the broker to the twin (<see cref="IngestionTelemetry"/>). No attribute carries a
/// reading's value, a secret or a client address.
/// </summary>
public static class TelemetryExtensions
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TelemetryOptions>(TelemetryOptions.Section);

        // Read now as well: which exporters exist is decided while the services are built. An
        // endpoint that is not a URL adds none; the validation at start then stops the host naming the key.
        var settings = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = Uri.TryCreate(settings.OtlpEndpoint, UriKind.Absolute, out var endpoint) ? endpoint : null;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("urbantwin", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("UrbanTwin.*")
                    .AddMeter("Microsoft.Orleans")
                    .AddMeter("System.Runtime")
                    .AddAspNetCoreInstrumentation();
                if (!string.IsNullOrEmpty(settings.PrometheusPath))
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => exporter.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(IngestionTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(http => http.Filter = context => !IsScrapeOrProbe(context.Request.Path, settings.PrometheusPath))
                .AddOtlpExporter(exporter => exporter.Endpoint = otlp));

            // Replaces the gateway's default, which traces nothing.
            builder.Services.AddSingleton(new IngestionTelemetry(settings.IngestSampleRatio));
        }

        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint, for keys with the <c>monitor</c> or <c>admin</c> role.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        var path = app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusPath;
        if (!string.IsNullOrEmpty(path))
        {
            app.MapPrometheusScrapingEndpoint(path).RequireAuthorization(AccessPolicies.Metrics).ExcludeFromDescription();
        }

        return app;
    }

    private static bool IsScrapeOrProbe(PathString path, string prometheusPath) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal)
        || (!string.IsNullOrEmpty(prometheusPath) && path.StartsWithSegments(prometheusPath, StringComparison.Ordinal));
}
