using UrbanTwin.Contracts;
using UrbanTwin.Simulator.Places;

namespace UrbanTwin.Simulator.Fleet;

/// <summary>
/// One planned device and the asset it reports for: its place in the fleet (<see cref="Index"/>),
/// its asset id (also its device id), kind, a name and the real place it stands at.
/// </summary>
public sealed record SimulatedDevice(int Index, string AssetId, DeviceKind Kind, string Name, BusStop Place)
{
    /// <summary>The MQTT user name: devices are registered with the asset's id as their device id.</summary>
    public string DeviceId => AssetId;

    public double Longitude => Place.Longitude;

    public double Latitude => Place.Latitude;
}
