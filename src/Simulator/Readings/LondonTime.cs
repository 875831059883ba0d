namespace UrbanTwin.Simulator.Readings;

/// <summary>London's wall clock (GMT or BST) for a UTC instant: what daily rhythms follow.</summary>
public static class LondonTime
{
    private static readonly TimeZoneInfo Zone = FindZone();

    /// <summary>The local time of day in hours (0 ≤ h &lt; 24) and whether the day is a Saturday or Sunday.</summary>
    public static (double Hour, bool Weekend) Of(long utcMs)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(utcMs), Zone);
        return (local.TimeOfDay.TotalHours, local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The local month (1–12).</summary>
    public static int MonthOf(long utcMs) => TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(utcMs), Zone).Month;

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            // Without time-zone data, GMT all year: daily shapes shift by an hour in summer, nothing breaks.
            return TimeZoneInfo.Utc;
        }
    }
}
