using System.Diagnostics;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// Traces of device messages (activity source <c>UrbanTwin.Ingestion</c>): a sampled share of
/// messages gets an <c>ingest</c> span from the broker handing it over to its twin having it, with
/// <c>journal</c> (waiting for the fsync) and <c>twin</c> (the grain call) inside. Attributes name
/// the device kind, the asset and the topic; never a reading's value. Nothing is created when no
/// exporter listens or the ratio is 0.
/// </summary>
public sealed class IngestionTelemetry(double sampleRatio)
{
    public const string SourceName = "UrbanTwin.Ingestion";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a message's span when this message is sampled; the caller restores <see cref="Activity.Current"/>.</summary>
    public Activity? StartMessage(DeviceRegistration registration, string topic, int readings)
    {
        if (sampleRatio <= 0 || !Source.HasListeners() || Random.Shared.NextDouble() >= sampleRatio)
        {
            return null;
        }

        var activity = Source.StartActivity("ingest", ActivityKind.Consumer, parentContext: default);
        activity?.SetTag("messaging.system", "mqtt")
            .SetTag("messaging.destination.name", topic)
            .SetTag("urbantwin.device.kind", registration.Kind.ToString())
            .SetTag("urbantwin.asset.id", registration.AssetId)
            .SetTag("urbantwin.readings", readings);
        return activity;
    }

    /// <summary>A step inside the current message's span (none when it is not traced).</summary>
    public static Activity? StartStep(string name) => Activity.Current?.Source == Source ? Source.StartActivity(name) : null;
}
