using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Exceptions;
using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Journal;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Mqtt;
using UrbanTwin.TestSupport.Node;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// The broker reads a connection's next publishes while earlier ones wait for the journal's fsync,
/// and still acknowledges each only once it is kept: on disk and applied by its twin, in the
/// order the journal gave them.
/// </summary>
public sealed class PipelinedAcknowledgementTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2019-05-07T06:00:00Z", CultureInfo.InvariantCulture);

    private readonly List<string> _directories = [];

    public void Dispose()
    {
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Two_connections_of_one_device_publishing_ahead_of_their_acknowledgements_lose_no_reading_to_journal_order()
    {
        const int PerConnection = 400;
        var (dataDirectory, port, settings) = NodeSettings("pipelined");
        using var node = await InProcessNode.StartAsync(dataDirectory, settings, new SettableClock(Start.AddHours(1)));
        var secret = await node.Services.GetRequiredService<DeviceProvisioner>().ProvisionAsync("ff-oxford-st-01", "asset-oxford-st", DeviceKind.Footfall);
        var topic = DeviceTopic.Telemetry(DeviceKind.Footfall, "ff-oxford-st-01");
        await using var first = await DeviceClient.ConnectAsync(port, "ff-oxford-st-01", secret, o => o.WithClientId("ff-oxford-st-01:a"));
        await using var second = await DeviceClient.ConnectAsync(port, "ff-oxford-st-01", secret, o => o.WithClientId("ff-oxford-st-01:b"));

        // Every publish is sent before any acknowledgement is awaited; both connections at once,
        // so their readings interleave in the journal and in the twin's queue.
        var acks = await Task.WhenAll(
            Task.WhenAll(Enumerable.Range(0, PerConnection).Select(i => first.PublishAsync(topic, Reading(seq: i, second: 2 * i)))),
            Task.WhenAll(Enumerable.Range(0, PerConnection).Select(i => second.PublishAsync(topic, Reading(seq: 10_000 + i, second: (2 * i) + 1)))));

        Assert.All(acks.SelectMany(a => a), ack => Assert.True(ack.IsSuccess, ack.ReasonString));

        // Acknowledged means applied: no wait is needed for the twin to count them all.
        var twin = await node.Services.GetRequiredService<IGrainFactory>().GetGrain<IAssetTwinGrain>("asset-oxford-st").GetSnapshotAsync();
        Assert.Equal(2 * PerConnection, twin.Accepted);
        Assert.Equal(0, twin.Duplicates);
        Assert.Contains(twin.Latest, f => f.Field == "countIn" && f.TimestampMs == Start.AddSeconds((2 * (PerConnection - 1)) + 1).ToUnixTimeMilliseconds());

        var journal = node.Services.GetRequiredService<IngestionJournal>();
        Assert.Equal(2 * PerConnection, journal.CommittedMessages);
    }

    [Fact]
    public async Task A_reading_the_journal_could_not_write_is_not_acknowledged_and_its_resend_is_kept_not_dropped_as_a_duplicate()
    {
        var (dataDirectory, port, settings) = NodeSettings("journal-fault");
        using var node = await InProcessNode.StartAsync(dataDirectory, settings, new SettableClock(Start.AddHours(1)));
        var secret = await node.Services.GetRequiredService<DeviceProvisioner>().ProvisionAsync("ff-oxford-st-01", "asset-oxford-st", DeviceKind.Footfall);
        var topic = DeviceTopic.Telemetry(DeviceKind.Footfall, "ff-oxford-st-01");
        var journal = node.Services.GetRequiredService<IngestionJournal>();

        await using (var device = await DeviceClient.ConnectAsync(port, "ff-oxford-st-01", secret))
        {
            Assert.True((await device.PublishAsync(topic, Reading(seq: 1, second: 0))).IsSuccess);
        }

        // The next segment the journal opens is a full device, so its writes fail as on a full
        // disk (a real ENOSPC from the kernel; nothing in the node is replaced).
        var nextSegment = Path.Combine(journal.DirectoryPath, JournalSegment.FileName(2));
        File.CreateSymbolicLink(nextSegment, "/dev/full");
        await node.Services.GetRequiredService<JournalCheckpointer>().CheckpointAsync(TestContext.Current.CancellationToken);

        await using (var device = await DeviceClient.ConnectAsync(port, "ff-oxford-st-01", secret))
        {
            var refused = await Record.ExceptionAsync(() => device.PublishAsync(topic, Reading(seq: 2, second: 1)));
            // MQTTnet reports a publish whose connection closed under it as a communication failure
            // or, when its connection's cancellation wins the race, as cancelled.
            Assert.True(refused is MqttCommunicationException or OperationCanceledException, $"expected the connection to close without a PUBACK, got {refused?.GetType().Name ?? "a PUBACK"}");
        }

        var twinGrain = node.Services.GetRequiredService<IGrainFactory>().GetGrain<IAssetTwinGrain>("asset-oxford-st");
        Assert.Equal(1, (await twinGrain.GetSnapshotAsync()).Accepted);

        // Disk space is back; the device sends the reading again, as firmware does until a PUBACK.
        File.Delete(nextSegment);
        var attempts = 0;
        while (true)
        {
            attempts++;
            await using var device = await DeviceClient.ConnectAsync(port, "ff-oxford-st-01", secret);
            try
            {
                if ((await device.PublishAsync(topic, Reading(seq: 2, second: 1))).IsSuccess)
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException && attempts < 5)
            {
                // The journal gives up the failed segment's handle on the failure that follows.
            }
        }

        var twin = await twinGrain.GetSnapshotAsync();
        Assert.Equal(2, twin.Accepted);
        Assert.Equal(0, twin.Duplicates);
        Assert.Contains(twin.Latest, f => f.Field == "countIn" && f.TimestampMs == Start.AddSeconds(1).ToUnixTimeMilliseconds());
    }

    private (string DataDirectory, int Port, Dictionary<string, string?> Settings) NodeSettings(string name)
    {
        var port = FreePort.Next();
        _directories.Add(ServerProcess.CreateDirectory(name));
        return (_directories[^1], port, new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:TlsPort"] = "0",

            // The tests close segments themselves.
            ["Journal:CheckpointInterval"] = "01:00:00",
        });
    }

    private static string Reading(int seq, int second) =>
        $$"""{"seq":{{seq}},"ts":{{Start.AddSeconds(second).ToUnixTimeMilliseconds()}},"interval":1,"countIn":{{seq % 7}},"countOut":{{seq % 3}}}""";
}
