namespace UrbanTwin.Grains.Twins;

/// <summary>
/// When a twin's state is stored, and when its one timer fires: a <see cref="WriteBehind"/> keeps
/// what is unsaved, and the first unsaved change sets the timer (<see cref="TwinTimer"/>) to flush
/// it <see cref="AssetTwinGrain.FlushInterval"/> later; with nothing to flush the timer wakes the
/// twin for its staleness watch's next check, and with neither it is not set (the twin then leaves
/// memory when idle). A struct the grain holds in a field (no object more per twin): its methods
/// change that field in place, so whatever awaits stays in the grain.
/// </summary>
internal struct TwinWrites : IDisposable
{
    private readonly WriteBehind _behind;
    private TwinTimer _timer;

    /// <param name="store">Stores the twin's state as it is when called.</param>
    public TwinWrites(Func<CancellationToken, Task> store)
    {
        _behind = new WriteBehind(store);
        _timer = new TwinTimer();
    }

    /// <summary>Whether a change has not been stored yet.</summary>
    public readonly bool IsDirty => _behind.IsDirty;

    /// <summary>Whether the twin has ever needed its timer since it activated.</summary>
    public readonly bool HasTimer => _timer.IsMade;

    /// <summary>A change to store within the flush interval: the first unsaved one sets the timer.</summary>
    public void Changed(AssetTwinGrain twin)
    {
        var first = !_behind.IsDirty;
        _behind.Changed();
        if (first)
        {
            Schedule(twin);
        }
    }

    /// <summary>A change the caller stores at once (<see cref="FlushAsync"/>), so the timer is left as it is.</summary>
    public readonly void ChangedNow() => _behind.Changed();

    /// <summary>Stores what is unsaved, after a store in flight; one that fails throws and leaves it unsaved.</summary>
    public readonly Task FlushAsync(CancellationToken cancellationToken) => _behind.FlushAsync(cancellationToken);

    /// <summary>The timer fired: nothing is set until <see cref="Schedule"/> sets it again.</summary>
    public void Fired() => _timer.Fired();

    /// <summary>
    /// Sets the one-shot timer for the twin's next duty: a flush <see cref="AssetTwinGrain.FlushInterval"/>
    /// after the first unsaved change, else the staleness watch's next check, else nothing. The
    /// timer is only moved earlier, never pushed back, so a busy twin changes it at most once per flush.
    /// </summary>
    public void Schedule(AssetTwinGrain twin)
    {
        if ((_behind.IsDirty ? AssetTwinGrain.FlushInterval : twin.NextStaleCheck()) is not { } due)
        {
            return;
        }

        _timer.Arm(twin, due);
    }

    public readonly void Dispose() => _timer.Dispose();
}
