using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>Readings in over MQTT, derived state out of the twin: DAQI and its alert, footfall totals, bus priority decisions.</summary>
[Collection(NodeCollection.Name)]
public sealed class TwinDerivationTests(GatewayHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Pollution_episode_raises_the_daqi_to_very_high_with_a_critical_alert_and_clean_air_clears_it()
    {
        var start = DateTimeOffset.Parse("2019-05-07T00:00:00Z", CultureInfo.InvariantCulture);
        fixture.Clock.Now = start.AddHours(24);
        var assetId = await fixture.ProvisionFreshTwinAsync("aq-camden-02", DeviceKind.AirQuality);
        await using var device = await DeviceClient.ConnectAsync(fixture.MqttPort, "aq-camden-02", fixture.SecretOf("aq-camden-02"));
        var topic = DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-camden-02");

        // 24 hourly readings of an episode: PM2.5 at 75 µg/m³ (index 10), NO2 at 150 (index 3).
        var episode = string.Join(",", Enumerable.Range(0, 24).Select(h => $$"""{"seq":{{h}},"ts":{{start.AddHours(h).AddMinutes(30).ToUnixTimeMilliseconds()}},"pm2_5":75,"no2":150}"""));
        await device.PublishAsync(topic, "[" + episode + "]");
        var polluted = await fixture.TwinAsync(assetId);

        // A day of clean air later the running mean is back to index 1.
        fixture.Clock.Now = start.AddHours(48);
        var clean = string.Join(",", Enumerable.Range(24, 24).Select(h => $$"""{"seq":{{h}},"ts":{{start.AddHours(h).AddMinutes(30).ToUnixTimeMilliseconds()}},"pm2_5":5,"no2":20}"""));
        await device.PublishAsync(topic, "[" + clean + "]");
        var recovered = await fixture.TwinAsync(assetId);

        Assert.Equal(10, polluted.AirQuality!.Index);
        Assert.Equal("VeryHigh", polluted.AirQuality.Band);
        Assert.Equal("Pm25", polluted.AirQuality.WorstPollutant);
        Assert.Equal(3, polluted.AirQuality.No2Index);
        var alert = Assert.Single(polluted.Alerts);
        Assert.Equal(AlertKind.AirQualityHigh, alert.Kind);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal("alert", polluted.Status);
        Assert.Equal(1, recovered.AirQuality!.Index);
        Assert.Empty(recovered.Alerts);
        Assert.Equal("ok", recovered.Status);
    }

    [Fact]
    public async Task Accepted_readings_reach_the_time_series_exactly_and_duplicates_do_not()
    {
        fixture.Clock.Now = DateTimeOffset.Parse("2019-05-07T12:00:05Z", CultureInfo.InvariantCulture);
        var assetId = await fixture.ProvisionFreshTwinAsync("aq-westminster-01", DeviceKind.AirQuality);
        await using var device = await DeviceClient.ConnectAsync(fixture.MqttPort, "aq-westminster-01", fixture.SecretOf("aq-westminster-01"));
        var topic = DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-westminster-01");

        await device.PublishAsync(topic, """[{"seq":1,"ts":"2019-05-07T10:00:00Z","no2":31.25},{"seq":2,"ts":"2019-05-07T11:00:00Z","no2":28},{"seq":3,"ts":"2019-05-07T12:00:00Z","no2":0.1}]""");
        await device.PublishAsync(topic, """{"seq":2,"ts":"2019-05-07T11:00:00Z","no2":28}""");
        var store = fixture.Host.Services.GetRequiredService<ITimeSeriesStore>();
        await store.FlushAsync(TestContext.Current.CancellationToken);
        var raw = await store.RawAsync(DeviceKind.AirQuality, assetId, "no2", 0, long.MaxValue, TestContext.Current.CancellationToken);

        Assert.Equal([31.25, 28, 0.1], raw.Select(v => v.Value));
        Assert.Equal(DateTimeOffset.Parse("2019-05-07T10:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), raw[0].TimestampMs);
        Assert.Equal(1, (await fixture.TwinAsync(assetId)).Duplicates);
    }

    [Fact]
    public async Task Footfall_intervals_add_up_to_hourly_and_daily_totals_and_a_resent_interval_replaces()
    {
        fixture.Clock.Now = DateTimeOffset.Parse("2019-05-07T10:00:05Z", CultureInfo.InvariantCulture);
        var assetId = await fixture.ProvisionFreshTwinAsync("ff-oxford-st-01", DeviceKind.Footfall);
        await using var device = await DeviceClient.ConnectAsync(fixture.MqttPort, "ff-oxford-st-01", fixture.SecretOf("ff-oxford-st-01"));
        var topic = DeviceTopic.Telemetry(DeviceKind.Footfall, "ff-oxford-st-01");

        await device.PublishAsync(topic, """[{"seq":1,"ts":"2019-05-07T09:15:00Z","interval":900,"countIn":40,"countOut":35},{"seq":2,"ts":"2019-05-07T09:30:00Z","interval":900,"countIn":52,"countOut":47}]""");
        await device.PublishAsync(topic, """{"seq":3,"ts":"2019-05-07T09:30:00Z","interval":900,"countIn":55,"countOut":47}""");
        await device.PublishAsync(topic, """{"seq":4,"ts":"2019-05-07T10:00:00Z","interval":1800,"countIn":120,"countOut":99}""");
        var twin = await fixture.TwinAsync(assetId);

        var footfall = twin.Footfall!;
        Assert.Equal(DateTimeOffset.Parse("2019-05-07T09:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), footfall.HourStartMs);
        Assert.Equal(40 + 55 + 120, footfall.HourIn);
        Assert.Equal(35 + 47 + 99, footfall.HourOut);
        Assert.Equal(new DateOnly(2019, 5, 7), footfall.Day);
        Assert.Equal(215, footfall.DayIn);
    }

    [Fact]
    public async Task Late_bus_is_granted_on_cmd_priority_and_the_next_request_in_the_inhibit_window_is_denied()
    {
        fixture.Clock.Now = DateTimeOffset.Parse("2019-05-07T08:00:05Z", CultureInfo.InvariantCulture);
        var assetId = await fixture.ProvisionFreshTwinAsync("bp-junction-0042", DeviceKind.BusPriority);
        await using var junction = await DeviceClient.ConnectAsync(fixture.MqttPort, "bp-junction-0042", fixture.SecretOf("bp-junction-0042"));
        await junction.SubscribeAsync("ut/v1/bus-priority/bp-junction-0042/cmd/#");
        var requestTopic = DeviceTopic.Request("bp-junction-0042");
        await junction.PublishAsync(DeviceTopic.Telemetry(DeviceKind.BusPriority, "bp-junction-0042"), """{"seq":1,"ts":"2019-05-07T08:00:00Z","occupancy":35,"queue":4}""");

        await junction.PublishAsync(requestTopic, """{"seq":2,"ts":"2019-05-07T08:00:01Z","vehicle":"LT-118","route":"38","approach":"north","etaSeconds":9,"lateSeconds":140}""");
        var first = await junction.NextMessageAsync(Patience);
        fixture.Clock.Now = fixture.Clock.Now.AddSeconds(30);
        await junction.PublishAsync(requestTopic, """{"seq":3,"ts":"2019-05-07T08:00:31Z","vehicle":"LT-204","route":"73","approach":"east","etaSeconds":40,"lateSeconds":300}""");
        var second = await junction.NextMessageAsync(Patience);
        var twin = await fixture.TwinAsync(assetId);

        Assert.Equal("ut/v1/bus-priority/bp-junction-0042/cmd/priority", first.Topic);
        Assert.Equal("""{"requestSeq":2,"decision":"granted","action":"extend-green","seconds":10,"reason":"late"}""", Encoding.UTF8.GetString(first.Payload));
        using var denied = JsonDocument.Parse(Encoding.UTF8.GetString(second.Payload));
        Assert.Equal(3u, denied.RootElement.GetProperty("requestSeq").GetUInt32());
        Assert.Equal("denied", denied.RootElement.GetProperty("decision").GetString());
        Assert.Equal("inhibited", denied.RootElement.GetProperty("reason").GetString());
        var priority = twin.BusPriority!;
        Assert.Equal(2, priority.Requests);
        Assert.Equal(1, priority.Granted);
        Assert.Equal([3u, 2u], priority.RecentDecisions.Select(d => d.RequestSeq));
        Assert.Equal(1, priority.Routes["38"].Granted);
        Assert.Equal(140, priority.Routes["38"].MeanGrantedLatenessSeconds);
        Assert.Equal(1, priority.Routes["73"].Denied);
        Assert.DoesNotContain("LT-118", JsonSerializer.Serialize(twin), StringComparison.Ordinal);
    }
}
