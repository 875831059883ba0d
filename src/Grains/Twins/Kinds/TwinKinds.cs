using UrbanTwin.Contracts;
using UrbanTwin.Grains.AirQuality;
using UrbanTwin.Grains.BusPriority;
using UrbanTwin.Grains.Footfall;

namespace UrbanTwin.Grains.Twins.Kinds;

/// <summary>The behaviour of each kind of asset.</summary>
internal static class TwinKinds
{
    public static ITwinKind Of(DeviceKind kind) => kind switch
    {
        DeviceKind.AirQuality => AirQualityTwin.Instance,
        DeviceKind.Footfall => FootfallTwin.Instance,
        DeviceKind.BusPriority => BusPriorityTwin.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no twin behaviour for this kind"),
    };
}
