using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Grains.Devices;

[GenerateSerializer]
[Alias("ut.DeviceGrainState")]
public sealed class DeviceGrainState
{
    [Id(0)]
    public DeviceRecord? Record { get; set; }
}
