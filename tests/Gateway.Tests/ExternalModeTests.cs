using System.Globalization;
using MQTTnet;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.Gateway.Tests;

/// <summary>The gateway as a client of a real mosquitto whose password and ACL files it generated.</summary>
[Collection(ExternalGatewayCollection.Name)]
public sealed class ExternalModeTests(ExternalGatewayFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Reading_published_to_mosquitto_reaches_the_twin_through_the_shared_subscription()
    {
        var assetId = await fixture.ProvisionFreshTwinAsync("aq-westminster-01", DeviceKind.AirQuality);
        fixture.Clock.Now = DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture);
        await using var device = await fixture.ConnectDeviceAsync("aq-westminster-01");

        var ack = await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-westminster-01"), """{"seq":1,"ts":"2019-05-07T09:00:00Z","no2":28,"pm2_5":9}""");
        var twin = await Eventually.WaitAsync(() => fixture.TwinAsync(assetId), t => t.Accepted == 1, Patience);

        Assert.True(ack.IsSuccess, ack.ReasonCode.ToString());
        Assert.Contains(twin.Latest, f => f.Field == "no2" && f.Value == 28);
        Assert.Equal("$share/urbantwin/ut/v1/#", fixture.Gateway.SubscriptionFilter);
    }

    [Fact]
    public async Task Mosquitto_pub_with_the_device_secret_reaches_the_twin_through_mosquitto()
    {
        var assetId = await fixture.ProvisionFreshTwinAsync("aq-camden-02", DeviceKind.AirQuality);
        fixture.Clock.Now = DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture);
        await (await fixture.ConnectDeviceAsync("aq-camden-02")).DisposeAsync(); // mosquitto has reloaded the new secret

        var sent = await CommandLine.RunAsync(
            "mosquitto_pub",
            ["-h", "127.0.0.1", "-p", fixture.BrokerPort.ToString(CultureInfo.InvariantCulture), "-i", "aq-camden-02", "-u", "aq-camden-02", "-P", fixture.SecretOf("aq-camden-02"),
             "-q", "1", "-t", "ut/v1/air-quality/aq-camden-02/telemetry", "-m", """{"seq":77,"ts":"2019-05-07T09:00:00Z","pm10":17.5}"""],
            TimeSpan.FromSeconds(15));
        var twin = await Eventually.WaitAsync(() => fixture.TwinAsync(assetId), t => t.Accepted == 1, Patience);

        Assert.True(sent.ExitCode == 0, "mosquitto_pub: " + sent.Error);
        Assert.Contains(twin.Latest, f => f.Field == "pm10" && f.Value == 17.5);
    }

    [Fact]
    public async Task Invalid_reading_is_answered_on_the_devices_errors_topic_through_mosquitto()
    {
        await fixture.ProvisionFreshTwinAsync("ff-oxford-st-01", DeviceKind.Footfall);
        fixture.Clock.Now = DateTimeOffset.Parse("2019-05-07T10:00:05Z", CultureInfo.InvariantCulture);
        await using var device = await fixture.ConnectDeviceAsync("ff-oxford-st-01");
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await device.SubscribeErrorsAsync(DeviceKind.Footfall));

        await device.PublishAsync(DeviceTopic.Telemetry(DeviceKind.Footfall, "ff-oxford-st-01"), """{"seq":5,"ts":"2019-05-07T10:00:00Z","interval":3600,"countIn":-1,"countOut":3}""");
        var errors = await device.ErrorsUntilSentinelAsync(DeviceKind.Footfall, Patience);

        var error = Assert.Single(errors);
        Assert.Equal("out-of-range", error.GetProperty("code").GetString());
        Assert.Equal("$.countIn", error.GetProperty("path").GetString());
        Assert.Equal(5u, error.GetProperty("seq").GetUInt32());
    }

    [Fact]
    public async Task Mosquitto_refuses_a_publish_on_another_devices_topic_and_never_delivers_its_errors()
    {
        var victimAsset = await fixture.ProvisionFreshTwinAsync("aq-westminster-01", DeviceKind.AirQuality);
        await fixture.ProvisionFreshTwinAsync("aq-camden-02", DeviceKind.AirQuality);
        await using var intruder = await fixture.ConnectDeviceAsync("aq-camden-02");
        await using var victim = await fixture.ConnectDeviceAsync("aq-westminster-01");
        await victim.SubscribeErrorsAsync(DeviceKind.AirQuality);
        await intruder.SubscribeErrorsAsync(DeviceKind.AirQuality);
        await intruder.SubscribeAsync(DeviceTopic.Errors(DeviceKind.AirQuality, "aq-westminster-01"));

        var publish = await intruder.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-westminster-01"), """{"seq":1,"ts":"2019-05-07T09:00:00Z","no2":999}""");
        var wrongKind = await intruder.PublishAsync(DeviceTopic.Telemetry(DeviceKind.Footfall, "aq-camden-02"), """{"seq":1,"ts":"2019-05-07T09:00:00Z","interval":60,"countIn":1,"countOut":1}""");
        await victim.PublishAsync(DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-westminster-01"), "not json");
        var victimErrors = await victim.ErrorsUntilSentinelAsync(DeviceKind.AirQuality, Patience);

        // The victim's replies were routed before the intruder's own sentinel reply: had the
        // intruder been allowed to read them, they would be in its queue ahead of it.
        var intruderErrors = await intruder.ErrorsUntilSentinelAsync(DeviceKind.AirQuality, Patience);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, publish.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, wrongKind.ReasonCode);
        Assert.Equal("malformed-json", Assert.Single(victimErrors).GetProperty("code").GetString());
        Assert.Empty(intruderErrors);
        Assert.Equal(0, (await fixture.TwinAsync(victimAsset)).Accepted);
    }

    [Fact]
    public async Task A_device_provisioned_in_external_mode_gets_a_mosquitto_hash_of_its_secret()
    {
        var assetId = await fixture.ProvisionFreshTwinAsync("ff-mosquitto-hash-01", DeviceKind.Footfall);
        var record = await fixture.Grains.GetGrain<IDeviceGrain>("ff-mosquitto-hash-01").GetAsync();

        Assert.Equal(assetId, record?.AssetId);
        Assert.StartsWith("$7$101$", record?.MosquittoHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decommissioned_device_is_locked_out_of_mosquitto_once_the_files_are_regenerated()
    {
        await fixture.ProvisionFreshTwinAsync("bp-junction-0042", DeviceKind.BusPriority);
        await using (await fixture.ConnectDeviceAsync("bp-junction-0042"))
        {
        }

        await fixture.Provisioner.DecommissionAsync("bp-junction-0042");
        await fixture.Exporter.ExportIfChangedAsync(TestContext.Current.CancellationToken);

        var refused = await Eventually.WaitAsync(
            async () =>
            {
                try
                {
                    await using var client = await DeviceClient.ConnectAsync(fixture.BrokerPort, "bp-junction-0042", fixture.SecretOf("bp-junction-0042"));
                    return (MqttClientConnectResultCode?)null;
                }
                catch (ConnectionRefusedException ex)
                {
                    return ex.Code;
                }
            },
            code => code is not null,
            Patience);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refused);
        Assert.DoesNotContain("bp-junction-0042", await File.ReadAllTextAsync(Path.Combine(fixture.AuthDirectory, "passwd"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_revoked_device_connected_to_mosquitto_is_disconnected_at_once(bool rotate)
    {
        const string DeviceId = "aq-camden-02";
        await fixture.ProvisionFreshTwinAsync(DeviceId, DeviceKind.AirQuality);
        await using var client = await fixture.ConnectDeviceAsync(DeviceId);

        if (rotate)
        {
            await fixture.ProvisionFreshTwinAsync(DeviceId, DeviceKind.AirQuality);
        }
        else
        {
            await fixture.Provisioner.DecommissionAsync(DeviceId);
        }

        // No export by the test: the revocation itself rewrites the files and makes mosquitto reload them.
        await Eventually.WaitAsync(() => Task.FromResult(client.IsConnected), connected => !connected, Patience);
        await fixture.ProvisionFreshTwinAsync(DeviceId, DeviceKind.AirQuality);
    }
}
