using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Spatial;

[GenerateSerializer]
[Alias("ut.CellState")]
public sealed class CellState
{
    [Id(0)]
    public Dictionary<string, CellEntry> Assets { get; set; } = new(StringComparer.Ordinal);
}
