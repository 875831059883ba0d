using UrbanTwin.Grains.Abstractions.DigitalTwins;

namespace UrbanTwin.Grains.DigitalTwins;

/// <summary>A graph shard as last written whole; the changes since are rows of its <see cref="EntryLog{TEntry}"/>.</summary>
[GenerateSerializer]
[Alias("ut.GraphShardState")]
public sealed class GraphShardState
{
    [Id(0)]
    public Dictionary<string, GraphEntry> Entries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last row of changes this state holds.</summary>
    [Id(1)]
    public long Through { get; set; }
}
