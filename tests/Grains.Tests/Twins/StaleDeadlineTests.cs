using System.Globalization;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.Grains.Tests.Twins;

/// <summary>A twin wakes at the moment its device's silence passes the limit, not on a fixed beat.</summary>
public sealed class StaleDeadlineTests(DeadlineTwinFixture fixture) : IClassFixture<DeadlineTwinFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Silent_station_goes_stale_at_its_deadline_although_the_periodic_check_is_an_hour_away()
    {
        var assetId = await fixture.ProvisionFreshTwinAsync("aq-camden-02", DeviceKind.AirQuality);
        await using var device = await DeviceClient.ConnectAsync(fixture.MqttPort, "aq-camden-02", fixture.SecretOf("aq-camden-02"));
        var sentAt = fixture.Clock.Now;
        await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-camden-02"), $$"""{"seq":1,"ts":"{{sentAt.ToString("O", CultureInfo.InvariantCulture)}}","no2":28}""");
        var reported = await Eventually.WaitAsync(() => fixture.TwinAsync(assetId), t => t.Accepted == 1, Patience);

        var stale = await Eventually.WaitAsync(() => fixture.TwinAsync(assetId), t => !t.Online, Patience);

        Assert.True(reported.Online);
        var alert = Assert.Single(stale.Alerts);
        Assert.Equal(AlertKind.Stale, alert.Kind);
        Assert.True(alert.RaisedAt >= DateTimeOffset.FromUnixTimeMilliseconds(reported.LastSeenMs!.Value).AddSeconds(3), $"raised at {alert.RaisedAt:O}, before the 3 s limit after {reported.LastSeenMs}");
    }
}
