using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Live;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Live;

/// <summary>
/// Which live events one listener gets: its key's areas (<see cref="Scope"/>, null: every area,
/// including events of no area such as the platform's own alerts) and, when given, one asset kind,
/// one area and a box the asset must stand in.
/// </summary>
public sealed record LiveFilter(IReadOnlySet<string>? Scope, DeviceKind? Kind = null, string? AreaId = null, GeoBox? Box = null)
{
    public bool Matches(LiveEvent e) =>
        (Scope is null || (e.AreaId is { } area && Scope.Contains(area)))
        && (Kind is null || e.Kind == Kind)
        && (AreaId is null || e.AreaId == AreaId)
        && (Box is null || (e.Longitude is { } lon && e.Latitude is { } lat && Box.Contains(lon, lat)));
}
