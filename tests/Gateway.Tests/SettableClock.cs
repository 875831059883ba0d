namespace UrbanTwin.Gateway.Tests;

/// <summary>
/// A wall clock the test can set anywhere, forwards or back (each vector carries its own
/// <c>receivedAt</c>); elapsed-time measurement stays real.
/// </summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    private long _utcTicks = now.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _utcTicks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;
}
