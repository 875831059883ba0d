namespace UrbanTwin.Contracts;

/// <summary>The kinds of street asset a device can be registered as in contract v1.</summary>
public enum DeviceKind
{
    AirQuality = 1,
    Footfall = 2,
    BusPriority = 3,
}
