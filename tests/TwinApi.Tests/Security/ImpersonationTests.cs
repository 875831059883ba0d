using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.TwinApi.Tests.Security;

/// <summary>
/// A device holding only its own secret tries to speak as the hub or as another device: through
/// the hub's client id, another device's client id, or the hub → device topics. The victim must
/// see nothing and keep its connection.
/// </summary>
[Collection(HostileHostDefinition.Name)]
public sealed class ImpersonationTests(HostileHostFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private const string ForgedGrant = """{"requestSeq":1,"decision":"granted","action":"extend-green","seconds":60,"reason":"late"}""";

    [Fact]
    public async Task A_device_cannot_take_the_hubs_client_id()
    {
        var (attacker, secret) = await fixture.RegisterAsync(AssetBuilder.AirQuality());

        var refused = await Assert.ThrowsAsync<ConnectionRefusedException>(() =>
            DeviceClient.ConnectAsync(fixture.MqttPort, attacker, secret, o => o.WithClientId("urbantwin-hub")));

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, refused.Code);
    }

    [Fact]
    public async Task A_device_cannot_command_another_junction_nor_forge_its_errors_even_retained()
    {
        var (victim, _) = await fixture.ConnectedAsync(AssetBuilder.BusPriority());
        await using var _victim = victim;
        var (attacker, _) = await fixture.ConnectedAsync(AssetBuilder.BusPriority());
        await using var _attacker = attacker;

        var grant = await attacker.PublishAsync(DeviceTopic.Command(Contracts.DeviceKind.BusPriority, victim.DeviceId, "priority"), Encoding.UTF8.GetBytes(ForgedGrant));
        var retained = await attacker.PublishAsync(DeviceTopic.Command(Contracts.DeviceKind.BusPriority, victim.DeviceId, "priority"), Encoding.UTF8.GetBytes(ForgedGrant), retain: true);
        var error = await attacker.PublishAsync(DeviceTopic.Errors(Contracts.DeviceKind.BusPriority, victim.DeviceId), """{"seq":1,"code":"out-of-range","message":"forged","path":"$"}""");

        Assert.Equal(
            [MqttClientPublishReasonCode.NotAuthorized, MqttClientPublishReasonCode.NotAuthorized, MqttClientPublishReasonCode.NotAuthorized],
            new[] { grant.ReasonCode, retained.ReasonCode, error.ReasonCode });
        Assert.Empty(await victim.MessagesUntilSentinelAsync(Contracts.DeviceKind.BusPriority, Wait));

        // A later subscriber to the victim's commands gets no retained forgery either.
        var (victimId, victimSecret) = (victim.DeviceId, await RotateAsync(victim.DeviceId));
        await using var later = await DeviceClient.ConnectAsync(fixture.MqttPort, victimId, victimSecret, o => o.WithCleanStart());
        await later.SubscribeErrorsAsync(Contracts.DeviceKind.BusPriority);
        await later.SubscribeAsync($"ut/v1/bus-priority/{victimId}/cmd/#");
        Assert.Empty(await later.MessagesUntilSentinelAsync(Contracts.DeviceKind.BusPriority, Wait));

        // The attacker is told why, on its own errors topic.
        var told = await attacker.ErrorsUntilSentinelAsync(Contracts.DeviceKind.BusPriority, Wait);
        Assert.Equal(["unauthorized-topic", "unauthorized-topic", "unauthorized-topic"], told.Select(e => e.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500, false)]
    [InlineData(MqttProtocolVersion.V500, true)]
    [InlineData(MqttProtocolVersion.V311, false)]
    [InlineData(MqttProtocolVersion.V311, true)]
    public async Task Another_devices_client_id_is_refused_and_the_owner_keeps_its_session(MqttProtocolVersion version, bool cleanSession)
    {
        var owner = AssetBuilder.AirQuality();
        var (ownerId, ownerSecret) = await fixture.RegisterAsync(owner);
        await using var victim = await DeviceClient.ConnectAsync(fixture.MqttPort, ownerId, ownerSecret, o => o.WithClientId(ownerId).WithCleanSession(false).WithProtocolVersion(version));
        await victim.SubscribeErrorsAsync(owner.Kind);
        var (attackerId, attackerSecret) = await fixture.RegisterAsync(AssetBuilder.AirQuality());

        var refused = await Assert.ThrowsAsync<ConnectionRefusedException>(() => DeviceClient.ConnectAsync(
            fixture.MqttPort, attackerId, attackerSecret, o => o.WithClientId(ownerId).WithCleanSession(cleanSession).WithProtocolVersion(version)));

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, refused.Code);
        if (version == MqttProtocolVersion.V500)
        {
            Assert.Contains("client id", refused.Reason, StringComparison.Ordinal);
        }

        Assert.True(victim.IsConnected);
        var published = await victim.PublishAsync(DeviceTopic.Telemetry(owner.Kind, ownerId), $$"""{"seq":1,"ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"no2":41}""");
        Assert.Equal(MqttClientPublishReasonCode.Success, published.ReasonCode);
        Assert.Empty(await victim.ErrorsUntilSentinelAsync(owner.Kind, Wait));
    }

    [Fact]
    public async Task Mosquitto_pub_with_its_own_secret_and_another_devices_client_id_is_refused()
    {
        var owner = AssetBuilder.Footfall();
        var (ownerId, ownerSecret) = await fixture.RegisterAsync(owner);
        await using var victim = await DeviceClient.ConnectAsync(fixture.MqttPort, ownerId, ownerSecret, o => o.WithClientId(ownerId).WithCleanSession(false));
        var (attackerId, attackerSecret) = await fixture.RegisterAsync(AssetBuilder.Footfall());
        var port = fixture.MqttPort.ToString(CultureInfo.InvariantCulture);

        var sent = await CommandLine.RunAsync(
            "mosquitto_pub",
            ["-h", "127.0.0.1", "-p", port, "-V", "mqttv311", "-i", ownerId, "-c", "-u", attackerId, "-P", attackerSecret, "-q", "1",
             "-t", DeviceTopic.Telemetry(owner.Kind, ownerId), "-m", """{"seq":9,"ts":1,"interval":60,"countIn":1,"countOut":1}"""],
            TimeSpan.FromSeconds(15));

        Assert.NotEqual(0, sent.ExitCode);
        Assert.True(victim.IsConnected);
    }

    private async Task<string> RotateAsync(string assetId)
    {
        using var admin = fixture.Admin();
        return (await admin.PostAsync($"/api/assets/{assetId}/secret", "")).AssertOk().GetProperty("secret").GetString()!;
    }
}
