using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.TwinApi.Tests.Security;

/// <summary>
/// What a device may not do, and how it is told: an MQTT 5 PUBACK that says refused (0x87 for
/// where, 0x99 for what), an error on its own errors topic, and nothing reaching another device or
/// its twin.
/// </summary>
[Collection(HostileHostDefinition.Name)]
public sealed class RefusalTests(HostileHostFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static string Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Telemetry_on_another_devices_topic_is_refused_not_authorized_and_its_twin_is_untouched()
    {
        var victim = AssetBuilder.AirQuality();
        await fixture.RegisterAsync(victim);
        var attacker = AssetBuilder.AirQuality();
        var (client, _) = await fixture.ConnectedAsync(attacker);
        await using var _ = client;

        var published = await client.PublishAsync(DeviceTopic.Telemetry(victim.Kind, victim.Id), $$"""{"seq":1,"ts":{{Now}},"no2":400}""");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, published.ReasonCode);
        Assert.Equal("unauthorized-topic", Assert.Single(await client.ErrorsUntilSentinelAsync(attacker.Kind, Wait)).GetProperty("code").GetString());
        var twin = await TwinAsync(victim.Id);
        Assert.Equal(0, twin.GetProperty("counters").GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task A_malformed_payload_is_refused_payload_format_invalid_and_the_connection_stays()
    {
        var asset = AssetBuilder.AirQuality();
        var (client, _) = await fixture.ConnectedAsync(asset);
        await using var _ = client;

        var published = await client.PublishAsync(DeviceTopic.Telemetry(asset.Kind, asset.Id), """{"seq":1,"ts":""");

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, published.ReasonCode);
        Assert.True(client.IsConnected);
        Assert.Equal("malformed-json", Assert.Single(await client.ErrorsUntilSentinelAsync(asset.Kind, Wait)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unpaired_surrogate_escape_is_malformed_json_with_a_puback_and_the_device_is_not_asked_to_resend()
    {
        var asset = AssetBuilder.AirQuality();
        var (client, _) = await fixture.ConnectedAsync(asset);
        await using var _ = client;

        var published = await client.PublishAsync(DeviceTopic.Telemetry(asset.Kind, asset.Id), $$"""[{"seq":1,"ts":{{Now}},"no2":40},{"seq":2,"ts":"\ud800","no2":41},{"seq":3,"ts":{{Now}},"no2":42}]""");

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, published.ReasonCode);
        Assert.True(client.IsConnected);
        Assert.Equal("malformed-json", Assert.Single(await client.ErrorsUntilSentinelAsync(asset.Kind, Wait)).GetProperty("code").GetString());
        Assert.Equal(0, (await TwinAsync(asset.Id)).GetProperty("counters").GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task Qos_2_is_refused_with_unsupported_qos_and_nothing_is_accepted()
    {
        var asset = AssetBuilder.AirQuality();
        var (client, secret) = await fixture.ConnectedAsync(asset);
        await using var _ = client;
        using var qos2 = new MqttClientFactory().CreateMqttClient();
        await qos2.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", fixture.MqttPort).WithClientId(asset.Id + ":qos2").WithCredentials(asset.Id, secret).Build(), TestContext.Current.CancellationToken);

        var published = await qos2.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(DeviceTopic.Telemetry(asset.Kind, asset.Id)).WithPayload($$"""{"seq":1,"ts":{{Now}},"no2":41}""").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.ExactlyOnce).Build(),
            TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientPublishReasonCode.ImplementationSpecificError, published.ReasonCode);
        Assert.Equal("unsupported-qos", Assert.Single(await client.ErrorsUntilSentinelAsync(asset.Kind, Wait)).GetProperty("code").GetString());
        Assert.Equal(0, (await TwinAsync(asset.Id)).GetProperty("counters").GetProperty("accepted").GetInt64());
    }

    [Fact]
    public async Task Only_the_status_topic_may_be_retained()
    {
        var asset = AssetBuilder.Footfall();
        var (client, _) = await fixture.ConnectedAsync(asset);
        await using var _ = client;

        var telemetry = await client.PublishAsync(DeviceTopic.Telemetry(asset.Kind, asset.Id), Encoding.UTF8.GetBytes($$"""{"seq":1,"ts":{{Now}},"interval":60,"countIn":1,"countOut":0}"""), retain: true);
        var status = await client.PublishAsync(DeviceTopic.Status(asset.Kind, asset.Id), Encoding.UTF8.GetBytes("""{"state":"online","firmware":"1.0.0"}"""), retain: true);

        Assert.Equal((MqttClientPublishReasonCode.NotAuthorized, MqttClientPublishReasonCode.Success), (telemetry.ReasonCode, status.ReasonCode));
        var error = Assert.Single(await client.ErrorsUntilSentinelAsync(asset.Kind, Wait));
        Assert.Equal("unauthorized-topic", error.GetProperty("code").GetString());
        Assert.Contains("retained", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#", MqttClientSubscribeResultCode.NotAuthorized)]
    [InlineData("$SYS/#", MqttClientSubscribeResultCode.NotAuthorized)]
    [InlineData("$share/g/ut/v1/#", MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported)]
    [InlineData("ut/v1/+/+/cmd/#", MqttClientSubscribeResultCode.NotAuthorized)]
    [InlineData("ut/v1/air-quality/+/errors", MqttClientSubscribeResultCode.NotAuthorized)]
    public async Task Wildcard_system_and_shared_subscriptions_are_refused(string filter, MqttClientSubscribeResultCode expected)
    {
        var asset = AssetBuilder.AirQuality();
        var (client, _) = await fixture.ConnectedAsync(asset);
        await using var _ = client;

        Assert.Equal(expected, await client.SubscribeAsync(filter));
    }

    [Fact]
    public async Task A_last_will_on_another_devices_status_topic_does_not_mark_it_offline()
    {
        var victim = AssetBuilder.AirQuality();
        var (victimClient, _) = await fixture.ConnectedAsync(victim);
        await using var _victim = victimClient;
        await victimClient.PublishAsync(DeviceTopic.Status(victim.Kind, victim.Id), Encoding.UTF8.GetBytes("""{"state":"online"}"""), retain: true);
        Assert.True((await TwinAsync(victim.Id)).GetProperty("online").GetBoolean());
        var (attackerId, attackerSecret) = await fixture.RegisterAsync(AssetBuilder.AirQuality());
        var attacker = await DeviceClient.ConnectAsync(fixture.MqttPort, attackerId, attackerSecret, o => o
            .WithWillTopic(DeviceTopic.Status(victim.Kind, victim.Id)).WithWillPayload("""{"state":"offline"}""").WithWillRetain().WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));

        await attacker.DisconnectWithWillAsync();
        await attacker.DisposeAsync();

        // The victim's own sentinel goes through after the will would have: the twin must still be online.
        await victimClient.ErrorsUntilSentinelAsync(victim.Kind, Wait);
        Assert.True((await TwinAsync(victim.Id)).GetProperty("online").GetBoolean());
    }

    private async Task<System.Text.Json.JsonElement> TwinAsync(string assetId)
    {
        using var admin = fixture.Admin();
        return (await admin.GetJsonAsync($"/api/assets/{assetId}/twin")).AssertOk();
    }
}
