namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// A pollutant's hourly means as twins stored them until December 2026: a ring of the last 48
/// hours in two arrays, sums and counts (slot i the hour whose number is i modulo 48, the hours
/// skipped by the newest emptied). Read from the states stored then and carried into
/// <see cref="StationMeans"/> when a twin activates; nothing writes it.
/// </summary>
[GenerateSerializer]
[Alias("ut.HourlyMeans")]
public sealed class LegacyHourlyMeans
{
    private const int Hours = 48;
    private const long HourMs = 3_600_000;

    [Id(1)]
    public double[]? Sums { get; set; }

    [Id(2)]
    public int[]? Counts { get; set; }

    [Id(3)]
    public long? NewestHourStartMs { get; set; }

    /// <summary>The newest <paramref name="retainedHours"/> hours of the ring in today's form, sums and counts to the bit.</summary>
    public HourlyMeans ToHourlyMeans(int retainedHours)
    {
        var means = new HourlyMeans(retainedHours);
        if (NewestHourStartMs is not { } newest || Sums is not { Length: Hours } sums || Counts is not { Length: Hours } counts)
        {
            return means;
        }

        // Oldest first, so that the newest hour is set last and nothing is pushed out of the window.
        for (var back = Math.Min(retainedHours, Hours) - 1; back >= 0; back--)
        {
            var hour = newest - (back * HourMs);
            var slot = (int)(hour / HourMs % Hours);
            slot = slot < 0 ? slot + Hours : slot;
            if (counts[slot] > 0)
            {
                means.AddToHour(hour, sums[slot], counts[slot]);
            }
        }

        return means;
    }
}
