using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Mqtt;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;

namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// A revocation is delivered to the gateways after the record is written, so it can reach a node
/// after the device has already reconnected with its new secret. It ends only the sessions opened
/// with credentials that no longer hold.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class LateRevocationTests(GatewayHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // The readings below are received just after they were taken, whatever time the collection's
    // earlier tests left the node's clock at.
    private static readonly DateTimeOffset ReceivedAt = DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_revocation_handled_after_the_device_came_back_with_its_new_secret_leaves_that_session_open()
    {
        const string DeviceId = "ff-brixton-late-01";
        fixture.Clock.Now = ReceivedAt;
        var assetId = await fixture.ProvisionFreshTwinAsync(DeviceId, DeviceKind.Footfall);
        await using var stale = await DeviceClient.ConnectAsync(fixture.MqttPort, DeviceId, fixture.SecretOf(DeviceId));

        var newSecret = await fixture.Provisioner.ProvisionAsync(DeviceId, assetId, DeviceKind.Footfall);
        await Eventually.WaitAsync(() => Task.FromResult(stale.IsConnected), connected => !connected, Patience);
        await using var renewed = await DeviceClient.ConnectAsync(fixture.MqttPort, DeviceId, newSecret);
        await renewed.SubscribeErrorsAsync(DeviceKind.Footfall);

        // The node handles the same revocation again, now that the new session exists: the order a
        // late notification arrives in, which the real cluster cannot be made to produce on demand.
        await fixture.Host.Services.GetRequiredService<EmbeddedBroker>().EndSessionsAsync(DeviceId, TestContext.Current.CancellationToken);

        Assert.True(renewed.IsConnected);
        var published = await renewed.PublishAsync(
            DeviceTopic.Telemetry(DeviceKind.Footfall, DeviceId), """{"seq":1,"ts":"2019-05-07T09:00:00Z","interval":900,"countIn":4,"countOut":3}""");
        Assert.True(published.IsSuccess, published.ReasonCode.ToString());
        Assert.Empty(await renewed.ErrorsUntilSentinelAsync(DeviceKind.Footfall, Patience));
    }

    [Fact]
    public async Task A_revocation_handled_while_the_credentials_still_hold_ends_nothing()
    {
        const string DeviceId = "ff-brixton-late-02";
        fixture.Clock.Now = ReceivedAt;
        await fixture.ProvisionFreshTwinAsync(DeviceId, DeviceKind.Footfall);
        await using var device = await DeviceClient.ConnectAsync(fixture.MqttPort, DeviceId, fixture.SecretOf(DeviceId));
        await device.SubscribeErrorsAsync(DeviceKind.Footfall);

        await fixture.Host.Services.GetRequiredService<EmbeddedBroker>().EndSessionsAsync(DeviceId, TestContext.Current.CancellationToken);

        var published = await device.PublishAsync(
            DeviceTopic.Telemetry(DeviceKind.Footfall, DeviceId), """{"seq":1,"ts":"2019-05-07T09:00:00Z","interval":900,"countIn":4,"countOut":3}""");
        Assert.True(published.IsSuccess, published.ReasonCode.ToString());
        Assert.Empty(await device.ErrorsUntilSentinelAsync(DeviceKind.Footfall, Patience));
    }
}
