using System.Collections.Concurrent;
using UrbanTwin.Gateway.Ingestion;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// The registration each live client id authenticated with, set at every CONNECT. MQTTnet keeps
/// a resumed persistent session's items from the connection that created it, so the registration
/// is looked up here, per connection, never in the session.
/// </summary>
public sealed class DeviceConnections
{
    private readonly ConcurrentDictionary<string, DeviceRegistration> _byClientId = new(StringComparer.Ordinal);

    public void Bind(string clientId, DeviceRegistration device) => _byClientId[clientId] = device;

    public DeviceRegistration? Find(string clientId) => _byClientId.TryGetValue(clientId, out var device) ? device : null;

    /// <summary>Forgets the client id, unless a newer connection has bound it since.</summary>
    public void Unbind(string clientId, DeviceRegistration device) => _byClientId.TryRemove(KeyValuePair.Create(clientId, device));

    /// <summary>The client ids the device is connected with.</summary>
    public List<string> ClientIdsOf(string deviceId)
    {
        var ids = new List<string>();
        foreach (var (clientId, device) in _byClientId)
        {
            if (device.DeviceId == deviceId)
            {
                ids.Add(clientId);
            }
        }

        return ids;
    }
}
