using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// A traced device message shows its way from the broker to its twin (the spans an OTLP exporter
/// would send, read here with .NET's own activity listener), and no span carries a reading's value.
/// </summary>
public sealed class IngestionTracingTests
{
    [Fact]
    public async Task A_sampled_message_is_one_ingest_span_with_its_journal_and_twin_steps_and_no_reading_value()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == IngestionTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var dataDirectory = ServerProcess.CreateDirectory("tracing");
        var port = FreePort.Next();
        try
        {
            using var node = await InProcessNode.StartAsync(
                dataDirectory,
                new Dictionary<string, string?> { ["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture), ["Mqtt:TlsPort"] = "0" },
                new SettableClock(DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture)),
                services => services.AddSingleton(new IngestionTelemetry(1.0)));
            var secret = await node.Services.GetRequiredService<DeviceProvisioner>().ProvisionAsync("aq-traced-01", "asset-traced", DeviceKind.AirQuality);
            await using var device = await DeviceClient.ConnectAsync(port, "aq-traced-01", secret);

            Assert.True((await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-traced-01"), """{"seq":1,"ts":"2019-05-07T09:00:00Z","no2":37.25}""")).IsSuccess);

            // The span ends before the message is kept, and the PUBACK waits for that.
            var spans = stopped.Where(s => s.TraceId == stopped.Single(i => i.OperationName == "ingest" && (string?)i.GetTagItem("urbantwin.asset.id") == "asset-traced").TraceId).ToList();
            var ingest = Assert.Single(spans, s => s.OperationName == "ingest");
            Assert.Equal(ActivityKind.Consumer, ingest.Kind);
            Assert.Equal("ut/v1/air-quality/aq-traced-01/telemetry", ingest.GetTagItem("messaging.destination.name"));
            Assert.Equal(1, ingest.GetTagItem("urbantwin.readings"));
            Assert.Equal(ingest.SpanId, Assert.Single(spans, s => s.OperationName == "journal").ParentSpanId);
            Assert.Equal(ingest.SpanId, Assert.Single(spans, s => s.OperationName == "twin").ParentSpanId);
            Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects), tag => Convert.ToString(tag.Value, CultureInfo.InvariantCulture)!.Contains("37.25", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
