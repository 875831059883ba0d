using System.Threading.Channels;
using UrbanTwin.Grains.Abstractions.Live;

namespace UrbanTwin.Grains.Live;

/// <summary>
/// One listener of the <see cref="LiveFeed"/>: the events its filter lets through, in a bounded
/// queue. A listener that falls behind loses its oldest events, never holding up the twins; it
/// learns how many from <see cref="TakeDropped"/>. Disposing it unsubscribes.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly LiveFeed _feed;
    private readonly Channel<LiveEvent> _events;
    private long _dropped;

    internal LiveSubscription(LiveFeed feed, LiveFilter filter, int capacity, Action onDropped)
    {
        _feed = feed;
        Filter = filter;
        _events = Channel.CreateBounded<LiveEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                onDropped();
            });
    }

    public LiveFilter Filter { get; }

    public ChannelReader<LiveEvent> Events => _events.Reader;

    /// <summary>How many events were dropped since the last call.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

    internal void Offer(LiveEvent e)
    {
        if (Filter.Matches(e))
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
