using System.Globalization;
using MQTTnet;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Gateway.Tests;

/// <summary>Who may connect, and what a connected device may subscribe to.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BrokerSecurityTests(GatewayHostFixture fixture)
{
    [Fact]
    public async Task A_device_provisioned_for_the_nodes_own_broker_has_no_mosquitto_hash()
    {
        var assetId = await fixture.ProvisionFreshTwinAsync("ff-no-mosquitto-01", DeviceKind.Footfall);
        var record = await fixture.Grains.GetGrain<IDeviceGrain>("ff-no-mosquitto-01").GetAsync();

        Assert.Equal(assetId, record?.AssetId);
        Assert.Null(record?.MosquittoHash);
    }

    [Fact]
    public async Task Wrong_secret_is_refused()
    {
        var refused = await Assert.ThrowsAsync<ConnectionRefusedException>(() => DeviceClient.ConnectAsync(fixture.MqttPort, "aq-camden-02", "wrong-secret"));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.Code);
    }

    [Fact]
    public async Task Decommissioned_device_is_refused_even_with_its_secret()
    {
        await fixture.ProvisionFreshTwinAsync("aq-retired-09", DeviceKind.AirQuality);
        var secret = fixture.SecretOf("aq-retired-09");
        await fixture.Provisioner.DecommissionAsync("aq-retired-09");

        var refused = await Assert.ThrowsAsync<ConnectionRefusedException>(() => DeviceClient.ConnectAsync(fixture.MqttPort, "aq-retired-09", secret));

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refused.Code);
    }

    [Fact]
    public async Task One_devices_secret_does_not_open_another_device()
    {
        var refused = await Assert.ThrowsAsync<ConnectionRefusedException>(() => DeviceClient.ConnectAsync(fixture.MqttPort, "aq-camden-02", fixture.SecretOf("aq-westminster-01")));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.Code);
    }

    [Theory]
    [InlineData("ut/v1/air-quality/aq-camden-02/errors", true)]
    [InlineData("ut/v1/air-quality/aq-camden-02/cmd/#", true)]
    [InlineData("ut/v1/air-quality/aq-camden-02/cmd/+", true)]
    [InlineData("ut/v1/air-quality/aq-camden-02/cmd/priority", true)]
    [InlineData("ut/v1/air-quality/aq-westminster-01/errors", false)]
    [InlineData("ut/v1/air-quality/aq-westminster-01/cmd/#", false)]
    [InlineData("ut/v1/air-quality/+/errors", false)]
    [InlineData("ut/v1/#", false)]
    [InlineData("#", false)]
    [InlineData("ut/v1/air-quality/aq-camden-02/telemetry", false)]
    [InlineData("ut/v1/footfall/aq-camden-02/errors", false)]
    public async Task Device_subscribes_only_to_its_own_errors_and_commands(string topicFilter, bool allowed)
    {
        await using var client = await DeviceClient.ConnectAsync(fixture.MqttPort, "aq-camden-02", fixture.SecretOf("aq-camden-02"));

        var code = await client.SubscribeAsync(topicFilter);

        Assert.Equal(allowed ? MqttClientSubscribeResultCode.GrantedQoS1 : MqttClientSubscribeResultCode.NotAuthorized, code);
    }

    [Fact]
    public async Task Mosquitto_pub_with_the_device_secret_reaches_the_twin_and_a_wrong_one_is_refused()
    {
        var assetId = await fixture.ProvisionFreshTwinAsync("ff-oxford-st-01", DeviceKind.Footfall);
        fixture.Clock.Now = DateTimeOffset.Parse("2019-05-07T10:00:05Z", CultureInfo.InvariantCulture);
        var port = fixture.MqttPort.ToString(CultureInfo.InvariantCulture);
        const string Topic = "ut/v1/footfall/ff-oxford-st-01/telemetry";
        const string Reading = """{"seq":7001,"ts":"2019-05-07T10:00:00Z","interval":3600,"countIn":212,"countOut":187}""";

        var refused = await CommandLine.RunAsync("mosquitto_pub", ["-h", "127.0.0.1", "-p", port, "-V", "mqttv311", "-u", "ff-oxford-st-01", "-P", "wrong", "-q", "1", "-t", Topic, "-m", Reading], TimeSpan.FromSeconds(15));
        var sent = await CommandLine.RunAsync("mosquitto_pub", ["-h", "127.0.0.1", "-p", port, "-V", "mqttv5", "-i", "ff-oxford-st-01", "-u", "ff-oxford-st-01", "-P", fixture.SecretOf("ff-oxford-st-01"), "-q", "1", "-t", Topic, "-m", Reading], TimeSpan.FromSeconds(15));

        Assert.NotEqual(0, refused.ExitCode);
        Assert.True(sent.ExitCode == 0, "mosquitto_pub: " + sent.Error);
        var twin = await fixture.TwinAsync(assetId);
        Assert.Equal(1, twin.Accepted);
        Assert.Contains(twin.Latest, f => f.Field == "countIn" && f.Value == 212 && f.TimestampMs == 1_557_223_200_000);
    }
}
