namespace UrbanTwin.Gateway.Ingestion;

/// <summary>Looks up provisioned devices by id; called for every message, so it must be fast and non-blocking.</summary>
public interface IDeviceDirectory
{
    bool TryFind(ReadOnlySpan<char> deviceId, out DeviceRegistration registration);
}
