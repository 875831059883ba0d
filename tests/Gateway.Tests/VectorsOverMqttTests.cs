using MQTTnet;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport.Contract;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// Every contract vector, published over real MQTT into the embedded broker: rejected content is
/// answered with exactly the expected errors on the device's errors topic, accepted readings reach
/// the device's twin with exactly the decoded values.
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

        var published = await client.PublishAsync(vector.Topic, vector.Payload);
        var twin = await fixture.TwinAsync(assetId);
        var errors = await client.ErrorsUntilSentinelAsync(device.Kind, TimeSpan.FromSeconds(20));

        Assert.True(published.IsSuccess, $"{vectorPath}: PUBACK {published.ReasonCode}");
        VectorOutcome.AssertMatches(vector, errors, twin, DeviceTopic.Errors(device.Kind, vector.Publisher));
    }
}
