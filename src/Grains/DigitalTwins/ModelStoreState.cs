using UrbanTwin.Grains.Abstractions.DigitalTwins;

namespace UrbanTwin.Grains.DigitalTwins;

[GenerateSerializer]
[Alias("ut.ModelStoreState")]
public sealed class ModelStoreState
{
    [Id(0)]
    public List<StoredModel> Models { get; set; } = [];

    [Id(1)]
    public long Version { get; set; }
}
