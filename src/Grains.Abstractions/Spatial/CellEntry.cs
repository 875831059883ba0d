using UrbanTwin.Contracts;

namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// An asset as its map cell knows it: where it is, what it is, how it is (an <see cref="AssetStatus"/>),
/// its area and its operator-facing name (null in listings written before names were kept).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.CellEntry")]
public sealed record CellEntry(string AssetId, double Longitude, double Latitude, DeviceKind Kind, string Status, string? AreaId, string? Name);
