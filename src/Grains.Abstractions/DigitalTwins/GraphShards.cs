using System.Globalization;

namespace UrbanTwin.Grains.Abstractions.DigitalTwins;

/// <summary>
/// Where a twin's entries live: <see cref="Count"/> <see cref="IGraphShardGrain"/>s by a stable
/// hash of the (source) twin id. Fixed: changing it would strand entries.
/// </summary>
public static class GraphShards
{
    public const int Count = 32;

    public static IGraphShardGrain ShardOf(this IGrainFactory grains, string twinId) => grains.GetGrain<IGraphShardGrain>(KeyOf(IndexOf(twinId)));

    public static IGraphShardGrain Shard(this IGrainFactory grains, int index) => grains.GetGrain<IGraphShardGrain>(KeyOf(index));

    public static int IndexOf(string twinId) => (int)(StableHash.Fnv1a(twinId) % Count);

    private static string KeyOf(int index) => index.ToString("D2", CultureInfo.InvariantCulture);
}
