using System.Globalization;
using System.Security.Cryptography;
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
/// <see cref="IsWanted"/> is false and twins build no events at all. Every event fanned out gets
/// the next number on this node, and the latest <see cref="LiveOptions.ReplayBuffer"/> are kept, so
/// a listener that reconnects with the id of the last event it got is sent what it missed; ids
/// name the node's start, so one from another node or an earlier start is known not to match.
/// While nobody on the node listens no events are built, so a listener resuming across such a
/// moment is told it may have missed some (<see cref="LiveSubscription.Gap"/>).
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
    private readonly string _epoch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    private readonly SequencedLiveEvent?[] _replay;
    private long _sequence;
    private long _unlistenedAfter = -1;

    public LiveFeed(IOptions<LiveOptions> options, LiveMetrics metrics)
    {
        _capacity = options.Value.SubscriberBuffer;
        _replay = new SequencedLiveEvent?[options.Value.ReplayBuffer];
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

    /// <summary>The id a live stream gives an event: this node's start and the event's number.</summary>
    public string IdOf(SequencedLiveEvent e) => string.Create(CultureInfo.InvariantCulture, $"{_epoch}-{e.Sequence}");

    /// <param name="lastEventId">The id of the last event a reconnecting listener got: what it missed since is in <see cref="LiveSubscription.Replay"/>.</param>
    public LiveSubscription Subscribe(LiveFilter filter, string? lastEventId = null)
    {
        var subscription = new LiveSubscription(this, filter, _capacity, () => _metrics.Dropped("listener"));
        lock (_gate)
        {
            // Under the lock that fans events out: nothing falls between the replay and the queue.
            if (lastEventId is not null)
            {
                (subscription.Replay, subscription.Gap) = Missed(lastEventId, filter);
            }

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
        lock (_gate)
        {
            var numbered = new SequencedLiveEvent(++_sequence, e);
            if (_replay.Length > 0)
            {
                _replay[numbered.Sequence % _replay.Length] = numbered;
            }

            foreach (var subscription in _subscriptions)
            {
                subscription.Offer(numbered);
            }
        }
    }

    /// <summary>The kept events after <paramref name="lastEventId"/> that <paramref name="filter"/> lets through, and whether some may be missing.</summary>
    private (IReadOnlyList<SequencedLiveEvent> Replay, bool Gap) Missed(string lastEventId, LiveFilter filter)
    {
        var dash = lastEventId.LastIndexOf('-');
        if (dash < 0
            || !lastEventId.AsSpan(0, dash).SequenceEqual(_epoch)
            || !long.TryParse(lastEventId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last > _sequence)
        {
            return ([], true);
        }

        // Kept: the latest _replay.Length numbers. Resuming after `last` needs last + 1 onwards,
        // and every moment since then listened to.
        var oldestKept = Math.Max(1, _sequence - _replay.Length + 1);
        if (last + 1 < oldestKept || _unlistenedAfter >= last)
        {
            return ([], true);
        }

        var missed = new List<SequencedLiveEvent>();
        for (var n = last + 1; n <= _sequence; n++)
        {
            if (_replay[n % _replay.Length] is { } e && e.Sequence == n && filter.Matches(e.Event))
            {
                missed.Add(e);
            }
        }

        return (missed, false);
    }

    private void Update()
    {
        var local = _subscriptions.Length > 0;
        _wanted = local || _relaying;
        if (local != _hadLocal)
        {
            _hadLocal = local;
            if (!local)
            {
                // From here nobody on this node listens: events stop being built or relayed here,
                // so a listener resuming from an id before this point may have missed some.
                _unlistenedAfter = _sequence;
            }

            _listenersChanged.Writer.TryWrite(true);
        }
    }
}
