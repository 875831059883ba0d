using MQTTnet;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport.Contract;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// Every contract vector through a real mosquitto and the gateway in external mode. Topic errors
/// are decided by mosquitto's generated ACL before the hub sees the message (refused CONNECT or a
/// "not authorized" PUBACK); everything else gives exactly the expected errors on the wire and the
/// expected values in the twin, as in embedded mode.
/// </summary>
[Collection(ExternalGatewayCollection.Name)]
public sealed class VectorsOverMosquittoTests(ExternalGatewayFixture fixture)
{
    private static readonly Dictionary<string, DeviceKind> Fleet = new(StringComparer.Ordinal)
    {
        ["aq-westminster-01"] = DeviceKind.AirQuality,
        ["aq-camden-02"] = DeviceKind.AirQuality,
        ["ff-oxford-st-01"] = DeviceKind.Footfall,
        ["bp-junction-0042"] = DeviceKind.BusPriority,
    };

    /// <summary>
    /// Every vector but those about how a message is published (QoS 2, the retain flag): mosquitto
    /// ends those at the device's side (docs/mosquitto.md), so the gateway never sees them.
    /// </summary>
    public static TheoryData<string> Vectors => new(ContractVector.AllRelativePaths().Where(p => ContractVector.Load(p) is { Qos: 1, Retain: false }));

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task Vector_through_mosquitto_is_refused_by_its_acl_or_answered_exactly_like_the_embedded_broker(string vectorPath)
    {
        var vector = ContractVector.Load(vectorPath);
        if (!Fleet.TryGetValue(vector.Publisher, out var kind))
        {
            await Assert.ThrowsAsync<ConnectionRefusedException>(() => DeviceClient.ConnectAsync(fixture.BrokerPort, vector.Publisher, "not-its-secret"));
            return;
        }

        var assetId = await fixture.ProvisionFreshTwinAsync(vector.Publisher, kind);
        fixture.Clock.Now = vector.ReceivedAt;
        await using var client = await fixture.ConnectDeviceAsync(vector.Publisher);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await client.SubscribeErrorsAsync(kind));

        var published = await client.PublishAsync(vector.Topic, vector.Payload);
        if (VectorOutcome.IsTopicError(vector))
        {
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, published.ReasonCode);
            Assert.Empty(await client.ErrorsUntilSentinelAsync(kind, TimeSpan.FromSeconds(20)));
            Assert.Equal(1, (await fixture.TwinAsync(assetId)).Rejected); // the sentinel only
            return;
        }

        // mosquitto acknowledges on receipt; the sentinel's reply proves the gateway handled the vector first.
        var errors = await client.ErrorsUntilSentinelAsync(kind, TimeSpan.FromSeconds(20));
        var twin = await fixture.TwinAsync(assetId);
        Assert.True(published.IsSuccess, $"{vectorPath}: PUBACK {published.ReasonCode}");
        VectorOutcome.AssertMatches(vector, errors, twin with { Rejected = twin.Rejected - 1 }, DeviceTopic.Errors(kind, vector.Publisher));
    }
}
