using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Spatial;

/// <summary>A map cell as last written whole; the changes since are rows of its <see cref="EntryLog{TEntry}"/>.</summary>
[GenerateSerializer]
[Alias("ut.CellState")]
public sealed class CellState
{
    [Id(0)]
    public Dictionary<string, CellEntry> Assets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last row of changes this state holds.</summary>
    [Id(1)]
    public long Through { get; set; }
}
