namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// One pollutant's readings bucketed into UTC clock hours (sum and count per hour) for the most
/// recent <see cref="RetainedHours"/> hours: the DAQI's longest average, 24 hours, with a day to
/// spare for late readings, and small enough to live in grain state. The hours sit in a fixed
/// ring of slots, so adding a reading allocates nothing. A grain owns an instance; it is not
/// thread-safe.
/// </summary>
[GenerateSerializer]
[Alias("ut.HourlyMeans")]
public sealed class HourlyMeans
{
    /// <summary>Hours kept, counting back from the newest hour that has a reading, that hour included.</summary>
    public const int RetainedHours = 48;

    private const long HourMs = 3_600_000;

    // Slot i holds the hour whose number (hours since the epoch) is i modulo RetainedHours. When
    // the newest hour moves on, the slots of the hours it skips are emptied, so a slot only ever
    // holds an hour of the current window and needs no hour stamp of its own (less state per twin).
    [Id(1)]
    private double[] _slotSums = new double[RetainedHours];

    [Id(2)]
    private int[] _slotCounts = new int[RetainedHours];

    [Id(3)]
    private long? _newestHourStartMs;

    /// <summary>The start of the newest hour that has a reading (Unix epoch ms), or null before the first.</summary>
    public long? NewestHourStartMs => _newestHourStartMs;

    /// <summary>The start of the UTC clock hour holding a timestamp, both in Unix epoch milliseconds.</summary>
    public static long HourStartOf(long timestampMs)
    {
        var intoHour = timestampMs % HourMs;
        return timestampMs - (intoHour < 0 ? intoHour + HourMs : intoHour);
    }

    /// <summary>
    /// Adds a reading to its hour. Returns false, and keeps nothing, when the hour is older than
    /// the retained window: a late reading cannot revise an average already dropped. The caller
    /// de-duplicates; the same reading added twice counts twice.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public bool Add(long timestampMs, double value)
    {
        // One NaN would poison a persisted hour for good, and the DAQI cannot band a negative mean.
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A concentration is a finite number, zero or more.");
        }

        var hour = HourStartOf(timestampMs);
        if (_newestHourStartMs is { } newest && hour <= newest)
        {
            if (!IsRetained(hour, newest))
            {
                return false;
            }
        }
        else
        {
            EmptyHoursAfter(_newestHourStartMs, hour);
            _newestHourStartMs = hour;
        }

        var slot = SlotOf(hour);
        _slotSums[slot] += value;
        _slotCounts[slot]++;
        return true;
    }

    /// <summary>The mean of the readings in the hour starting at <paramref name="hourStartMs"/>, or null when it has none or has been dropped.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hourStartMs"/> is not the start of an hour.</exception>
    public double? HourlyMean(long hourStartMs)
    {
        RequireHourStart(hourStartMs, nameof(hourStartMs));
        return TryGetMean(hourStartMs, out var mean) ? mean : null;
    }

    /// <summary>
    /// The mean of the hourly means of the <paramref name="hours"/> clock hours ending with the
    /// hour starting at <paramref name="endHourStartMs"/>, or null when fewer than
    /// ceil(<paramref name="hours"/> × <paramref name="minimumCoverage"/>) of them have data: Defra's
    /// 75% data-capture rule, so 18 of 24 hours or 6 of 8. Each hour weighs the same however many
    /// readings it holds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="endHourStartMs"/> is not the start of an hour, <paramref name="hours"/> is not
    /// 1 to <see cref="RetainedHours"/>, or <paramref name="minimumCoverage"/> is not 0 to 1.
    /// </exception>
    public double? RunningMean(long endHourStartMs, int hours, double minimumCoverage = 0.75)
    {
        RequireHourStart(endHourStartMs, nameof(endHourStartMs));
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, RetainedHours);
        if (minimumCoverage is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumCoverage), minimumCoverage, "Coverage is a fraction from 0 to 1.");
        }

        // The epsilon keeps a product such as 10 × 0.7 = 7.000000000000001 from demanding 8 hours.
        var required = Math.Max(1, (int)Math.Ceiling((hours * minimumCoverage) - 1e-9));
        var sum = 0.0;
        var covered = 0;
        for (var i = 0; i < hours; i++)
        {
            if (TryGetMean(endHourStartMs - (i * HourMs), out var mean))
            {
                sum += mean;
                covered++;
            }
        }

        return covered >= required ? sum / covered : null;
    }

    private bool TryGetMean(long hourStartMs, out double mean)
    {
        var slot = SlotOf(hourStartMs);
        if (_newestHourStartMs is { } newest && hourStartMs <= newest && IsRetained(hourStartMs, newest) && _slotCounts[slot] > 0)
        {
            mean = _slotSums[slot] / _slotCounts[slot];
            return true;
        }

        mean = 0;
        return false;
    }

    /// <summary>Empties the slots of the hours after <paramref name="previousNewest"/> up to <paramref name="newNewest"/>: they are about to be reused.</summary>
    private void EmptyHoursAfter(long? previousNewest, long newNewest)
    {
        var skipped = previousNewest is { } previous ? (newNewest - previous) / HourMs : RetainedHours;
        if (skipped >= RetainedHours)
        {
            Array.Clear(_slotSums);
            Array.Clear(_slotCounts);
            return;
        }

        for (var i = 0; i < skipped; i++)
        {
            var slot = SlotOf(newNewest - (i * HourMs));
            _slotSums[slot] = 0;
            _slotCounts[slot] = 0;
        }
    }

    private static bool IsRetained(long hourStartMs, long newestHourStartMs) =>
        hourStartMs >= newestHourStartMs - ((RetainedHours - 1) * HourMs);

    private static int SlotOf(long hourStartMs)
    {
        var slot = (int)(hourStartMs / HourMs % RetainedHours);
        return slot < 0 ? slot + RetainedHours : slot;
    }

    private static void RequireHourStart(long hourStartMs, string paramName)
    {
        if (HourStartOf(hourStartMs) != hourStartMs)
        {
            throw new ArgumentOutOfRangeException(paramName, hourStartMs, "Not the start of a UTC clock hour.");
        }
    }
}
