using System.Globalization;
using UrbanTwin.Contracts;

namespace UrbanTwin.Grains.Abstractions.Inventory;

/// <summary>
/// Every asset in service, by kind: what lists a whole kind (the open data) without a map query,
/// which refuses the whole world and misses assets outside every area. Each kind's asset ids are
/// spread over <see cref="Shards"/> <see cref="IInventoryShardGrain"/>s by a stable hash of the id,
/// so with a million assets no grain holds or rewrites more than a small part, and a listing asks
/// the shards in parallel. Twins keep it: listed when registered and again whenever they activate,
/// unlisted when decommissioned. <see cref="Shards"/> is fixed: changing it would strand entries.
/// </summary>
public sealed class AssetInventory(IGrainFactory grains)
{
    public const int Shards = 64;

    /// <summary>The shard grain that lists <paramref name="assetId"/>.</summary>
    public static string ShardKey(DeviceKind kind, string assetId) => KeyOf(kind, ShardOf(assetId));

    /// <summary>Every listed asset of the kind, in asset id order (ordinal).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(DeviceKind kind)
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard => grains.GetGrain<IInventoryShardGrain>(KeyOf(kind, shard)).GetAssetsAsync()));
        var all = new List<string>(parts.Sum(part => part.Count));
        foreach (var part in parts)
        {
            all.AddRange(part);
        }

        all.Sort(StringComparer.Ordinal);
        return all;
    }

    /// <summary>Whether the asset is listed (in service), whatever its kind: one call to its shard of each kind.</summary>
    public async Task<bool> ContainsAsync(string assetId)
    {
        var listed = await Task.WhenAll(Enum.GetValues<DeviceKind>().Select(kind => grains.GetGrain<IInventoryShardGrain>(ShardKey(kind, assetId)).ContainsAsync(assetId)));
        return Array.IndexOf(listed, true) >= 0;
    }

    /// <summary>How many assets of the kind are listed.</summary>
    public async Task<int> CountAsync(DeviceKind kind) =>
        (await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard => grains.GetGrain<IInventoryShardGrain>(KeyOf(kind, shard)).CountAsync()))).Sum();

    private static int ShardOf(string assetId) => (int)(StableHash.Fnv1a(assetId) % Shards);

    private static string KeyOf(DeviceKind kind, int shard) => string.Create(CultureInfo.InvariantCulture, $"{kind.ToSegment()}/{shard:D2}");
}
