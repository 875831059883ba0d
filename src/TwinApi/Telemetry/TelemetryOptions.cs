using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.TwinApi.Telemetry;

/// <summary>The <c>Telemetry</c> configuration section: what the node exports about itself.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Where the Prometheus scrape endpoint answers (<c>Telemetry:PrometheusPath</c>); empty turns it
    /// off. It needs an API key with the <c>monitor</c> (or <c>admin</c>) role.
    /// </summary>
    [RegularExpression("^(/.*)?$", ErrorMessage = "Telemetry:PrometheusPath must be empty or start with '/'.")]
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// An OTLP collector to send metrics and traces to (<c>Telemetry:OtlpEndpoint</c>, e.g.
    /// <c>http://127.0.0.1:4317</c>); unset: nothing is sent anywhere.
    /// </summary>
    [Url(ErrorMessage = "Telemetry:OtlpEndpoint must be an absolute http or https URL.")]
    public string? OtlpEndpoint { get; set; }

    /// <summary>Traces of a share of device messages (<c>Telemetry:IngestSampleRatio</c>, 0–1); HTTP requests are all traced when OTLP is on.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Telemetry:IngestSampleRatio must be between {1} and {2}.")]
    public double IngestSampleRatio { get; set; } = 0.01;
}
