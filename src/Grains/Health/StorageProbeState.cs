namespace UrbanTwin.Grains.Health;

[GenerateSerializer]
[Alias("ut.StorageProbeState")]
public sealed class StorageProbeState
{
    [Id(0)]
    public long Probes { get; set; }
}
