using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// Online means at least one live connection: a device with two connections (client ids
/// <c>{deviceId}:{suffix}</c>) stays online when one of them ends, and goes offline with the last.
/// </summary>
public sealed class OnlineWhileConnectedTests
{
    [Fact]
    public async Task A_device_stays_online_while_another_of_its_connections_is_open_and_goes_offline_with_the_last()
    {
        var dataDirectory = ServerProcess.CreateDirectory("online");
        var port = FreePort.Next();
        long ended = 0;
        try
        {
            using var node = await InProcessNode.StartAsync(
                dataDirectory,
                new Dictionary<string, string?> { ["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture), ["Mqtt:TlsPort"] = "0" },
                new SettableClock(DateTimeOffset.Parse("2019-05-07T09:00:05Z", CultureInfo.InvariantCulture)));

            // Counts this node's handled connection ends (its own meter factory: other tests' nodes are not counted).
            var meters = node.Services.GetRequiredService<IMeterFactory>();
            using var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Name == "urbantwin.mqtt.connections.ended" && ReferenceEquals(instrument.Meter.Scope, meters))
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref ended, value));
            listener.Start();

            var secret = await node.Services.GetRequiredService<DeviceProvisioner>().ProvisionAsync("ff-oxford-st-01", "asset-oxford-st", DeviceKind.Footfall);
            var twin = node.Services.GetRequiredService<IGrainFactory>().GetGrain<IAssetTwinGrain>("asset-oxford-st");
            var main = await DeviceClient.ConnectAsync(port, "ff-oxford-st-01", secret, o => o.WithClientId("ff-oxford-st-01:main"));
            var maintenance = await DeviceClient.ConnectAsync(port, "ff-oxford-st-01", secret, o => o.WithClientId("ff-oxford-st-01:maintenance"));
            Assert.True((await main.PublishAsync(DeviceTopic.Telemetry(DeviceKind.Footfall, "ff-oxford-st-01"), """{"seq":1,"ts":"2019-05-07T09:00:00Z","interval":900,"countIn":12,"countOut":9}""")).IsSuccess);
            Assert.True((await twin.GetSnapshotAsync()).Online);

            await maintenance.DisposeAsync();
            await Eventually.WaitAsync(() => Task.FromResult(Interlocked.Read(ref ended)), count => count >= 1, TimeSpan.FromSeconds(10));
            Assert.True((await twin.GetSnapshotAsync()).Online, "the device went offline while its main connection was open");

            await main.DisposeAsync();
            await Eventually.WaitAsync(() => Task.FromResult(Interlocked.Read(ref ended)), count => count >= 2, TimeSpan.FromSeconds(10));
            Assert.False((await twin.GetSnapshotAsync()).Online);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
