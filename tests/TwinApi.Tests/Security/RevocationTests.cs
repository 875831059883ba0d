using System.Net;
using MQTTnet;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.TwinApi.Tests.Security;

/// <summary>A device whose credentials stop holding is disconnected at once, not at its next CONNECT.</summary>
[Collection(HostileHostDefinition.Name)]
public sealed class RevocationTests(HostileHostFixture fixture)
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Decommissioning_an_asset_disconnects_its_device_and_it_cannot_come_back()
    {
        var asset = AssetBuilder.AirQuality();
        var (device, secret) = await fixture.ConnectedAsync(asset);
        await using var _ = device;
        using var admin = fixture.Admin();

        var deleted = await admin.SendAsync(HttpMethod.Delete, $"/api/assets/{asset.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        await Eventually.WaitAsync(() => Task.FromResult(device.IsConnected), connected => !connected, Prompt);
        var refused = await Assert.ThrowsAsync<ConnectionRefusedException>(() => DeviceClient.ConnectAsync(fixture.MqttPort, asset.Id, secret));
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refused.Code);
    }

    [Fact]
    public async Task Rotating_a_secret_disconnects_the_old_secrets_sessions_and_only_the_new_one_connects()
    {
        var asset = AssetBuilder.Footfall();
        var (device, oldSecret) = await fixture.ConnectedAsync(asset);
        await using var _ = device;
        await using var second = await DeviceClient.ConnectAsync(fixture.MqttPort, asset.Id, oldSecret);
        using var admin = fixture.Admin();

        var newSecret = (await admin.PostAsync($"/api/assets/{asset.Id}/secret", "")).AssertOk().GetProperty("secret").GetString()!;

        await Eventually.WaitAsync(() => Task.FromResult(device.IsConnected || second.IsConnected), connected => !connected, Prompt);
        var refused = await Assert.ThrowsAsync<ConnectionRefusedException>(() => DeviceClient.ConnectAsync(fixture.MqttPort, asset.Id, oldSecret));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.Code);
        await using var renewed = await DeviceClient.ConnectAsync(fixture.MqttPort, asset.Id, newSecret);
        await renewed.SubscribeErrorsAsync(asset.Kind);
        var published = await renewed.PublishAsync(DeviceTopic.Telemetry(asset.Kind, asset.Id), $$"""{"seq":1,"ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"interval":60,"countIn":3,"countOut":2}""");
        Assert.Equal(MqttClientPublishReasonCode.Success, published.ReasonCode);
        Assert.Empty(await renewed.ErrorsUntilSentinelAsync(asset.Kind, Prompt));
    }
}
