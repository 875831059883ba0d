using Microsoft.Extensions.Options;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>
/// The open-data documents this node built in the last <see cref="OpenDataOptions.CacheDuration"/>,
/// by request: a burst of anonymous requests for one document costs one build (those arriving
/// while it is built wait for it), not a call to every twin or a time-series query each. A failed
/// build is not kept. Bounded: at most <see cref="MaxEntries"/> documents and <see cref="MaxBytes"/>
/// bytes; beyond that a document is built for its request alone.
/// </summary>
public sealed class OpenDataCache(TimeProvider time, IOptions<OpenDataOptions> options)
{
    public const int MaxEntries = 1_024;

    public const long MaxBytes = 256L * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>The document for <paramref name="key"/> if one is fresh or being built.</summary>
    public bool TryGet(string key, out Task<OpenDataDocument> document)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && !entry.IsStale(time.GetTimestamp()))
            {
                document = entry.Built.Task;
                return true;
            }
        }

        document = null!;
        return false;
    }

    /// <summary>The fresh document for <paramref name="key"/>, built by <paramref name="build"/> when there is none.</summary>
    public Task<OpenDataDocument> GetOrBuildAsync(string key, Func<Task<OpenDataDocument>> build)
    {
        Entry entry;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_entries.TryGetValue(key, out var existing) && !existing.IsStale(now))
            {
                return existing.Built.Task;
            }

            EvictStale(now);
            if (_entries.Count >= MaxEntries)
            {
                return build();
            }

            entry = new Entry();
            _entries[key] = entry;
        }

        _ = BuildAsync(key, entry, build);
        return entry.Built.Task;
    }

    private async Task BuildAsync(string key, Entry entry, Func<Task<OpenDataDocument>> build)
    {
        try
        {
            var document = await build();
            lock (_gate)
            {
                entry.ExpiresAt = time.GetTimestamp() + (long)(options.Value.CacheDuration.TotalSeconds * time.TimestampFrequency);
                entry.Bytes = document.Body.Length;
                _bytes += entry.Bytes;
                if (_bytes > MaxBytes)
                {
                    Remove(key, entry);
                }
            }

            entry.Built.SetResult(document);
        }
        catch (Exception ex)
        {
            // Every request waiting for this build gets the failure (and logs it as any failed request); the next one builds again.
            lock (_gate)
            {
                Remove(key, entry);
            }

            entry.Built.SetException(ex);
        }
    }

    private void EvictStale(long now)
    {
        foreach (var (key, entry) in _entries.Where(e => e.Value.IsStale(now)).ToList())
        {
            Remove(key, entry);
        }
    }

    private void Remove(string key, Entry entry)
    {
        if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
        {
            _entries.Remove(key);
            _bytes -= entry.Bytes;
        }
    }

    private sealed class Entry
    {
        public TaskCompletionSource<OpenDataDocument> Built { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>When the built document goes stale (a <see cref="TimeProvider"/> timestamp); never while it is being built.</summary>
        public long ExpiresAt { get; set; } = long.MaxValue;

        public long Bytes { get; set; }

        public bool IsStale(long now) => now >= ExpiresAt;
    }
}
