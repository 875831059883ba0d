using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Abstractions.Inventory;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.Grains.Tests.Storage;

/// <summary>
/// The fleet index, map cells and inventory shards store their changes as rows of an
/// <see cref="EntryLog{TEntry}"/> and write themselves whole only now and then. For the fleet
/// index, which stores a change before the call returns, a second silo opened on the same file
/// while the first still runs reads what a crash of the first would leave; cells and shards write
/// behind, so their silo is stopped first.
/// </summary>
public sealed class EntryLogTests : IDisposable
{
    private readonly string _directory = ServerProcess.CreateDirectory("entry-log");
    private readonly LoggedExceptions _logged = new();

    private string Database => Path.Combine(_directory, "urbantwin.db");

    [Fact]
    public async Task A_fleet_index_change_is_stored_as_its_entries_before_the_call_returns()
    {
        var partition = DeviceIndex.PartitionKeys[3];
        var devices = DevicesIn(partition, 150);
        using var first = await TestSilo.StartAsync(Database, _logged);
        var index = first.Grains().GetGrain<IDeviceIndexGrain>(partition);
        foreach (var batch in devices.Chunk(50))
        {
            await index.UpsertManyAsync(batch);
        }

        Assert.Equal(3, StoredRows.ChangeRows(Database, "device-index"));
        Assert.Equal(0, StoredRows.WholeWrites(Database, "device-index", partition));

        using var second = await TestSilo.StartAsync(Database, _logged);
        var read = await second.Grains().GetGrain<IDeviceIndexGrain>(partition).GetSnapshotAsync();
        Assert.Equal(devices.OrderBy(d => d.DeviceId, StringComparer.Ordinal), read.Devices);
        Assert.Equal(await index.GetVersionAsync(), read.Version);
    }

    [Fact]
    public async Task A_fleet_index_partition_is_written_whole_once_its_rows_outgrow_it_and_the_rows_it_holds_are_deleted()
    {
        var partition = DeviceIndex.PartitionKeys[5];
        var devices = DevicesIn(partition, EntryLog<DeviceIndexEntry>.FewestEntriesToFold + 20);
        long version;
        using (var first = await TestSilo.StartAsync(Database, _logged))
        {
            var index = first.Grains().GetGrain<IDeviceIndexGrain>(partition);
            foreach (var device in devices)
            {
                await index.UpsertAsync(device);
            }

            await Eventually.WaitAsync(() => Task.FromResult(StoredRows.WholeWrites(Database, "device-index", partition)), writes => writes == 1, TimeSpan.FromSeconds(30));
            await Eventually.WaitAsync(() => Task.FromResult(StoredRows.ChangeRows(Database, "device-index")), rows => rows < 30, TimeSpan.FromSeconds(30));
            version = await index.GetVersionAsync();
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        using var second = await TestSilo.StartAsync(Database, _logged);
        var read = await second.Grains().GetGrain<IDeviceIndexGrain>(partition).GetSnapshotAsync();
        Assert.Equal(devices.Count, read.Devices.Count);
        Assert.Equal(version, read.Version);
        Assert.Equal(devices.Count, version);
    }

    [Fact]
    public async Task A_map_cell_stores_what_changed_and_a_restart_finds_upserts_moves_and_removals()
    {
        const string Cell = "gcpvj";
        var entries = Enumerable.Range(0, 400).Select(i => new CellEntry($"asset-{i:D4}", -0.13 + (i * 0.00001), 51.51, DeviceKind.Footfall, AssetStatus.Offline, null, $"Counter {i}")).ToList();
        Assert.All(entries, e => Assert.Equal(Cell, Geohash.Encode(e.Longitude, e.Latitude)));
        using (var first = await TestSilo.StartAsync(Database, _logged))
        {
            var cell = first.Grains().GetGrain<ICellGrain>(Cell);
            await cell.UpsertManyAsync(entries);
            await Eventually.WaitAsync(() => Task.FromResult(StoredRows.WholeWrites(Database, "cell", Cell)), writes => writes == 1, TimeSpan.FromSeconds(30));

            // Small changes after the cell was written whole: rows of their own (the last written
            // as the cell deactivates), not another whole write.
            await cell.RemoveAsync("asset-0007");
            await cell.UpsertAsync(entries[9] with { Status = AssetStatus.Ok, Name = "Renamed" });
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, StoredRows.WholeWrites(Database, "cell", Cell));
        Assert.True(StoredRows.ChangeRows(Database, "cell") >= 1);
        using var second = await TestSilo.StartAsync(Database, _logged);
        var page = await second.Grains().GetGrain<ICellGrain>(Cell).ScanByIdAsync(new CellScan(null, null, SpatialFilter.None, null, 1000));
        Assert.Equal(399, page.Hits.Count);
        Assert.DoesNotContain(page.Hits, h => h.Entry.AssetId == "asset-0007");
        var renamed = Assert.Single(page.Hits, h => h.Entry.AssetId == "asset-0009");
        Assert.Equal(("Renamed", AssetStatus.Ok), (renamed.Entry.Name, renamed.Entry.Status));
    }

    [Fact]
    public async Task An_inventory_shard_stores_listings_and_unlistings_as_rows()
    {
        var key = AssetInventory.ShardKey(DeviceKind.AirQuality, "asset-a");
        var ids = Enumerable.Range(0, 2000).Select(i => $"asset-{i}").Where(id => AssetInventory.ShardKey(DeviceKind.AirQuality, id) == key).ToList();
        using (var first = await TestSilo.StartAsync(Database, _logged))
        {
            var shard = first.Grains().GetGrain<IInventoryShardGrain>(key);
            foreach (var id in ids)
            {
                await shard.AddAsync(id);
            }

            await shard.RemoveAsync(ids[0]);
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, StoredRows.WholeWrites(Database, "inventory", key));
        Assert.True(StoredRows.ChangeRows(Database, "inventory") >= 1);
        using var second = await TestSilo.StartAsync(Database, _logged);
        var listed = await second.Grains().GetGrain<IInventoryShardGrain>(key).GetAssetsAsync();
        Assert.Equal(ids.Skip(1).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        _logged.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Devices whose ids hash to <paramref name="partition"/>.</summary>
    internal static List<DeviceIndexEntry> DevicesIn(string partition, int count) =>
        [.. Enumerable.Range(0, int.MaxValue)
            .Select(i => $"ff-test-{i:D6}")
            .Where(id => DeviceIndex.PartitionKey(id) == partition)
            .Take(count)
            .Select(id => new DeviceIndexEntry(id, DeviceKind.Footfall, true, null, "asset-" + id))];
}
