using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Grains.Devices;

/// <summary>A fleet-index partition as last written whole; the changes since are rows of its <see cref="EntryLog{TEntry}"/>.</summary>
[GenerateSerializer]
[Alias("ut.DeviceIndexState")]
public sealed class DeviceIndexState
{
    [Id(0)]
    public long Version { get; set; }

    [Id(1)]
    public Dictionary<string, DeviceIndexEntry> Devices { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last row of changes this state holds.</summary>
    [Id(2)]
    public long Through { get; set; }
}
