namespace UrbanTwin.Grains;

/// <summary>
/// How long a grain that writes its whole state behind waits after a change: a second while the
/// state is small, a second per thousand entries when it is large, at most <see cref="Longest"/>.
/// Each write costs in proportion to the state, so this keeps the bytes written per second bounded
/// however large a map cell or an inventory shard grows (a city of a million assets has cells of
/// thousands). What a crash loses is healed by the twins, which list themselves again when they
/// activate.
/// </summary>
public static class WriteBehind
{
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(20);

    private const int EntriesPerSecond = 1000;

    public static TimeSpan DelayFor(int entries) =>
        TimeSpan.FromSeconds(Math.Clamp((double)entries / EntriesPerSecond, Shortest.TotalSeconds, Longest.TotalSeconds));
}
