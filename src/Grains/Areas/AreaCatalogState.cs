using UrbanTwin.Grains.Abstractions.Areas;

namespace UrbanTwin.Grains.Areas;

[GenerateSerializer]
[Alias("ut.AreaCatalogState")]
public sealed class AreaCatalogState
{
    [Id(0)]
    public List<AreaDefinition> Areas { get; set; } = [];

    [Id(1)]
    public long Version { get; set; }
}
