using System.Runtime.InteropServices;

namespace UrbanTwin.Grains.Footfall;

/// <summary>
/// Hourly and daily people counts of one footfall counter, built from the intervals it reports
/// (<c>ts</c> = end of the interval). Devices send intervals in any order, redeliver them under
/// QoS 1 and re-send corrected counts, so an interval is identified by its end and length and
/// receiving it again replaces it instead of adding to it. An interval belongs to the clock hour
/// and the local day that hold its last instant (end − 1 ms): the interval ending at 10:00 is
/// counted in 09:00–10:00. Clock hours are UTC hours, which are the local clock hours in any
/// whole-hour zone such as Europe/London.
/// <para>
/// Only a bounded window is kept, measured back from the latest interval seen rather than from a
/// clock, so the tally stays a pure function of what it was sent: intervals and hourly totals for
/// the latest <c>retainedHours</c> clock hours, daily totals for the latest <c>retainedDays</c>
/// local days. An interval falling outside that window is refused as too old: its earlier copy
/// may already be gone, and a correction could no longer be told from a new interval.
/// </para>
/// </summary>
[GenerateSerializer]
[Alias("ut.FootfallTally")]
public sealed class FootfallTally
{
    public const string DefaultTimeZoneId = "Europe/London";
    public const int DefaultRetainedHours = 48;
    public const int DefaultRetainedDays = 8;
    public const int MaxIntervalSeconds = 86_400;

    private const long HourMs = 3_600_000;
    private const long MaxEndMs = 253_402_300_799_999;

    [Id(0)]
    private readonly string _timeZoneId;

    [Id(1)]
    private readonly int _retainedHours;

    [Id(2)]
    private readonly int _retainedDays;

    [Id(3)]
    private readonly Dictionary<FootfallIntervalKey, FootfallCounts> _intervals = [];

    [Id(4)]
    private readonly Dictionary<long, FootfallCounts> _hours = [];

    [Id(5)]
    private readonly Dictionary<DateOnly, FootfallCounts> _days = [];

    /// <summary>The latest interval end seen; the retained window is measured back from it.</summary>
    [Id(6)]
    private long? _latestEndMs;

    /// <summary>Resolved from <see cref="_timeZoneId"/> on first use after deserialisation.</summary>
    [NonSerialized]
    private TimeZoneInfo? _zone;

    /// <param name="timeZone">Where the counter stands: decides the local days. Europe/London when null.</param>
    /// <param name="retainedHours">How many clock hours of intervals and hourly totals to keep.</param>
    /// <param name="retainedDays">How many local days of daily totals to keep.</param>
    public FootfallTally(TimeZoneInfo? timeZone = null, int retainedHours = DefaultRetainedHours, int retainedDays = DefaultRetainedDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedHours, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedDays, 1);
        _zone = timeZone ?? TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZoneId);
        _timeZoneId = _zone.Id;
        _retainedHours = retainedHours;
        _retainedDays = retainedDays;
    }

    /// <summary>The time zone id of the local days (an IANA id such as <c>Europe/London</c>).</summary>
    public string TimeZoneId => _timeZoneId;

    private TimeZoneInfo Zone => _zone ??= TimeZoneInfo.FindSystemTimeZoneById(_timeZoneId);

    /// <summary>Adds one interval, or replaces it when the same end and length were seen before.</summary>
    /// <param name="endMs">The end of the interval (the reading's <c>ts</c>), Unix epoch milliseconds.</param>
    /// <param name="intervalSeconds">The interval's length, 1 to 86400 seconds.</param>
    public FootfallIntervalResult Add(long endMs, int intervalSeconds, int countIn, int countOut)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(endMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endMs, MaxEndMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(intervalSeconds, MaxIntervalSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(countIn);
        ArgumentOutOfRangeException.ThrowIfNegative(countOut);

        var hour = HourOf(endMs);
        var day = DayOf(endMs);
        if (_latestEndMs is { } latest && (hour < OldestHour(latest) || day < OldestDay(latest)))
        {
            return FootfallIntervalResult.TooOld;
        }

        var counts = new FootfallCounts(countIn, countOut);
        ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(_intervals, new FootfallIntervalKey(endMs, intervalSeconds), out var exists);
        if (exists && held == counts)
        {
            return FootfallIntervalResult.Duplicate;
        }

        var change = exists ? counts.Minus(held) : counts;
        held = counts;
        AddTo(_hours, hour, change);
        AddTo(_days, day, change);
        Advance(endMs, hour, day);
        return exists ? FootfallIntervalResult.Replaced : FootfallIntervalResult.Added;
    }

    /// <summary>People in and out during one clock hour; zero for an hour with no data or no longer retained.</summary>
    /// <param name="hourStartMs">The start of the hour, Unix epoch milliseconds (a multiple of one hour).</param>
    public (long In, long Out) HourTotal(long hourStartMs)
    {
        if (hourStartMs % HourMs != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hourStartMs), hourStartMs, "Not the start of a clock hour.");
        }

        var total = _hours.GetValueOrDefault(hourStartMs);
        return (total.In, total.Out);
    }

    /// <summary>People in and out during one local day; zero for a day with no data or no longer retained.</summary>
    public (long In, long Out) DayTotal(DateOnly localDay)
    {
        var total = _days.GetValueOrDefault(localDay);
        return (total.In, total.Out);
    }

    private static void AddTo<TKey>(Dictionary<TKey, FootfallCounts> totals, TKey key, FootfallCounts change)
        where TKey : notnull
    {
        ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(totals, key, out _);
        total = total.Plus(change);
    }

    /// <summary>The clock hour holding the interval's last instant, as epoch milliseconds.</summary>
    private static long HourOf(long endMs)
    {
        var last = endMs - 1;
        return last - (((last % HourMs) + HourMs) % HourMs);
    }

    private DateOnly DayOf(long endMs) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(endMs - 1), Zone).DateTime);

    private long OldestHour(long latestEndMs) => OldestHourFrom(HourOf(latestEndMs));

    private DateOnly OldestDay(long latestEndMs) => OldestDayFrom(DayOf(latestEndMs));

    private long OldestHourFrom(long latestHour) => latestHour - ((_retainedHours - 1) * HourMs);

    private DateOnly OldestDayFrom(DateOnly latestDay) => latestDay.AddDays(1 - _retainedDays);

    /// <summary>
    /// Moves the window forward to a newer interval and drops what fell out of it. The window moves
    /// by whole hours and days, so the scan over the held intervals runs at most once an hour.
    /// </summary>
    private void Advance(long endMs, long hour, DateOnly day)
    {
        if (_latestEndMs is { } latest && endMs <= latest)
        {
            return;
        }

        var moved = _latestEndMs is { } previous && (hour != HourOf(previous) || day != DayOf(previous));
        _latestEndMs = endMs;
        if (!moved)
        {
            return;
        }

        var oldestHour = OldestHourFrom(hour);
        var oldestDay = OldestDayFrom(day);
        foreach (var key in _intervals.Keys)
        {
            if (HourOf(key.EndMs) < oldestHour || DayOf(key.EndMs) < oldestDay)
            {
                _intervals.Remove(key);
            }
        }

        foreach (var heldHour in _hours.Keys)
        {
            if (heldHour < oldestHour)
            {
                _hours.Remove(heldHour);
            }
        }

        foreach (var heldDay in _days.Keys)
        {
            if (heldDay < oldestDay)
            {
                _days.Remove(heldDay);
            }
        }
    }
}
