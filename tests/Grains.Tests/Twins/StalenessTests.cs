using System.Globalization;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>A silent device's twin goes offline with a stale alert, and its next reading clears it.</summary>
[Collection(StaleTwinCollection.Name)]
public sealed class StalenessTests(StaleTwinFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Silent_station_goes_stale_after_three_intervals_and_recovers_on_its_next_reading()
    {
        var start = DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture);
        fixture.Clock.Now = start;
        var assetId = await fixture.ProvisionFreshTwinAsync("aq-camden-02", DeviceKind.AirQuality);
        await using var device = await DeviceClient.ConnectAsync(fixture.MqttPort, "aq-camden-02", fixture.SecretOf("aq-camden-02"));
        var topic = DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-camden-02");
        await device.PublishAsync(topic, """{"seq":1,"ts":"2019-05-07T09:00:00Z","no2":28}""");

        fixture.Clock.Now = start.AddMinutes(14); // within 3 x 5 min
        var stillFresh = await fixture.TwinAsync(assetId);
        fixture.Clock.Now = start.AddMinutes(16);
        var stale = await Eventually.WaitAsync(() => fixture.TwinAsync(assetId), t => !t.Online, Patience);
        var book = fixture.Grains.GetGrain<IAlertBookGrain>(IAlertBookGrain.Key);
        var active = await book.GetActiveAsync();

        await device.PublishAsync(topic, """{"seq":2,"ts":"2019-05-07T09:16:00Z","no2":30}""");
        var recovered = await fixture.TwinAsync(assetId);
        var recent = await book.GetRecentAsync(10);

        Assert.True(stillFresh.Online);
        Assert.Empty(stillFresh.Alerts);
        var alert = Assert.Single(stale.Alerts);
        Assert.Equal(AlertKind.Stale, alert.Kind);
        Assert.Equal(start.AddMinutes(16), alert.RaisedAt);
        Assert.Contains("limit 15 min", alert.Reason, StringComparison.Ordinal);
        Assert.Contains(active, a => a.AlertId == alert.AlertId);
        Assert.True(recovered.Online);
        Assert.Empty(recovered.Alerts);
        Assert.DoesNotContain(await book.GetActiveAsync(), a => a.AssetId == assetId);
        Assert.Contains(recent, a => a.AlertId == alert.AlertId && a.ClearedAt == start.AddMinutes(16));
    }

    [Fact]
    public async Task A_device_never_heard_from_is_offline_without_a_stale_alert()
    {
        var start = DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture);
        fixture.Clock.Now = start;
        var neverHeard = await fixture.ProvisionFreshTwinAsync("aq-camden-01", DeviceKind.AirQuality);
        var reporting = await fixture.ProvisionFreshTwinAsync("aq-camden-02", DeviceKind.AirQuality);
        var before = await fixture.TwinAsync(neverHeard);
        await using (var device = await DeviceClient.ConnectAsync(fixture.MqttPort, "aq-camden-02", fixture.SecretOf("aq-camden-02")))
        {
            await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-camden-02"), """{"seq":1,"ts":"2019-05-07T09:00:00Z","no2":28}""");
        }

        fixture.Clock.Now = start.AddMinutes(16);
        await Eventually.WaitAsync(() => fixture.TwinAsync(reporting), t => !t.Online, Patience);
        var after = await fixture.TwinAsync(neverHeard);

        Assert.False(before.Online);
        Assert.False(after.Online);
        Assert.Null(after.LastSeenMs);
        Assert.Empty(after.Alerts);
        Assert.DoesNotContain(await fixture.Grains.GetGrain<IAlertBookGrain>(IAlertBookGrain.Key).GetActiveAsync(), a => a.AssetId == neverHeard);
    }
}
