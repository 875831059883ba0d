namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>The fleet index at one version (the version grows with every change).</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.DeviceIndexSnapshot")]
public sealed record DeviceIndexSnapshot(long Version, IReadOnlyList<DeviceIndexEntry> Devices);
