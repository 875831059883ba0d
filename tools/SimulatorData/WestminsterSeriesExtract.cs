using System.Globalization;
using System.Text;

namespace UrbanTwin.SimulatorData;

/// <summary>
/// The real hourly NO2 and PM2.5 of the London Westminster reference station (OpenAQ extracts),
/// 42 whole days (six weeks, so hours of the day and days of the week line up when replayed)
/// from 2019-05-07 00:00 UTC. Output: <c>hour,no2,pm25</c>, an empty value where the station
/// reported nothing (a gap is not a zero).
/// </summary>
public static class WestminsterSeriesExtract
{
    public const string FileName = "westminster-air-2019.csv";
    public const int Days = 42;
    public static readonly DateTimeOffset Start = new(2019, 5, 7, 0, 0, 0, TimeSpan.Zero);

    public static string Derive(string no2CsvPath, string pm25CsvPath)
    {
        var no2 = Read(no2CsvPath);
        var pm25 = Read(pm25CsvPath);
        var text = new StringBuilder("hour,no2,pm25\n");
        for (var hour = 0; hour < Days * 24; hour++)
        {
            var time = Start.AddHours(hour);
            text.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm:ssZ},{Value(no2, time)},{Value(pm25, time)}\n");
        }

        return text.ToString();
    }

    private static string Value(Dictionary<DateTimeOffset, double> series, DateTimeOffset time) =>
        series.TryGetValue(time, out var value) ? value.ToString("0.###", CultureInfo.InvariantCulture) : "";

    private static Dictionary<DateTimeOffset, double> Read(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var header = lines[0].Split(',');
        var time = Array.IndexOf(header, "date.utc");
        var location = Array.IndexOf(header, "location");
        var value = Array.IndexOf(header, "value");
        var series = new Dictionary<DateTimeOffset, double>();
        foreach (var line in lines.Skip(1))
        {
            var columns = line.Split(',');
            if (columns[location] == "London Westminster")
            {
                series[DateTimeOffset.ParseExact(columns[time], "yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture)] =
                    double.Parse(columns[value], CultureInfo.InvariantCulture);
            }
        }

        return series;
    }
}
