using MQTTnet;
using MQTTnet.Protocol;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.TwinApi.Tests.Security;

/// <summary>
/// Limits that must hold before the hub reads what they bound: a packet is refused on its fixed
/// header, never read whole; a connection that has not authenticated is bounded in number and time.
/// </summary>
[Collection(HostileHostDefinition.Name)]
public sealed class PacketLimitTests(HostileHostFixture fixture)
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    /// <summary>A fixed header declaring a 250 MB packet: remaining length 262,144,000 in four bytes.</summary>
    private static readonly byte[] Declares250MB = [0x80, 0x80, 0xD0, 0x7C];

    [Fact]
    public async Task A_connect_declaring_250_MB_is_closed_before_its_body_is_sent()
    {
        await using var raw = await RawMqttConnection.OpenAsync(fixture.MqttPort);

        await raw.SendAsync([0x10, .. Declares250MB]);

        Assert.True(await raw.ClosedByServerWithinAsync(Prompt), "the hub waited for the body of a 250 MB CONNECT");
    }

    [Fact]
    public async Task An_authenticated_publish_declaring_250_MB_is_closed_before_its_body_is_sent()
    {
        var (id, secret) = await fixture.RegisterAsync(AssetBuilder.AirQuality());
        await using var raw = await RawMqttConnection.OpenAsync(fixture.MqttPort);
        await raw.SendAsync(RawMqttConnection.Connect311(id, id, secret));
        var connAck = await raw.ReadPacketAsync(Prompt);
        Assert.Equal(new byte[] { 0x20, 2, 0, 0 }, connAck);

        await raw.SendAsync([0x32, .. Declares250MB]);

        Assert.True(await raw.ClosedByServerWithinAsync(Prompt), "the hub waited for the body of a 250 MB PUBLISH");
    }

    [Fact]
    public async Task A_first_packet_that_is_not_a_connect_closes_the_connection()
    {
        await using var raw = await RawMqttConnection.OpenAsync(fixture.MqttPort);

        await raw.SendAsync(RawMqttConnection.Publish("ut/v1/air-quality/aq-anyone/telemetry", [(byte)'{', (byte)'}']));

        Assert.True(await raw.ClosedByServerWithinAsync(Prompt));
    }

    [Fact]
    public async Task Connack_tells_mqtt5_clients_the_packet_limit_and_qos_1()
    {
        var (id, secret) = await fixture.RegisterAsync(AssetBuilder.AirQuality());
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(
            new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", fixture.MqttPort).WithClientId(id).WithCredentials(id, secret).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build(),
            TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        Assert.Equal((uint)(64 * 1024 + 4 * 1024), result.MaximumPacketSize);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, result.MaximumQoS);
        await client.DisconnectAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_payload_over_the_contract_limit_but_within_the_packet_limit_is_answered_payload_too_large()
    {
        var asset = AssetBuilder.AirQuality();
        var (client, _) = await fixture.ConnectedAsync(asset);
        await using var _ = client;

        var published = await client.PublishAsync(DeviceTopic.Telemetry(asset.Kind, asset.Id), new byte[64 * 1024 + 1]);

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, published.ReasonCode);
        var errors = await client.ErrorsUntilSentinelAsync(asset.Kind, TimeSpan.FromSeconds(20));
        Assert.Equal("payload-too-large", Assert.Single(errors).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_connection_that_never_sends_connect_is_closed_after_the_connect_timeout()
    {
        await using var raw = await RawMqttConnection.OpenAsync(fixture.MqttPort);

        Assert.True(await raw.ClosedByServerWithinAsync(HostileHostFixture.ConnectTimeout + Prompt));
    }

    [Fact]
    public async Task Unauthenticated_connections_beyond_the_limit_are_closed_at_once_and_a_device_connects_once_they_time_out()
    {
        var (id, secret) = await fixture.RegisterAsync(AssetBuilder.AirQuality());
        var idle = new List<RawMqttConnection>();
        try
        {
            for (var i = 0; i < HostileHostFixture.MaxPendingConnections; i++)
            {
                idle.Add(await RawMqttConnection.OpenAsync(fixture.MqttPort));
            }

            await using (var oneTooMany = await RawMqttConnection.OpenAsync(fixture.MqttPort))
            {
                Assert.True(await oneTooMany.ClosedByServerWithinAsync(TimeSpan.FromSeconds(4)), "a connection beyond the limit was kept");
            }

            foreach (var connection in idle)
            {
                Assert.True(await connection.ClosedByServerWithinAsync(HostileHostFixture.ConnectTimeout + Prompt));
            }

            await using var device = await DeviceClient.ConnectAsync(fixture.MqttPort, id, secret);
            Assert.True(device.IsConnected);
        }
        finally
        {
            foreach (var connection in idle)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
