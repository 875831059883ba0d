using System.Threading.Channels;
using UrbanTwin.Grains.Abstractions.Live;

namespace UrbanTwin.Grains.Live;

/// <summary>
/// One listener of the <see cref="LiveFeed"/>: the events its filter lets through, in a bounded
/// queue. A listener that falls behind loses its oldest events, never holding up the twins; it
/// learns how many from <see cref="TakeDropped"/>. Each event carries its number on this node
/// (<see cref="LiveFeed.IdOf"/>). Disposing it unsubscribes.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly LiveFeed _feed;
    private readonly Channel<SequencedLiveEvent> _events;
    private long _dropped;

    internal LiveSubscription(LiveFeed feed, LiveFilter filter, int capacity, Action onDropped)
    {
        _feed = feed;
        Filter = filter;
        _events = Channel.CreateBounded<SequencedLiveEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                onDropped();
            });
    }

    public LiveFilter Filter { get; }

    public ChannelReader<SequencedLiveEvent> Events => _events.Reader;

    /// <summary>How many events were dropped since the last call.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

    /// <summary>
    /// When the listener resumed with a last event id: the events it missed that its filter lets
    /// through, oldest first, to be sent before <see cref="Events"/>.
    /// </summary>
    public IReadOnlyList<SequencedLiveEvent> Replay { get; internal set; } = [];

    /// <summary>
    /// When the listener resumed with a last event id this node can no longer honour (another node's
    /// or another start's id, or older than the events kept): it may have missed events.
    /// </summary>
    public bool Gap { get; internal set; }

    internal void Offer(SequencedLiveEvent e)
    {
        if (Filter.Matches(e.Event))
        {
            _events.Writer.TryWrite(e);
        }
    }

    public void Dispose()
    {
        if (_events.Writer.TryComplete())
        {
            _feed.Remove(this);
        }
    }
}
