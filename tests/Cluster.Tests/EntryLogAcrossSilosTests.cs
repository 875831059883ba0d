using StackExchange.Redis;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.TestSupport;

namespace UrbanTwin.Cluster.Tests;

/// <summary>
/// The fleet index in Redis grain storage: a change is a key of its own holding only what changed,
/// and once the rows outgrow the partition it is written whole and the rows are deleted.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class EntryLogAcrossSilosTests(RedisClusterFixture fixture)
{
    [Fact]
    public async Task A_fleet_index_change_is_a_redis_key_of_its_own_holding_only_what_changed()
    {
        var partition = DeviceIndex.PartitionKeys[11];
        var devices = DevicesIn(partition, "ab", 90);
        var index = fixture.Cluster.GetGrain<IDeviceIndexGrain>(partition);
        var before = Keys($"*{partition}/device-index+*").Count;
        foreach (var batch in devices.Chunk(30))
        {
            await index.UpsertManyAsync(batch);
        }

        Assert.Equal(before + 3, Keys($"*{partition}/device-index+*").Count);
        Assert.Superset(devices.Select(d => d.DeviceId).ToHashSet(), (await index.GetSnapshotAsync()).Devices.Select(d => d.DeviceId).ToHashSet());
    }

    [Fact]
    public async Task A_partition_whose_rows_outgrow_it_is_written_whole_and_its_rows_deleted_from_redis()
    {
        var partition = DeviceIndex.PartitionKeys[12];
        // More than the 256 entries of changes a partition's rows hold before it is written whole.
        var devices = DevicesIn(partition, "cd", 276);
        var index = fixture.Cluster.GetGrain<IDeviceIndexGrain>(partition);
        foreach (var device in devices)
        {
            await index.UpsertAsync(device);
        }

        await Eventually.WaitAsync(() => Task.FromResult(Keys($"*{partition}/device-index+*").Count), count => count < 30, TimeSpan.FromSeconds(30));
        Assert.Single(Keys($"*{partition}/device-index"));
        Assert.Superset(devices.Select(d => d.DeviceId).ToHashSet(), (await index.GetSnapshotAsync()).Devices.Select(d => d.DeviceId).ToHashSet());
    }

    private List<string> Keys(string pattern)
    {
        using var redis = ConnectionMultiplexer.Connect(fixture.Redis.ConnectionString);
        return [.. redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: pattern).Select(k => k.ToString())];
    }

    /// <summary>Devices whose ids hash to <paramref name="partition"/>; <paramref name="tag"/> keeps each test's own.</summary>
    private static List<DeviceIndexEntry> DevicesIn(string partition, string tag, int count) =>
        [.. Enumerable.Range(0, int.MaxValue)
            .Select(i => $"ff-{tag}-{i:D6}")
            .Where(id => DeviceIndex.PartitionKey(id) == partition)
            .Take(count)
            .Select(id => new DeviceIndexEntry(id, DeviceKind.Footfall, true, null, "asset-" + id))];
}
