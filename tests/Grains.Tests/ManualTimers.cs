namespace UrbanTwin.Grains.Tests;

/// <summary>
/// One-shot timers that fire only when a test says so, in place of grain timers: what
/// <see cref="WriteBehind"/> started, with which delay, and whether it is still armed.
/// </summary>
internal sealed class ManualTimers
{
    private readonly List<Timer> _started = [];

    public IReadOnlyList<Timer> Started => _started;

    public IReadOnlyList<Timer> Armed => [.. _started.Where(t => t.IsArmed)];

    public IDisposable Start(Func<CancellationToken, Task> tick, TimeSpan due)
    {
        var timer = new Timer(tick, due);
        _started.Add(timer);
        return timer;
    }

    /// <summary>Fires the one armed timer, as its delay passing would.</summary>
    public Task FireAsync() => Assert.Single(Armed).FireAsync();

    internal sealed class Timer(Func<CancellationToken, Task> tick, TimeSpan due) : IDisposable
    {
        public TimeSpan Due { get; } = due;

        public bool IsArmed { get; private set; } = true;

        /// <summary>Calls the timer's callback; also after it was disposed, as a tick already queued to the grain would be.</summary>
        public Task FireAsync()
        {
            IsArmed = false;
            return tick(CancellationToken.None);
        }

        public void Dispose() => IsArmed = false;
    }
}
