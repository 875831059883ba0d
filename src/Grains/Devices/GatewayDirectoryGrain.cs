using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Grains.Devices;

/// <summary>
/// Keeps the cluster's gateways in memory: each renews its entry every
/// <see cref="IGatewayDirectoryGrain.RenewSeconds"/>, so after a restart of this grain the list is whole again within
/// one interval; a gateway that misses three renewals (a dead node) is forgotten.
/// </summary>
public sealed class GatewayDirectoryGrain(TimeProvider time) : Grain, IGatewayDirectoryGrain
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(3 * IGatewayDirectoryGrain.RenewSeconds);

    private readonly Dictionary<string, Entry> _gateways = new(StringComparer.Ordinal);

    public Task JoinAsync(string nodeId, IDeviceSessionObserver gateway)
    {
        _gateways[nodeId] = new Entry(gateway, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task RevokeAsync(string deviceId)
    {
        var now = time.GetUtcNow();
        foreach (var (nodeId, entry) in _gateways.ToList())
        {
            if (now - entry.SeenAt > Expiry)
            {
                _gateways.Remove(nodeId);
                continue;
            }

            entry.Gateway.CredentialsRevokedAsync(deviceId).Ignore();
        }

        return Task.CompletedTask;
    }

    private sealed record Entry(IDeviceSessionObserver Gateway, DateTimeOffset SeenAt);
}
