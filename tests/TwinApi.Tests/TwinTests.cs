using System.Net;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;

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
}
