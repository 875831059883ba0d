using System.Runtime.CompilerServices;
using Orleans.Storage;

namespace UrbanTwin.Grains.DigitalTwins;

/// <summary>
/// Lets one graph shard at a time write itself whole (fold) into a grain storage. Shards patched
/// at the same pace reach their fold together, and thirty-two shards of megabytes each queued at
/// once held every write behind them in the storage; a shard that finds the slot taken tries again
/// at its next row. One slot per storage (per silo), not per process. A slot held longer than
/// <see cref="Stale"/> (a fold whose activation went away before it could hand the slot back) is
/// given to the next shard that asks, so folding never stops for good.
/// </summary>
internal sealed class FoldSlot
{
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(1);

    private static readonly ConditionalWeakTable<IGrainStorage, FoldSlot> Slots = [];

    private readonly Lock _gate = new();
    private long _ticket;
    private long _takenAt;
    private bool _taken;

    public static FoldSlot Of(IGrainStorage storage) => Slots.GetValue(storage, _ => new FoldSlot());

    /// <summary>A ticket to hand back to <see cref="Release"/>, or 0 when another fold holds the slot.</summary>
    public long TryTake()
    {
        var now = Environment.TickCount64;
        lock (_gate)
        {
            if (_taken && now - _takenAt < (long)Stale.TotalMilliseconds)
            {
                return 0;
            }

            (_taken, _takenAt) = (true, now);
            return ++_ticket;
        }
    }

    /// <summary>Hands the slot back, unless it was since given to another fold as stale.</summary>
    public void Release(long ticket)
    {
        lock (_gate)
        {
            if (ticket == _ticket)
            {
                _taken = false;
            }
        }
    }
}
