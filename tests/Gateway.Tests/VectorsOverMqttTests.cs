using System.Text;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Mqtt.Transport;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Contract;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// Every contract vector, published over real MQTT into the embedded broker: rejected content is
/// answered with exactly the expected errors on the device's errors topic, accepted readings reach
/// the device's twin with exactly the decoded values, and the MQTT 5 PUBACK says whether the
/// message was accepted, refused for where it went (0x87) or for what it held (0x99). A vector
/// larger than the broker's packet limit closes the connection before its body is read.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class VectorsOverMqttTests(GatewayHostFixture fixture)
{
    public static TheoryData<string> Vectors => new(ContractVector.AllRelativePaths());

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task Vector_over_mqtt_gives_its_errors_on_the_wire_and_its_readings_to_the_twin(string vectorPath)
    {
        var vector = ContractVector.Load(vectorPath);
        if (!fixture.Devices.TryGetValue(vector.Publisher, out var device) || !device.Active)
        {
            // The embedded broker authenticates at CONNECT: an unknown, decommissioned or malformed
            // id never gets to publish, whatever it would have sent.
            var refused = await Assert.ThrowsAsync<ConnectionRefusedException>(() => DeviceClient.ConnectAsync(fixture.MqttPort, vector.Publisher, "not-its-secret"));
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.Code);
            return;
        }

        var assetId = await fixture.ProvisionFreshTwinAsync(vector.Publisher, device.Kind);
        fixture.Clock.Now = vector.ReceivedAt;
        await using var client = await DeviceClient.ConnectAsync(fixture.MqttPort, vector.Publisher, fixture.SecretOf(vector.Publisher));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await client.SubscribeErrorsAsync(device.Kind));

        if (IsOverPacketLimit(vector))
        {
            // No PUBACK: the broker closes the connection on the packet's header. MQTTnet reports the
            // publish either as a communication failure or, when its connection's cancellation wins
            // the race, as cancelled.
            var sent = await Record.ExceptionAsync(() => client.PublishAsync(vector.Topic, vector.Payload));
            Assert.True(sent is MqttCommunicationException or OperationCanceledException, $"{vectorPath}: {sent?.GetType().Name ?? "PUBACK"} {sent?.Message}");
            await Eventually.WaitAsync(() => Task.FromResult(client.IsConnected), connected => !connected, TimeSpan.FromSeconds(10));
            var untouched = await fixture.TwinAsync(assetId);
            Assert.Equal((0, 0), (untouched.Accepted, untouched.Rejected));
            return;
        }

        var published = await client.PublishAsync(vector.Topic, vector.Payload, vector.Retain, (MqttQualityOfServiceLevel)vector.Qos);
        var twin = await fixture.TwinAsync(assetId);
        var errors = await client.ErrorsUntilSentinelAsync(device.Kind, TimeSpan.FromSeconds(20));

        Assert.True(published.ReasonCode == ExpectedPubAck(vector), $"{vectorPath}: PUBACK {published.ReasonCode}, expected {ExpectedPubAck(vector)}");
        VectorOutcome.AssertMatches(vector, errors, twin, DeviceTopic.Errors(device.Kind, vector.Publisher));
    }

    private static bool IsOverPacketLimit(ContractVector vector) =>
        vector.Payload.Length + Encoding.UTF8.GetByteCount(vector.Topic) + 16 > PacketLimits.MaxPacketBytes;

    /// <summary>Accepted if anything in it was; else refused for its topic, or for its payload.</summary>
    private static MqttClientPublishReasonCode ExpectedPubAck(ContractVector vector)
    {
        if (vector.Expected.TryGetProperty("readings", out var readings) && readings.GetArrayLength() > 0
            || vector.Expected.TryGetProperty("request", out _)
            || vector.Expected.TryGetProperty("status", out _))
        {
            return MqttClientPublishReasonCode.Success;
        }

        if (vector.ExpectedErrorCodes.Contains("unsupported-qos"))
        {
            return MqttClientPublishReasonCode.ImplementationSpecificError;
        }

        return VectorOutcome.IsTopicError(vector) ? MqttClientPublishReasonCode.NotAuthorized : MqttClientPublishReasonCode.PayloadFormatInvalid;
    }
}
