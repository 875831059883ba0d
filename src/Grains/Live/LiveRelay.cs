using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UrbanTwin.Grains.Abstractions.Live;

namespace UrbanTwin.Grains.Live;

/// <summary>
/// Carries the live feed across the cluster. It keeps this node in the <see cref="ILiveDirectoryGrain"/>
/// (at once when the node gains its first listener or loses its last, and every
/// <see cref="LiveOptions.RelayInterval"/>), learns which other nodes have listeners, and sends them
/// this node's twin events in batches, one-way, through their observers; it takes theirs the same way.
/// A single node finds only itself in the directory and relays nothing.
/// </summary>
public sealed partial class LiveRelay(LiveFeed feed, IGrainFactory grains, IOptions<LiveOptions> options, LiveMetrics metrics, ILogger<LiveRelay> logger)
    : BackgroundService, ILiveNodeObserver
{
    /// <summary>The most events sent to another node in one call.</summary>
    public const int MaxBatch = 512;

    private readonly string _nodeId = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private LiveListeners _listeners = LiveListeners.None;
    private LiveNode[] _others = [];

    public Task DeliverAsync(IReadOnlyList<LiveEvent> events)
    {
        feed.Deliver(events);
        return Task.CompletedTask;
    }

    public Task ListenersChangedAsync(LiveListeners listeners)
    {
        Apply(listeners);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = new LiveNode(_nodeId, grains.CreateObjectReference<ILiveNodeObserver>(this));
        var directory = grains.GetGrain<ILiveDirectoryGrain>(ILiveDirectoryGrain.Key);
        var sending = SendAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    Apply(await directory.JoinAsync(self, feed.HasLocalListeners));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    metrics.RelayFailed();
                    Log.JoinFailed(logger, ex.Message);
                }

                await WaitForChangeAsync(options.Value.RelayInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }

        try
        {
            await directory.LeaveAsync(_nodeId).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The directory forgets a node that stops renewing anyway.
            metrics.RelayFailed();
            Log.LeaveFailed(logger, ex.Message);
        }

        await sending;
        grains.DeleteObjectReference<ILiveNodeObserver>(self.Observer);
    }

    private async Task WaitForChangeAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(interval);
        try
        {
            await feed.ListenersChanged.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // the interval is up: renew
        }
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LiveEvent>(MaxBatch);
        try
        {
            while (await feed.Outbound.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && feed.Outbound.TryRead(out var e))
                {
                    batch.Add(e);
                }

                var others = Volatile.Read(ref _others);
                if (others.Length > 0)
                {
                    LiveEvent[] events = [.. batch];
                    foreach (var node in others)
                    {
                        try
                        {
                            await node.Observer.DeliverAsync(events);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            // A node gone without leaving: the directory forgets it within three intervals.
                            metrics.Dropped("relay");
                            Log.SendFailed(logger, node.NodeId, ex.Message);
                        }
                    }

                    metrics.Relayed(events.Length * others.Length);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private void Apply(LiveListeners listeners)
    {
        lock (_gate)
        {
            if (listeners.Version < _listeners.Version)
            {
                return;
            }

            _listeners = listeners;
            LiveNode[] others = [.. listeners.Nodes.Where(n => n.NodeId != _nodeId)];
            Volatile.Write(ref _others, others);
            feed.SetRelaying(others.Length > 0);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Live relay could not renew this node in the live directory; retrying: {Reason}")]
        public static partial void JoinFailed(ILogger logger, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Live relay could not send events to node {Node}: {Reason}")]
        public static partial void SendFailed(ILogger logger, string node, string reason);

        [LoggerMessage(2, LogLevel.Information, "Live relay could not leave the live directory; it will forget this node: {Reason}")]
        public static partial void LeaveFailed(ILogger logger, string reason);
    }
}
