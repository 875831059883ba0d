using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace UrbanTwin.ServiceDefaults.Telemetry;

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

    /// <summary>
    /// The section as the host's set-up reads it: which exporters exist is decided while the
    /// services are built. Not validated here: an endpoint that is not a URL adds no exporter, and
    /// the validation at start then stops the host naming the key.
    /// </summary>
    public static TelemetryOptions ReadAtSetUp(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

    /// <summary>The OTLP collector to export to; null when <see cref="OtlpEndpoint"/> is unset or not an absolute URL.</summary>
    public Uri? OtlpCollector() => Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var endpoint) ? endpoint : null;
}
