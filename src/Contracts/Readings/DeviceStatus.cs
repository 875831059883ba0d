namespace UrbanTwin.Contracts.Readings;

/// <summary>A decoded <c>status</c> message (also the device's Last Will).</summary>
public sealed record DeviceStatus(DeviceState State, string? Firmware);
