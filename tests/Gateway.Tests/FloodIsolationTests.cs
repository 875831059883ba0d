using System.Diagnostics.Metrics;
using System.Globalization;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.Gateway.Tests;

/// <summary>A device flooding garbage neither blocks another device nor floods itself with replies.</summary>
[Collection(RateLimitedGatewayCollection.Name)]
public sealed class FloodIsolationTests(RateLimitedGatewayHostFixture fixture)
{
    [Fact]
    public async Task Garbage_flood_from_one_device_does_not_hold_up_another_devices_reading()
    {
        fixture.Clock.Now = DateTimeOffset.Parse("2019-05-07T09:00:10Z", CultureInfo.InvariantCulture);
        var suppressed = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestionMetrics.MeterName && instrument.Name == "urbantwin.ingest.error_replies.suppressed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref suppressed, value));
        listener.Start();

        var flooderAsset = await fixture.ProvisionFreshTwinAsync("aq-westminster-01", DeviceKind.AirQuality);
        var quietAsset = await fixture.ProvisionFreshTwinAsync("aq-camden-02", DeviceKind.AirQuality);
        await using var flooder = await DeviceClient.ConnectAsync(fixture.MqttPort, "aq-westminster-01", fixture.SecretOf("aq-westminster-01"));
        await using var quiet = await DeviceClient.ConnectAsync(fixture.MqttPort, "aq-camden-02", fixture.SecretOf("aq-camden-02"));
        await flooder.SubscribeErrorsAsync(DeviceKind.AirQuality);

        // The flood runs until the quiet device's reading is acknowledged (at most 200,000 messages).
        using var stop = new CancellationTokenSource();
        var garbageTopic = DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-westminster-01");
        var flood = Task.WhenAll(Enumerable.Range(0, 8).Select(async lane =>
        {
            var sent = 0;
            while (!stop.IsCancellationRequested && sent < 25_000)
            {
                await flooder.PublishAsync(garbageTopic, "{\"seq\":" + lane + ",\"ts\":");
                sent++;
            }

            return sent;
        }));
        await Eventually.WaitAsync(() => fixture.TwinAsync(flooderAsset), t => t.Rejected >= 100, TimeSpan.FromSeconds(30));

        var ack = await quiet.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-camden-02"), """{"seq":1,"ts":"2019-05-07T09:00:00Z","no2":28}""");
        var floodStillRunning = !flood.IsCompleted;
        await stop.CancelAsync();
        var floodSent = (await flood).Sum();

        Assert.True(ack.IsSuccess);
        Assert.True(floodStillRunning, "the flood ended before the quiet device was served; raise the flood size");
        var quietTwin = await fixture.TwinAsync(quietAsset);
        Assert.Equal(1, quietTwin.Accepted);
        Assert.Contains(quietTwin.Latest, f => f.Field == "no2" && f.Value == 28);
        var flooderTwin = await fixture.TwinAsync(flooderAsset);
        Assert.Equal(floodSent, flooderTwin.Rejected);
        Assert.True(Interlocked.Read(ref suppressed) >= floodSent - 40, $"sent {floodSent} garbage messages, suppressed {suppressed} replies");
    }
}
