using UrbanTwin.Contracts;

namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// An asset as the fleet registers it: what it is, where (WGS84 longitude/latitude), which area
/// (e.g. a borough's ONS code), its operator-facing name and metadata.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.AssetRegistration")]
public sealed record AssetRegistration(
    string AssetId,
    DeviceKind Kind,
    string Name,
    double Longitude,
    double Latitude,
    string? AreaId,
    IReadOnlyDictionary<string, string> Metadata);
