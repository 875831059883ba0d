namespace UrbanTwin.Simulator.Readings;

/// <summary>
/// City-wide pollution episodes on top of the replayed series (still air, imported dust, smoke):
/// on about one day in eight an episode starts at some hour, lasts 12 to 48 hours and multiplies
/// particulates by up to 3 to 6 at its height (NO2 by a third of that), rising and falling
/// smoothly. Decided by the seed and the day alone, so every station sees the same episode.
/// </summary>
public static class PollutionEpisodes
{
    public const double DailyProbability = 0.125;
    private const long HourMs = 3_600_000;
    private const long DayMs = 24 * HourMs;

    /// <summary>The particulate multiplier at an instant: 1 outside any episode.</summary>
    public static double ParticulateFactor(int seed, long utcMs)
    {
        var day = Math.DivRem(utcMs, DayMs, out var rest) - (rest < 0 ? 1 : 0);
        var factor = 1.0;
        for (var d = day - 2; d <= day; d++)
        {
            if (SimulationRandom.HashUnit(seed, d, 1) >= DailyProbability)
            {
                continue;
            }

            var start = (d * DayMs) + (long)(SimulationRandom.HashUnit(seed, d, 2) * DayMs);
            var length = (long)((12 + (36 * SimulationRandom.HashUnit(seed, d, 3))) * HourMs);
            var peak = 3 + (3 * SimulationRandom.HashUnit(seed, d, 4));
            if (utcMs >= start && utcMs < start + length)
            {
                factor = Math.Max(factor, 1 + ((peak - 1) * Math.Sin(Math.PI * (utcMs - start) / length)));
            }
        }

        return factor;
    }

    /// <summary>NO2 rises less than particulates in an episode.</summary>
    public static double No2Factor(double particulateFactor) => 1 + ((particulateFactor - 1) / 3);
}
