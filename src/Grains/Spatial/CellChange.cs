namespace UrbanTwin.Grains.Spatial;

/// <summary>What an update did to a cell: whether anything changed, and which area it gained its first asset of or lost its last.</summary>
public readonly record struct CellChange(bool Changed, string? AreaAdded, string? AreaRemoved)
{
    public static CellChange None => default;
}
