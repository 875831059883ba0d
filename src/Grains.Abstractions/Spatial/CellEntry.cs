using UrbanTwin.Contracts;

namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// An asset as its map cell knows it: where it is, what it is, how it is (an <see cref="AssetStatus"/>),
/// its area, its operator-facing name (null in listings written before names were kept) and, for an
/// air-quality station with a DAQI index, its band (<c>Low</c>, <c>Moderate</c>, <c>High</c>,
/// <c>VeryHigh</c>; null otherwise and in listings written before bands were kept).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.CellEntry")]
public sealed record CellEntry(string AssetId, double Longitude, double Latitude, DeviceKind Kind, string Status, string? AreaId, string? Name, string? Band = null);
