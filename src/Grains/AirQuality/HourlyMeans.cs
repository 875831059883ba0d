namespace UrbanTwin.Grains.AirQuality;

/// <summary>
/// One pollutant's readings bucketed into UTC clock hours (sum and count per hour) for the most
/// recent <see cref="RetainedHours"/> hours, counting back from the newest hour that has a reading.
/// A station keeps as many hours as the DAQI averages the pollutant over
/// (<see cref="DaqiAssessor.AveragingHours"/>): the hour a twin assesses never goes back in time and
/// is never before a pollutant's newest hour, so an hour older than that can no longer change an
/// index, and a late reading for it is refused. The hours sit in one ring of 12-byte slots, so
/// adding a reading allocates nothing. A grain owns an instance; it is not thread-safe.
/// </summary>
[GenerateSerializer]
[Alias("ut.HourlyMeans.2")]
public sealed class HourlyMeans
{
    private const long HourMs = 3_600_000;

    /// <summary>Stands for "no reading yet" in <see cref="_newestHourStartMs"/> (a nullable would cost 8 bytes more per pollutant).</summary>
    private const long NoHour = long.MinValue;

    // Slot i holds the hour whose number (hours since the epoch) is i modulo the ring's length.
    // When the newest hour moves on, the slots of the hours it skips are emptied, so a slot only
    // ever holds an hour of the current window and needs no hour stamp of its own.
    [Id(0)]
    private readonly HourTotal[] _hours;

    [Id(1)]
    private long _newestHourStartMs = NoHour;

    /// <param name="retainedHours">How many clock hours to keep, the newest included: at least the longest running mean asked for.</param>
    public HourlyMeans(int retainedHours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedHours, 1);
        _hours = new HourTotal[retainedHours];
    }

    /// <summary>Hours kept, counting back from the newest hour that has a reading, that hour included.</summary>
    public int RetainedHours => _hours.Length;

    /// <summary>The start of the newest hour that has a reading (Unix epoch ms), or null before the first.</summary>
    public long? NewestHourStartMs => _newestHourStartMs == NoHour ? null : _newestHourStartMs;

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

        return AddToHour(HourStartOf(timestampMs), value, 1);
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

    /// <summary>
    /// Adds the sum and count of several readings to the hour starting at
    /// <paramref name="hourStartMs"/> at once, as <see cref="Add"/> does one reading: for hours
    /// carried over from a stored form (the sum is kept to the last bit, as if added reading by reading).
    /// </summary>
    internal bool AddToHour(long hourStartMs, double sum, int count)
    {
        if (_newestHourStartMs != NoHour && hourStartMs <= _newestHourStartMs)
        {
            if (!IsRetained(hourStartMs))
            {
                return false;
            }
        }
        else
        {
            EmptyHoursAfter(hourStartMs);
            _newestHourStartMs = hourStartMs;
        }

        ref var hour = ref _hours[SlotOf(hourStartMs)];
        hour = hour.Plus(sum, count);
        return true;
    }

    private bool TryGetMean(long hourStartMs, out double mean)
    {
        if (_newestHourStartMs != NoHour && hourStartMs <= _newestHourStartMs && IsRetained(hourStartMs) && _hours[SlotOf(hourStartMs)] is { Count: > 0 } hour)
        {
            mean = hour.Sum / hour.Count;
            return true;
        }

        mean = 0;
        return false;
    }

    /// <summary>Empties the slots of the hours after the newest one up to <paramref name="newNewest"/>: they are about to be reused.</summary>
    private void EmptyHoursAfter(long newNewest)
    {
        var skipped = _newestHourStartMs == NoHour ? RetainedHours : (newNewest - _newestHourStartMs) / HourMs;
        if (skipped >= RetainedHours)
        {
            Array.Clear(_hours);
            return;
        }

        for (var i = 0; i < skipped; i++)
        {
            _hours[SlotOf(newNewest - (i * HourMs))] = default;
        }
    }

    private bool IsRetained(long hourStartMs) =>
        hourStartMs >= _newestHourStartMs - ((RetainedHours - 1) * HourMs);

    private int SlotOf(long hourStartMs)
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
