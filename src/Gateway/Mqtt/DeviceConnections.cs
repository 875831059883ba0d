using System.Collections.Concurrent;
using UrbanTwin.Gateway.Ingestion;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// The registration each live client id authenticated with, set at every CONNECT. MQTTnet keeps
/// a resumed persistent session's items from the connection that created it, so the registration
/// is looked up here, per connection, never in the session. Also counts each device's live
/// connections (a device may hold several, with client ids <c>{deviceId}:{suffix}</c>), so the
/// end of one of them does not mark a device offline that is still connected.
/// </summary>
public sealed class DeviceConnections
{
    private readonly ConcurrentDictionary<string, DeviceRegistration> _byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _connectionsByDevice = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Bind(string clientId, DeviceRegistration device)
    {
        lock (_gate)
        {
            if (_byClientId.TryGetValue(clientId, out var replaced))
            {
                Count(replaced.DeviceId, -1);
            }

            _byClientId[clientId] = device;
            Count(device.DeviceId, +1);
        }
    }

    public DeviceRegistration? Find(string clientId) => _byClientId.TryGetValue(clientId, out var device) ? device : null;

    /// <summary>Forgets the client id, unless a newer connection has bound it since.</summary>
    public void Unbind(string clientId, DeviceRegistration device)
    {
        lock (_gate)
        {
            if (_byClientId.TryRemove(KeyValuePair.Create(clientId, device)))
            {
                Count(device.DeviceId, -1);
            }
        }
    }

    /// <summary>Whether the device has a live connection on this node.</summary>
    public bool IsConnected(string deviceId)
    {
        lock (_gate)
        {
            return _connectionsByDevice.ContainsKey(deviceId);
        }
    }

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

    private void Count(string deviceId, int change)
    {
        var count = _connectionsByDevice.GetValueOrDefault(deviceId) + change;
        if (count > 0)
        {
            _connectionsByDevice[deviceId] = count;
        }
        else
        {
            _connectionsByDevice.Remove(deviceId);
        }
    }
}
