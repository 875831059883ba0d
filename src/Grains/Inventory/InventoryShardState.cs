namespace UrbanTwin.Grains.Inventory;

/// <summary>An inventory shard as last written whole; the changes since are rows of its <see cref="EntryLog{TEntry}"/>.</summary>
[GenerateSerializer]
[Alias("ut.InventoryShardState")]
public sealed class InventoryShardState
{
    [Id(0)]
    public HashSet<string> Assets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last row of changes this state holds.</summary>
    [Id(1)]
    public long Through { get; set; }
}
