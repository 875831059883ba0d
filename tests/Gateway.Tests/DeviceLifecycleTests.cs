using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet.Protocol;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Downlink;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Gateway.Tests;

/// <summary>Online/offline from status and Last Will, re-deliveries, commands back to the device.</summary>
[Collection(GatewayCollection.Name)]
public sealed class DeviceLifecycleTests(GatewayHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Last_will_marks_the_twin_offline()
    {
        var assetId = await fixture.ProvisionFreshTwinAsync("bp-junction-0042", DeviceKind.BusPriority);
        var statusTopic = DeviceTopic.Status(DeviceKind.BusPriority, "bp-junction-0042");
        var client = await DeviceClient.ConnectAsync(fixture.MqttPort, "bp-junction-0042", fixture.SecretOf("bp-junction-0042"), options => options
            .WithWillTopic(statusTopic)
            .WithWillPayload(Encoding.UTF8.GetBytes("""{"state":"offline"}"""))
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain(true));
        await client.PublishAsync(statusTopic, """{"state":"online","firmware":"2.1.0"}""");
        var online = await fixture.TwinAsync(assetId);

        await client.DisconnectWithWillAsync();
        var offline = await Eventually.WaitAsync(() => fixture.TwinAsync(assetId), t => !t.Online, Patience);

        Assert.True(online.Online);
        Assert.Equal("2.1.0", online.Firmware);
        Assert.False(offline.Online);
        Assert.Equal("2.1.0", offline.Firmware);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Redelivered_reading_is_counted_once_as_a_duplicate()
    {
        var assetId = await fixture.ProvisionFreshTwinAsync("aq-camden-02", DeviceKind.AirQuality);
        fixture.Host.Services.GetRequiredService<DuplicateFilter>().Forget("aq-camden-02");
        fixture.Clock.Now = DateTimeOffset.Parse("2019-05-07T09:00:10Z", CultureInfo.InvariantCulture);
        await using var client = await DeviceClient.ConnectAsync(fixture.MqttPort, "aq-camden-02", fixture.SecretOf("aq-camden-02"));
        const string Reading = """{"seq":42,"ts":"2019-05-07T09:00:00Z","no2":28}""";

        await client.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-camden-02"), Reading);
        await client.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-camden-02"), Reading);

        var twin = await fixture.TwinAsync(assetId);
        Assert.Equal(1, twin.Accepted);
        Assert.Equal(1, twin.Duplicates);
    }

    [Fact]
    public async Task Command_published_by_the_hub_reaches_the_subscribed_device()
    {
        await fixture.ProvisionFreshTwinAsync("bp-junction-0042", DeviceKind.BusPriority);
        await using var client = await DeviceClient.ConnectAsync(fixture.MqttPort, "bp-junction-0042", fixture.SecretOf("bp-junction-0042"));
        await client.SubscribeAsync(DeviceTopic.Prefix + "bus-priority/bp-junction-0042/cmd/#");
        var decision = """{"requestSeq":17,"decision":"granted","action":"extend-green","seconds":10,"reason":"late"}"""u8.ToArray();

        await fixture.Host.Services.GetRequiredService<IDeviceDownlink>()
            .PublishAsync(DeviceTopic.Command(DeviceKind.BusPriority, "bp-junction-0042", "priority"), decision, TestContext.Current.CancellationToken);
        var received = await client.NextMessageAsync(Patience);

        Assert.Equal("ut/v1/bus-priority/bp-junction-0042/cmd/priority", received.Topic);
        Assert.Equal(decision, System.Buffers.BuffersExtensions.ToArray(received.Payload));
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, received.QualityOfServiceLevel);
    }
}
