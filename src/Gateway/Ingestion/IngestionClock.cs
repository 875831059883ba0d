namespace UrbanTwin.Gateway.Ingestion;

/// <summary>
/// The clock the gateway judges readings by (the contract's clock-skew rule). Separate from the
/// host's <see cref="TimeProvider"/> so tests can replay readings at their recorded time without
/// stopping the silo's own timers.
/// </summary>
public sealed class IngestionClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
