namespace UrbanTwin.Grains.Abstractions.DigitalTwins;

/// <summary>
/// One shard of the twin graph (key <c>00</c>..<c>31</c>, <see cref="GraphShards"/>): the twins
/// stored through the twin API (sites, junctions, street segments, areas…) and the relationships
/// whose source twin hashes to it, asset twins' relationships included (asset twins themselves are
/// the assets' grains). A write is stored before it returns.
/// </summary>
[Alias("ut.IGraphShardGrain")]
public interface IGraphShardGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<GraphEntry?> GetAsync(string key);

    /// <summary>The relationships whose source is <paramref name="sourceId"/>.</summary>
    [Alias("Relationships")]
    Task<IReadOnlyList<GraphEntry>> GetRelationshipsAsync(string sourceId);

    /// <summary>What changed after <paramref name="cursor"/> (every entry when null), for a node keeping its query index.</summary>
    [Alias("Changes")]
    Task<GraphChanges> ChangesSinceAsync(GraphCursor? cursor);

    [Alias("Write")]
    Task<GraphWriteResult> WriteAsync(GraphWrite write);
}
