using System.Threading.Channels;
using Microsoft.Extensions.Options;
using UrbanTwin.Grains.Abstractions.Live;

namespace UrbanTwin.Grains.Live;

/// <summary>
/// The node's live feed: twins living on this node <see cref="Publish"/> their changes and alerts,
/// and every local <see cref="LiveSubscription"/> whose filter matches gets them through its own
/// bounded queue, so a slow listener never blocks ingestion. When other nodes have listeners,
/// published events are also queued for the <see cref="LiveRelay"/>, which sends them there; events
/// from twins on other nodes come in through <see cref="Deliver"/>. With nobody listening anywhere
/// <see cref="IsWanted"/> is false and twins build no events at all.
/// </summary>
public sealed class LiveFeed
{
    /// <summary>Events queued for other nodes before the oldest are dropped (the relay fell behind).</summary>
    public const int RelayBuffer = 10_000;

    private readonly Lock _gate = new();
    private readonly int _capacity;
    private readonly LiveMetrics _metrics;
    private readonly Channel<LiveEvent> _outbound;
    private readonly Channel<bool> _listenersChanged = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private LiveSubscription[] _subscriptions = [];
    private volatile bool _relaying;
    private volatile bool _wanted;
    private bool _hadLocal;

    public LiveFeed(IOptions<LiveOptions> options, LiveMetrics metrics)
    {
        _capacity = options.Value.SubscriberBuffer;
        _metrics = metrics;
        _outbound = Channel.CreateBounded<LiveEvent>(
            new BoundedChannelOptions(RelayBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => metrics.Dropped("relay"));
    }

    /// <summary>Whether anyone, on this node or another, listens: twins check this before building an event.</summary>
    public bool IsWanted => _wanted;

    public bool HasLocalListeners => Volatile.Read(ref _subscriptions).Length > 0;

    /// <summary>Events of this node's twins for the relay to send to other nodes.</summary>
    internal ChannelReader<LiveEvent> Outbound => _outbound.Reader;

    /// <summary>Signalled when this node gains its first listener or loses its last.</summary>
    internal ChannelReader<bool> ListenersChanged => _listenersChanged.Reader;

    public LiveSubscription Subscribe(LiveFilter filter)
    {
        var subscription = new LiveSubscription(this, filter, _capacity, () => _metrics.Dropped("listener"));
        lock (_gate)
        {
            Volatile.Write(ref _subscriptions, [.. _subscriptions, subscription]);
            Update();
        }

        _metrics.ListenerAdded();
        return subscription;
    }

    /// <summary>An event of a twin on this node: to local listeners, and to other nodes' when they have any.</summary>
    public void Publish(LiveEvent e)
    {
        Fan(e);
        if (_relaying)
        {
            _outbound.Writer.TryWrite(e);
        }
    }

    /// <summary>Events of twins on other nodes: to local listeners only.</summary>
    public void Deliver(IReadOnlyList<LiveEvent> events)
    {
        foreach (var e in events)
        {
            Fan(e);
        }
    }

    /// <summary>Whether other nodes have listeners, as the relay learns it.</summary>
    internal void SetRelaying(bool relaying)
    {
        lock (_gate)
        {
            _relaying = relaying;
            Update();
        }
    }

    internal void Remove(LiveSubscription subscription)
    {
        lock (_gate)
        {
            Volatile.Write(ref _subscriptions, [.. _subscriptions.Where(s => s != subscription)]);
            Update();
        }

        _metrics.ListenerRemoved();
    }

    private void Fan(LiveEvent e)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Offer(e);
        }
    }

    private void Update()
    {
        var local = _subscriptions.Length > 0;
        _wanted = local || _relaying;
        if (local != _hadLocal)
        {
            _hadLocal = local;
            _listenersChanged.Writer.TryWrite(true);
        }
    }
}
