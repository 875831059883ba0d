using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.ServiceDefaults.Telemetry;

namespace UrbanTwin.TwinApi.Telemetry;

/// <summary>
/// Traces of device messages from the broker to the twin (<see cref="IngestionTelemetry"/>): when
/// the node sends traces to an OTLP collector, a share of messages
/// (<see cref="TelemetryOptions.IngestSampleRatio"/>) is traced; otherwise none.
/// </summary>
public static class IngestTracing
{
    public static WebApplicationBuilder AddIngestTracing(this WebApplicationBuilder builder)
    {
        var settings = TelemetryOptions.ReadAtSetUp(builder.Configuration);
        if (settings.OtlpCollector() is not null)
        {
            // Replaces the gateway's default, which traces nothing.
            builder.Services.AddSingleton(new IngestionTelemetry(settings.IngestSampleRatio));
        }

        return builder;
    }
}
