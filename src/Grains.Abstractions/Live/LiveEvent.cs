using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Alerts;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Grains.Abstractions.Live;

/// <summary>
/// What a twin tells live listeners: a change of its latest values or status (<see cref="Twin"/>)
/// or an alert raised or cleared (<see cref="Alert"/>), with the asset's kind, area and position so
/// each listener's filters and area scope can be applied wherever the listener is.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.LiveEvent")]
public sealed record LiveEvent(
    string AssetId,
    DeviceKind? Kind,
    string? AreaId,
    double? Longitude,
    double? Latitude,
    TwinChange? Twin = null,
    Alert? Alert = null);
