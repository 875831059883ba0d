using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.TwinApi.Assets;

/// <summary>An asset as the fleet API returns it.</summary>
public sealed record AssetView(
    string Id,
    DeviceKind Kind,
    string Name,
    AssetLocation Location,
    string? Area,
    string? DeviceId,
    string Status,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The asset of a twin snapshot, or null when the twin was never registered.</summary>
    public static AssetView? Of(TwinSnapshot twin) =>
        twin.Registration is not { } r
            ? null
            : new AssetView(r.AssetId, r.Kind, r.Name, new AssetLocation(r.Longitude, r.Latitude), r.AreaId, twin.DeviceId, twin.Status, r.Metadata);
}
