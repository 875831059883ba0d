namespace UrbanTwin.Contracts.Readings;

/// <summary>A device's connection state as it reports it on its <c>status</c> topic.</summary>
public enum DeviceState
{
    Online = 1,
    Offline = 2,
}
