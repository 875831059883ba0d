using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>A device's <c>status</c> message (or its Last Will), as received by the hub.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.ConnectionChange")]
public sealed record ConnectionChange(string DeviceId, DeviceState State, string? Firmware, long ReceivedAtMs);
