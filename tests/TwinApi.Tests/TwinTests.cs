using System.Globalization;
using System.Net;
using System.Text.Json;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TwinApi.Tests.OpenData;

namespace UrbanTwin.TwinApi.Tests;

[Collection(HostDefinition.Name)]
public sealed class TwinTests(HostFixture fixture)
{
    [Fact]
    public async Task A_reading_published_over_mqtt_shows_in_the_twin_with_unit_and_time()
    {
        using var admin = fixture.Admin();
        var asset = AssetBuilder.AirQuality();
        var secret = (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created).GetProperty("device").GetProperty("secret").GetString()!;
        var takenAt = DateTimeOffset.UtcNow.AddSeconds(-5);
        takenAt = DateTimeOffset.FromUnixTimeMilliseconds(takenAt.ToUnixTimeMilliseconds());

        await using (var device = await DeviceClient.ConnectAsync(fixture.Host.MqttPort, asset.Id, secret))
        {
            await device.PublishAsync(DeviceTopic.Status(DeviceKind.AirQuality, asset.Id), """{"state":"online","firmware":"1.4.2"}""");
            await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, asset.Id), $$"""{"seq":1,"ts":{{takenAt.ToUnixTimeMilliseconds()}},"no2":41.5,"pm2_5":12.25,"battery":3.7}""");
            var twin = await Eventually.WaitAsync(() => admin.GetJsonAsync($"/api/assets/{asset.Id}/twin"), t => t.Body.GetProperty("latest").TryGetProperty("no2", out _), TimeSpan.FromSeconds(20));

            var latest = twin.Body.GetProperty("latest");
            Assert.Equal(41.5, latest.GetProperty("no2").GetProperty("value").GetDouble());
            Assert.Equal("µg/m³", latest.GetProperty("no2").GetProperty("unit").GetString());
            Assert.Equal(takenAt, latest.GetProperty("no2").GetProperty("at").GetDateTimeOffset());
            Assert.Equal(3.7, latest.GetProperty("battery").GetProperty("value").GetDouble());
            Assert.True(twin.Body.GetProperty("online").GetBoolean());
            Assert.Equal("1.4.2", twin.Body.GetProperty("firmware").GetString());
            Assert.Equal(1, twin.Body.GetProperty("counters").GetProperty("accepted").GetInt64());
            Assert.Equal("ok", twin.Body.GetProperty("asset").GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task The_times_of_a_twins_derived_status_are_rfc3339_like_its_other_times()
    {
        using var admin = fixture.Admin();
        var takenAt = OpenDataRequests.HourStart(2).AddMinutes(30);
        var hourStart = "\"hourStart\":\"" + OpenDataRequests.HourStart(2).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture) + "\"";
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality());
        await using var counter = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.Footfall());
        var junction = AssetBuilder.BusPriority();
        var secret = await admin.RegisterAsync(junction);

        await station.SendAsync(takenAt, "\"no2\":41.5");
        await counter.SendAsync(takenAt, "\"interval\":900,\"countIn\":12,\"countOut\":9");
        var asked = DateTimeOffset.UtcNow;
        await using var device = await DeviceClient.ConnectAsync(fixture.Host.MqttPort, junction.Id, secret);
        await device.PublishAsync(DeviceTopic.Request(junction.Id), $$"""{"seq":1,"ts":{{asked.ToUnixTimeMilliseconds()}},"vehicle":"LX11ABC","route":"24","approach":"north","etaSeconds":12,"lateSeconds":180}""");
        var air = await TwinTextAsync(admin, station.Id, "\"airQuality\"");
        var footfall = await TwinTextAsync(admin, counter.Id, "\"footfall\"");
        var priority = await TwinTextAsync(admin, junction.Id, "\"recentDecisions\":[{");
        var answered = DateTimeOffset.UtcNow;

        Assert.Contains(hourStart, air, StringComparison.Ordinal);
        Assert.Contains(hourStart, footfall, StringComparison.Ordinal);
        var decidedAt = JsonDocument.Parse(priority).RootElement.GetProperty("busPriority").GetProperty("recentDecisions")[0].GetProperty("decidedAt");
        Assert.EndsWith("+00:00", decidedAt.GetString(), StringComparison.Ordinal);
        Assert.InRange(decidedAt.GetDateTimeOffset(), asked.AddSeconds(-1), answered);
        Assert.All([air, footfall, priority], body => Assert.DoesNotMatch("\"[A-Za-z]+Ms\":", body));
    }

    private static Task<string> TwinTextAsync(HttpClient admin, string assetId, string holding) =>
        Eventually.WaitAsync(
            () => admin.GetStringAsync($"/api/assets/{assetId}/twin", TestContext.Current.CancellationToken),
            body => body.Contains(holding, StringComparison.Ordinal),
            TimeSpan.FromSeconds(20));
}
