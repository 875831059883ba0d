namespace UrbanTwin.Grains.Abstractions.Live;

/// <summary>
/// Which nodes of the cluster have live listeners (one grain, key <see cref="Key"/>, in memory):
/// every node joins and renews its entry periodically, saying whether it has listeners; the
/// directory tells every node when the set of nodes with listeners changes, and forgets a node
/// that stops renewing.
/// </summary>
[Alias("ut.ILiveDirectoryGrain")]
public interface ILiveDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "city";

    /// <summary>Adds or renews <paramref name="node"/>; answers the nodes that have listeners now.</summary>
    [Alias("Join")]
    Task<LiveListeners> JoinAsync(LiveNode node, bool listening);

    [Alias("Leave")]
    Task LeaveAsync(string nodeId);
}
