using System.Globalization;
using UrbanTwin.Simulator.Places;

namespace UrbanTwin.Simulator.Readings;

/// <summary>
/// The real hourly NO2 and PM2.5 of London Westminster (six weeks from 2019-05-07, <c>Data/westminster-air-2019.csv</c>),
/// replayed: any instant maps onto the same hour of the day and day of the week of the series
/// (it is exactly six weeks long), values in between hours interpolated, the station's missing
/// hours bridged by interpolation. Its day-to-day swings are the city-wide weather the stations share.
/// </summary>
public static class WestminsterAir
{
    private const long HourMs = 3_600_000;
    private static readonly long StartMs = new DateTimeOffset(2019, 5, 7, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly Lazy<(double[] No2, double[] Pm25)> Series = new(Load);

    /// <summary>Hours in the replayed series (six weeks).</summary>
    public static int Hours => Series.Value.No2.Length;

    /// <summary>NO2 and PM2.5 (µg/m³) the station measured at the same point of its six weeks.</summary>
    public static (double No2, double Pm25) At(long utcMs)
    {
        var (no2, pm25) = Series.Value;
        var hours = (double)(utcMs - StartMs) / HourMs;
        var length = no2.Length;
        var position = ((hours % length) + length) % length;
        var i = (int)position;
        var next = (i + 1) % length;
        var fraction = position - i;
        return (no2[i] + ((no2[next] - no2[i]) * fraction), pm25[i] + ((pm25[next] - pm25[i]) * fraction));
    }

    private static (double[] No2, double[] Pm25) Load()
    {
        var no2 = new List<double?>();
        var pm25 = new List<double?>();
        foreach (var row in ShippedData.Rows("westminster-air-2019.csv"))
        {
            var parts = row.Split(',');
            no2.Add(Parse(parts[1]));
            pm25.Add(Parse(parts[2]));
        }

        return (Bridge(no2), Bridge(pm25));
    }

    private static double? Parse(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Fills each run of missing hours by a straight line between its neighbours (around the end, too).</summary>
    private static double[] Bridge(List<double?> values)
    {
        var length = values.Count;
        var filled = new double[length];
        var known = Enumerable.Range(0, length).Where(i => values[i].HasValue).ToArray();
        for (var k = 0; k < known.Length; k++)
        {
            var from = known[k];
            var to = known[(k + 1) % known.Length];
            var span = ((to - from + length - 1) % length) + 1;
            for (var step = 0; step < span; step++)
            {
                var fraction = (double)step / span;
                filled[(from + step) % length] = values[from]!.Value + ((values[to]!.Value - values[from]!.Value) * fraction);
            }
        }

        return filled;
    }
}
