using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace UrbanTwin.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for a node: metrics of our meters (<c>UrbanTwin.*</c>), Orleans, ASP.NET Core,
/// Kestrel and the .NET runtime, readable by Prometheus at <see cref="TelemetryOptions.PrometheusPath"/>
/// (behind an authorization policy the host names; never anonymous) and sent to an OTLP collector
/// when <see cref="TelemetryOptions.OtlpEndpoint"/> is set, with traces of HTTP requests and of our
/// activity sources (<c>UrbanTwin.*</c>, e.g. device messages from the broker to the twin). No
/// attribute carries a reading's value, a secret or a client address.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The meters and activity sources of UrbanTwin's own code.</summary>
    private const string OurSources = "UrbanTwin.*";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TelemetryOptions>(TelemetryOptions.Section);

        var settings = TelemetryOptions.ReadAtSetUp(builder.Configuration);
        var otlp = settings.OtlpCollector();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("urbantwin", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OurSources)
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
                .AddSource(OurSources)
                .AddAspNetCoreInstrumentation(http => http.Filter = context => !IsScrapeOrProbe(context.Request.Path, settings.PrometheusPath))
                .AddOtlpExporter(exporter => exporter.Endpoint = otlp));
        }

        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint, for callers who meet <paramref name="policy"/>.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app, string policy)
    {
        var path = app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusPath;
        if (!string.IsNullOrEmpty(path))
        {
            app.MapPrometheusScrapingEndpoint(path).RequireAuthorization(policy).ExcludeFromDescription();
        }

        return app;
    }

    private static bool IsScrapeOrProbe(PathString path, string prometheusPath) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal)
        || (!string.IsNullOrEmpty(prometheusPath) && path.StartsWithSegments(prometheusPath, StringComparison.Ordinal));
}
