using System.Diagnostics;

namespace UrbanTwin.TestSupport.Node;

/// <summary>
/// A wall clock the test can set anywhere, forwards or back (each vector carries its own
/// <c>receivedAt</c>); elapsed-time measurement stays real. Standing still by default; once
/// <see cref="Run"/> is called it moves on in real time from where it was set.
/// </summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    private long _utcTicks = now.UtcTicks;
    private long _runningSince;

    public DateTimeOffset Now
    {
        get
        {
            var runningSince = Interlocked.Read(ref _runningSince);
            var ticks = Interlocked.Read(ref _utcTicks);
            return new DateTimeOffset(ticks, TimeSpan.Zero) + (runningSince == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(runningSince));
        }

        set
        {
            Interlocked.Exchange(ref _utcTicks, value.UtcTicks);
            if (Interlocked.Read(ref _runningSince) != 0)
            {
                Interlocked.Exchange(ref _runningSince, Stopwatch.GetTimestamp());
            }
        }
    }

    /// <summary>Lets the clock move on in real time from its current reading.</summary>
    public void Run()
    {
        Interlocked.Exchange(ref _utcTicks, Now.UtcTicks);
        Interlocked.Exchange(ref _runningSince, Stopwatch.GetTimestamp());
    }

    public override DateTimeOffset GetUtcNow() => Now;
}
