namespace UrbanTwin.Grains.Inventory;

[GenerateSerializer]
[Alias("ut.InventoryShardState")]
public sealed class InventoryShardState
{
    [Id(0)]
    public HashSet<string> Assets { get; set; } = new(StringComparer.Ordinal);
}
