namespace UrbanTwin.Grains;

/// <summary>
/// Writes a grain's state behind its changes: a change marks the state dirty and arms a one-shot
/// timer (a grain timer, <see cref="ForGrain"/>) if none is armed; when it fires the state is
/// written once, with every change since the last write. The state is clean again only when a write
/// succeeds, and only of the changes that write took: a write that fails leaves them dirty and arms
/// the timer again, and a change made while a write is in flight waits for the next one. One write
/// at a time, which keeps the storage's ETag in order. <see cref="FlushAsync"/> writes what is dirty
/// now, for deactivation and for callers that must have the state stored.
/// <para>
/// How long to wait: a second while the state is small, a second per thousand entries when it is
/// large, at most <see cref="Longest"/> (<see cref="DelayFor"/>). Each write costs in proportion to
/// the state, so this keeps the bytes written per second bounded however large a map cell or an
/// inventory shard grows (a city of a million assets has cells of thousands). What a crash loses of
/// a cell or a shard is healed by the twins, which list themselves again when they activate.
/// </para>
/// </summary>
public sealed class WriteBehind
{
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(20);

    private const int EntriesPerSecond = 1000;

    private readonly Func<CancellationToken, Task> _write;
    private readonly Func<Func<CancellationToken, Task>, IDisposable>? _arm;
    private long _changes;
    private long _written;
    private Task _writing = Task.CompletedTask;
    private IDisposable? _timer;

    /// <summary>For a grain that runs its own timer and calls <see cref="FlushAsync"/> when a write is due.</summary>
    /// <param name="write">Writes the whole state as it is when called.</param>
    public WriteBehind(Func<CancellationToken, Task> write) => _write = write;

    /// <param name="write">Writes the whole state as it is when called.</param>
    /// <param name="delay">How long a change waits for its write, asked each time the timer is armed.</param>
    /// <param name="startTimer">Starts a one-shot timer that calls the callback once after the delay; disposing it cancels it.</param>
    public WriteBehind(Func<CancellationToken, Task> write, Func<TimeSpan> delay, Func<Func<CancellationToken, Task>, TimeSpan, IDisposable> startTimer)
    {
        _write = write;
        _arm = tick => startTimer(tick, delay());
    }

    /// <summary>Whether a change has not been written yet.</summary>
    public bool IsDirty => _changes != _written;

    /// <summary>Writes behind on <paramref name="grain"/>'s grain timer; an <paramref name="interleave"/>d timer lets calls go on while a write is in flight.</summary>
    public static WriteBehind ForGrain(IGrainBase grain, Func<CancellationToken, Task> write, Func<TimeSpan> delay, bool interleave) =>
        new(write, delay, (tick, due) => grain.RegisterGrainTimer(tick, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = interleave }));

    public static TimeSpan DelayFor(int entries) =>
        TimeSpan.FromSeconds(Math.Clamp((double)entries / EntriesPerSecond, Shortest.TotalSeconds, Longest.TotalSeconds));

    /// <summary>Marks the state dirty and arms the timer if it is not armed.</summary>
    public void Changed()
    {
        _changes++;
        Arm();
    }

    /// <summary>
    /// Writes the changes not written yet, after the write in flight if there is one; does nothing
    /// when the state is clean. A failed write throws and leaves the changes dirty.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (!_writing.IsCompleted)
        {
            // Its failure went to whoever started it; what it did not store is still dirty.
            await _writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        if (IsDirty)
        {
            var through = _changes;
            var writing = _write(cancellationToken);
            _writing = writing;
            try
            {
                await writing;
            }
            finally
            {
                // A finished write is not kept: an idle grain would hold on to its whole async
                // state machine (about 100 B, per twin of a city) until its next write.
                if (ReferenceEquals(_writing, writing))
                {
                    _writing = Task.CompletedTask;
                }
            }

            // A flush that waited for this write may have written later changes before this line
            // runs: never count back.
            _written = Math.Max(_written, through);
        }

        if (!IsDirty)
        {
            Disarm();
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        Disarm();
        try
        {
            await FlushAsync(cancellationToken);
        }
        finally
        {
            // After a failed write the changes are still dirty and try again after the delay
            // (Orleans logs what the tick throws).
            if (IsDirty)
            {
                Arm();
            }
        }
    }

    private void Arm()
    {
        if (_arm is not null && _timer is null)
        {
            _timer = _arm(TickAsync);
        }
    }

    private void Disarm()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
