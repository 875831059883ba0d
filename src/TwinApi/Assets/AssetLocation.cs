namespace UrbanTwin.TwinApi.Assets;

/// <summary>Where an asset stands: WGS84 longitude and latitude in degrees.</summary>
public sealed record AssetLocation(double? Lon, double? Lat);
