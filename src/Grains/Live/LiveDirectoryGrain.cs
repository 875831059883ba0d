using Microsoft.Extensions.Options;
using UrbanTwin.Grains.Abstractions.Live;

namespace UrbanTwin.Grains.Live;

/// <summary>
/// Keeps which nodes have live listeners, in memory only: nodes renew their entry every
/// <see cref="LiveOptions.RelayInterval"/>, so after a restart of this grain the list is whole
/// again within one interval. A node that misses three renewals (a dead silo) is forgotten.
/// Whenever the set of nodes with listeners changes, every known node is told, one-way.
/// </summary>
public sealed class LiveDirectoryGrain(IOptions<LiveOptions> options, TimeProvider time) : Grain, ILiveDirectoryGrain
{
    private readonly Dictionary<string, Entry> _nodes = new(StringComparer.Ordinal);
    private LiveListeners _listeners = LiveListeners.None;

    private TimeSpan Expiry => options.Value.RelayInterval * 3;

    public Task<LiveListeners> JoinAsync(LiveNode node, bool listening)
    {
        var now = time.GetUtcNow();
        _nodes[node.NodeId] = new Entry(node, listening, now);
        foreach (var stale in _nodes.Where(n => now - n.Value.SeenAt > Expiry).Select(n => n.Key).ToList())
        {
            _nodes.Remove(stale);
        }

        Announce(node.NodeId, now);
        return Task.FromResult(_listeners);
    }

    public Task LeaveAsync(string nodeId)
    {
        if (_nodes.Remove(nodeId))
        {
            Announce(nodeId, time.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    /// <summary>When the nodes with listeners changed, a newer list goes to every node but <paramref name="caller"/> (which gets it in its answer).</summary>
    private void Announce(string caller, DateTimeOffset now)
    {
        var listening = _nodes.Values.Where(e => e.Listening).Select(e => e.Node).OrderBy(n => n.NodeId, StringComparer.Ordinal).ToList();
        if (listening.Select(n => n.NodeId).SequenceEqual(_listeners.Nodes.Select(n => n.NodeId)))
        {
            return;
        }

        // Versions follow the clock, so a list from a later activation of this grain is still newer.
        _listeners = new LiveListeners(Math.Max(_listeners.Version + 1, now.UtcTicks), listening);
        foreach (var entry in _nodes.Values)
        {
            if (entry.Node.NodeId != caller)
            {
                entry.Node.Observer.ListenersChangedAsync(_listeners).Ignore();
            }
        }
    }

    private sealed record Entry(LiveNode Node, bool Listening, DateTimeOffset SeenAt);
}
