using Orleans.Concurrency;

namespace UrbanTwin.Grains.Abstractions.Live;

/// <summary>
/// A node's live feed as other nodes reach it: events of twins living elsewhere for its local
/// listeners, and which nodes have listeners now. Both one-way: a slow or dead node never holds up
/// the sender.
/// </summary>
[Alias("ut.ILiveNodeObserver")]
public interface ILiveNodeObserver : IGrainObserver
{
    [OneWay]
    [Alias("Deliver")]
    Task DeliverAsync(IReadOnlyList<LiveEvent> events);

    [OneWay]
    [Alias("Listeners")]
    Task ListenersChangedAsync(LiveListeners listeners);
}
