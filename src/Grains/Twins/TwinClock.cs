namespace UrbanTwin.Grains.Twins;

/// <summary>
/// The clock twins judge staleness by. Separate from the silo's <see cref="TimeProvider"/> so a
/// test can move a twin's time on without touching the silo's own timers and membership.
/// </summary>
public sealed class TwinClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;
}
