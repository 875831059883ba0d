using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Grains.Devices;

[GenerateSerializer]
[Alias("ut.DeviceIndexState")]
public sealed class DeviceIndexState
{
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public Dictionary<string, DeviceIndexEntry> Devices { get; set; } = new(StringComparer.Ordinal);
}
