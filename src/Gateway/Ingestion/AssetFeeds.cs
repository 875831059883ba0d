using System.Collections.Concurrent;

namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// One ordered hand-off queue per asset: work queued for an asset runs after the work queued
/// before it has finished (whether it succeeded or not), so a twin gets its journalled batches in
/// LSN order even when several connections (devices of one asset, or one device's two client
/// ids) publish at once. Different assets run in parallel. A caller that must order something
/// else with the queue (the journal append that assigns the LSN) does it inside
/// <see cref="Enqueue{TState}"/>'s <c>before</c>, under the asset's lock.
/// </summary>
public sealed class AssetFeeds
{
    private readonly ConcurrentDictionary<string, Feed> _feeds = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="before"/> under the asset's lock, then queues <paramref name="work"/>
    /// (given what <paramref name="before"/> returned) behind the asset's earlier work.
    /// </summary>
    /// <returns>The queued work's task.</returns>
    public Task Enqueue<TState>(string assetId, Func<TState> before, Func<TState, Task> work)
    {
        var feed = _feeds.GetOrAdd(assetId, static _ => new Feed());
        lock (feed)
        {
            var state = before();
            var done = RunAfterAsync(feed.Tail, state, work);
            feed.Tail = done;
            return done;
        }
    }

    private static async Task RunAfterAsync<TState>(Task previous, TState state, Func<TState, Task> work)
    {
        if (!previous.IsCompleted)
        {
            // The previous work's failure is its own: it was reported to its own waiter.
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await work(state).ConfigureAwait(false);
    }

    private sealed class Feed
    {
        public Task Tail { get; set; } = Task.CompletedTask;
    }
}
