namespace UrbanTwin.Grains.Spatial;

[GenerateSerializer]
[Alias("ut.AreaCellsState")]
public sealed class AreaCellsState
{
    [Id(0)]
    public HashSet<string> Cells { get; set; } = new(StringComparer.Ordinal);
}
