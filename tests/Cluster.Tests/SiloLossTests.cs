using Orleans;
using Orleans.Runtime;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.Cluster.Tests;

/// <summary>kill -9 the silo hosting a twin: the twin comes back on a survivor with its persisted state, and readings keep flowing.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class SiloLossTests(RedisClusterFixture fixture)
{
    [Fact]
    public async Task Twin_of_a_killed_silo_reactivates_on_a_survivor_with_its_state_and_keeps_ingesting()
    {
        var cluster = fixture.Cluster;
        var hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, TestContext.Current.CancellationToken);
        Assert.True(hosts.Count == 3, $"expected 3 active silos, saw {hosts.Count}");

        // Assets spread over the silos; the device publishes through the first silo's broker.
        var provisioner = new DeviceProvisioner(cluster);
        var secret = await provisioner.ProvisionAsync("aq-westminster-01", "asset-westminster", DeviceKind.AirQuality);
        for (var i = 0; i < 30; i++)
        {
            await cluster.GetGrain<IAssetTwinGrain>($"asset-spread-{i}").GetSnapshotAsync();
        }

        var now = DateTimeOffset.UtcNow;
        var topic = DeviceTopic.Telemetry(DeviceKind.AirQuality, "aq-westminster-01");
        await using (var device = await DeviceClient.ConnectAsync(fixture.Silos[0].MqttPort, "aq-westminster-01", secret))
        {
            var ack = await device.PublishAsync(topic, $$"""{"seq":1,"ts":{{now.AddSeconds(-2).ToUnixTimeMilliseconds()}},"no2":28,"pm2_5":9}""");
            Assert.True(ack.IsSuccess, ack.ReasonCode.ToString());
        }

        var twin = cluster.GetGrain<IAssetTwinGrain>("asset-westminster");
        var spread = new HashSet<int>();
        for (var i = 0; i < 30; i++)
        {
            spread.Add((await Locate(cluster, cluster.GetGrain<IAssetTwinGrain>($"asset-spread-{i}"))).Endpoint.Port);
        }

        var home = await Locate(cluster, twin);
        Assert.True(spread.Count > 1, "all twins landed on one silo: nothing spread");
        var victim = fixture.SiloAt(home.Endpoint.Port);
        await victim.KillAsync();

        var back = await Eventually.WaitAsync(
            async () =>
            {
                try
                {
                    return await twin.GetSnapshotAsync().WaitAsync(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
                }
                catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
                {
                    return (TwinSnapshot?)null;
                }
            },
            snapshot => snapshot is not null,
            TimeSpan.FromSeconds(60));
        var newHome = await Locate(cluster, twin);

        var survivor = fixture.Silos.First(s => s != victim);
        await using (var device = await DeviceClient.ConnectAsync(survivor.MqttPort, "aq-westminster-01", secret))
        {
            var ack = await device.PublishAsync(topic, $$"""{"seq":2,"ts":{{now.ToUnixTimeMilliseconds()}},"no2":30}""");
            Assert.True(ack.IsSuccess, ack.ReasonCode.ToString());
        }

        var after = await twin.GetSnapshotAsync();
        Assert.NotEqual(home.Endpoint.Port, newHome.Endpoint.Port);
        Assert.Equal(1, back!.Accepted);
        Assert.Contains(back.Latest, f => f.Field == "pm2_5" && f.Value == 9);
        Assert.Equal(2, after.Accepted);
        Assert.Contains(after.Latest, f => f.Field == "no2" && f.Value == 30);
        Assert.Contains(after.Latest, f => f.Field == "pm2_5" && f.Value == 9);
    }

    private static async Task<SiloAddress> Locate(IClusterClient cluster, IAddressable grain) =>
        await cluster.GetGrain<IManagementGrain>(0).GetActivationAddress(grain, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("the grain is not active anywhere");
}
