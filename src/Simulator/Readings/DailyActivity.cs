using System.Globalization;
using UrbanTwin.Simulator.Places;

namespace UrbanTwin.Simulator.Readings;

/// <summary>
/// How busy the street is over a day, from a real pedestrian counter's mean hourly counts on
/// weekdays and at weekends (<c>Data/footfall-profile.csv</c>): commuter peaks around 08:00 and
/// 17:00 on weekdays, a broad midday hump at weekends, near nothing at night. Footfall counters
/// scale it to their daily volume; junctions read it as traffic (rush hours).
/// </summary>
public static class DailyActivity
{
    private static readonly Lazy<(double[] Weekday, double[] Weekend)> Profile = new(Load);

    /// <summary>People per hour at a local time, as a share of a whole weekday's count (hours interpolated at their middles).</summary>
    public static double ShareOfWeekday(double localHour, bool weekend)
    {
        var (weekday, weekendProfile) = Profile.Value;
        return Interpolate(weekend ? weekendProfile : weekday, localHour) / weekday.Sum();
    }

    /// <summary>Activity from 0 (night) to 1 (the busiest hour of a weekday, or above it at a busy weekend hour).</summary>
    public static double Level(double localHour, bool weekend)
    {
        var (weekday, weekendProfile) = Profile.Value;
        return Interpolate(weekend ? weekendProfile : weekday, localHour) / weekday.Max();
    }

    private static double Interpolate(double[] hourly, double localHour)
    {
        var position = localHour - 0.5;
        var i = (int)Math.Floor(position);
        var fraction = position - i;
        var a = hourly[(i + 24) % 24];
        var b = hourly[(i + 25) % 24];
        return a + ((b - a) * fraction);
    }

    private static (double[] Weekday, double[] Weekend) Load()
    {
        var weekday = new double[24];
        var weekend = new double[24];
        foreach (var row in ShippedData.Rows("footfall-profile.csv"))
        {
            var parts = row.Split(',');
            var hour = int.Parse(parts[0], CultureInfo.InvariantCulture);
            weekday[hour] = double.Parse(parts[1], CultureInfo.InvariantCulture);
            weekend[hour] = double.Parse(parts[2], CultureInfo.InvariantCulture);
        }

        return (weekday, weekend);
    }
}
