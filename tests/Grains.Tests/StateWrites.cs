namespace UrbanTwin.Grains.Tests;

/// <summary>
/// A grain's state as a version number, and the writes <see cref="WriteBehind"/> makes of it: each
/// write records the version it took, and succeeds at once, fails at once, or is held until the
/// test completes or fails it.
/// </summary>
internal sealed class StateWrites
{
    private readonly List<int> _attempted = [];
    private readonly List<TaskCompletionSource> _held = [];
    private TaskCompletionSource _anyHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    public int Version { get; private set; }

    /// <summary>While set, writes fail at once.</summary>
    public bool Failing { get; set; }

    /// <summary>While set, writes wait for <see cref="Complete"/> or <see cref="Fail"/>.</summary>
    public bool Holding { get; set; }

    /// <summary>While set, the write throws before it returns a task.</summary>
    public bool ThrowingAtOnce { get; set; }

    /// <summary>The versions each write took, in order, failed ones too.</summary>
    public IReadOnlyList<int> Attempted => _attempted;

    /// <summary>The versions stored by writes that succeeded, in order.</summary>
    public List<int> Stored { get; } = [];

    /// <summary>The most writes ever in flight at once.</summary>
    public int MostInFlight { get; private set; }

    /// <summary>Changes the state.</summary>
    public void Change() => Version++;

    public Task WriteAsync(CancellationToken cancellationToken)
    {
        if (ThrowingAtOnce)
        {
            throw new InvalidOperationException("no storage");
        }

        var version = Version;
        _attempted.Add(version);
        if (Failing)
        {
            return Task.FromException(new IOException("disk full"));
        }

        if (!Holding)
        {
            Stored.Add(version);
            return Task.CompletedTask;
        }

        var held = new TaskCompletionSource();
        _held.Add(held);
        _anyHeld.TrySetResult();
        MostInFlight = Math.Max(MostInFlight, ++_inFlight);
        return StoreWhenDone(held.Task, version);
    }

    /// <summary>Completes when a write is held.</summary>
    public Task HeldAsync() => _held.Count > 0 ? Task.CompletedTask : _anyHeld.Task;

    /// <summary>Lets the one held write succeed.</summary>
    public void Complete() => Release().SetResult();

    /// <summary>Makes the one held write fail.</summary>
    public void Fail() => Release().SetException(new IOException("disk full"));

    private TaskCompletionSource Release()
    {
        var held = Assert.Single(_held);
        _held.Clear();
        _anyHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _inFlight--;
        return held;
    }

    private async Task StoreWhenDone(Task done, int version)
    {
        await done;
        Stored.Add(version);
    }
}
