using System.Collections.Concurrent;
using UrbanTwin.Gateway.Ingestion;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// The registration each live client id authenticated with, set at every CONNECT. MQTTnet keeps
/// a resumed persistent session's items from the connection that created it, so the registration
/// is looked up here, per connection, never in the session. Also counts each device's live
/// connections (a device may hold several, with client ids <c>{deviceId}:{suffix}</c>), so the
/// end of one of them does not mark a device offline that is still connected. Each binding keeps
/// the secret hash it was checked against, so a revocation can tell a session opened with the
/// credentials that hold now from one opened with those it revokes.
/// </summary>
public sealed class DeviceConnections
{
    private readonly ConcurrentDictionary<string, Binding> _byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _connectionsByDevice = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Bind(string clientId, DeviceRegistration device, byte[] secretHash)
    {
        lock (_gate)
        {
            if (_byClientId.TryGetValue(clientId, out var replaced))
            {
                Count(replaced.Device.DeviceId, -1);
            }

            _byClientId[clientId] = new Binding(device, secretHash);
            Count(device.DeviceId, +1);
        }
    }

    public DeviceRegistration? Find(string clientId) => _byClientId.TryGetValue(clientId, out var binding) ? binding.Device : null;

    /// <summary>The registration and the secret hash the client id's connection was authenticated with.</summary>
    public Binding? FindBinding(string clientId) => _byClientId.GetValueOrDefault(clientId);

    /// <summary>Forgets the client id, unless a newer connection has bound it since.</summary>
    public void Unbind(string clientId, DeviceRegistration device)
    {
        lock (_gate)
        {
            if (_byClientId.TryGetValue(clientId, out var binding) && ReferenceEquals(binding.Device, device)
                && _byClientId.TryRemove(KeyValuePair.Create(clientId, binding)))
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
        foreach (var (clientId, binding) in _byClientId)
        {
            if (binding.Device.DeviceId == deviceId)
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

    /// <summary>What one connection authenticated with.</summary>
    public sealed record Binding(DeviceRegistration Device, byte[] SecretHash);
}
