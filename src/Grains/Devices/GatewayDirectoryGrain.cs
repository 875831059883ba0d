using UrbanTwin.Grains.Abstractions.Devices;

namespace UrbanTwin.Grains.Devices;

/// <summary>
/// Keeps the cluster's gateways in memory: each renews its entry every
/// <see cref="IGatewayDirectoryGrain.RenewSeconds"/>, so after a restart of this grain (its silo
/// lost) the list is whole again within one interval; a gateway that misses three renewals (a dead
/// node) is forgotten. Until the list can be whole, the revocations it receives are kept and handed
/// to each gateway when it first joins, so a device revoked right after the directory moved is
/// still disconnected from every node.
/// </summary>
public sealed class GatewayDirectoryGrain(TimeProvider time) : Grain, IGatewayDirectoryGrain
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(3 * IGatewayDirectoryGrain.RenewSeconds);

    private readonly Dictionary<string, Entry> _gateways = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _activatedAt = time.GetUtcNow();
    private List<string>? _sinceActivation = [];

    public Task JoinAsync(string nodeId, IDeviceSessionObserver gateway)
    {
        var isNew = !_gateways.ContainsKey(nodeId);
        _gateways[nodeId] = new Entry(gateway, time.GetUtcNow());
        if (isNew && StillGathering() is { Count: > 0 } missed)
        {
            foreach (var deviceId in missed)
            {
                gateway.CredentialsRevokedAsync(deviceId).Ignore();
            }
        }

        return Task.CompletedTask;
    }

    public Task RevokeAsync(string deviceId)
    {
        StillGathering()?.Add(deviceId);
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

    /// <summary>
    /// The revocations received since activation while a live gateway may not have joined yet
    /// (one expiry, three renewals); null, and forgotten, once every live gateway has.
    /// </summary>
    private List<string>? StillGathering()
    {
        if (_sinceActivation is not null && time.GetUtcNow() - _activatedAt > Expiry)
        {
            _sinceActivation = null;
        }

        return _sinceActivation;
    }

    private sealed record Entry(IDeviceSessionObserver Gateway, DateTimeOffset SeenAt);
}
