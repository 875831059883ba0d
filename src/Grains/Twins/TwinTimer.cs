namespace UrbanTwin.Grains.Twins;

/// <summary>
/// A twin's one one-shot grain timer, for its flush and its staleness watch. It keeps the twin
/// active while set (a twin without one leaves memory when idle), is only ever moved earlier,
/// never pushed back, so a busy twin changes it at most once per flush, and is made the first
/// time it is needed with a static callback (no delegate per twin).
/// </summary>
internal struct TwinTimer : IDisposable
{
    private IGrainTimer? _timer;

    /// <summary>When it fires next (<see cref="Environment.TickCount64"/>), or <see cref="long.MaxValue"/> when it is not set.</summary>
    private long _nextTickAt;

    public TwinTimer() => _nextTickAt = long.MaxValue;

    /// <summary>Whether the twin has ever needed a timer since it activated.</summary>
    public readonly bool IsMade => _timer is not null;

    /// <summary>The timer fired: nothing is set until it is armed again.</summary>
    public void Fired() => _nextTickAt = long.MaxValue;

    /// <summary>Makes it fire in <paramref name="due"/> unless it already fires sooner.</summary>
    public void Arm(AssetTwinGrain twin, TimeSpan due)
    {
        var at = Environment.TickCount64 + (long)due.TotalMilliseconds;
        if (at >= _nextTickAt)
        {
            return;
        }

        _nextTickAt = at;
        if (_timer is null)
        {
            _timer = twin.RegisterGrainTimer(static (t, cancellationToken) => t.TickAsync(cancellationToken), twin, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    public readonly void Dispose() => _timer?.Dispose();
}
