using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Twins;

/// <summary>The status a twin shows on the map, in its snapshot and on the live feed.</summary>
internal static class TwinStatus
{
    public static string Of(AssetTwinState twin) =>
        twin.Decommissioned ? AssetStatus.Decommissioned : !twin.Online ? AssetStatus.Offline : twin.ActiveAlerts is { Count: > 0 } ? AssetStatus.Alert : AssetStatus.Ok;
}
