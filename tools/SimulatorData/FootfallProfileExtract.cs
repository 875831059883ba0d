using System.Globalization;
using System.Text;

namespace UrbanTwin.SimulatorData;

/// <summary>
/// The shape of a day of pedestrian counts, from a real hourly counter (Burke-Gilman Trail,
/// Seattle, May–June 2019, local time): the mean number of pedestrians (both directions) in each
/// hour of the day, on weekdays and at weekends. Only these 48 means are shipped, not the counts.
/// Output: <c>hour,weekday,weekend</c>.
/// </summary>
public static class FootfallProfileExtract
{
    public const string FileName = "footfall-profile.csv";

    public static string Derive(string counterCsvPath)
    {
        var lines = File.ReadAllLines(counterCsvPath, Encoding.UTF8);
        var header = lines[0].Split(',');
        var date = Array.IndexOf(header, "Date");
        var south = Array.IndexOf(header, "Ped South");
        var north = Array.IndexOf(header, "Ped North");
        var sums = new double[2, 24];
        var counts = new int[2, 24];
        foreach (var line in lines.Skip(1))
        {
            var columns = line.Split(',');
            var time = DateTime.ParseExact(columns[date], "MM/dd/yyyy hh:mm:ss tt", CultureInfo.InvariantCulture);
            var weekend = time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1 : 0;
            sums[weekend, time.Hour] += int.Parse(columns[south], CultureInfo.InvariantCulture) + int.Parse(columns[north], CultureInfo.InvariantCulture);
            counts[weekend, time.Hour]++;
        }

        var text = new StringBuilder("hour,weekday,weekend\n");
        for (var hour = 0; hour < 24; hour++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hour},{Math.Round(sums[0, hour] / counts[0, hour], 2):0.##},{Math.Round(sums[1, hour] / counts[1, hour], 2):0.##}\n");
        }

        return text.ToString();
    }
}
