using System.Globalization;
using System.Text;

namespace UrbanTwin.TestSupport.Readings;

/// <summary>
/// Reads one station's rows from the OpenAQ extracts in the test data
/// (<c>readings/openaq-*-long.csv</c>: city,country,date.utc,location,parameter,value,unit).
/// </summary>
public static class OpenAqCsv
{
    public static IReadOnlyList<(DateTimeOffset Time, double Value)> Read(string fileName, string location)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.TestData, "readings", fileName), Encoding.UTF8);
        var header = lines[0].Split(',');
        var timeColumn = Array.IndexOf(header, "date.utc");
        var locationColumn = Array.IndexOf(header, "location");
        var valueColumn = Array.IndexOf(header, "value");

        return lines
            .Skip(1)
            .Select(line => line.Split(','))
            .Where(columns => columns[locationColumn] == location)
            .Select(columns => (
                DateTimeOffset.ParseExact(columns[timeColumn], "yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture),
                double.Parse(columns[valueColumn], NumberStyles.Float, CultureInfo.InvariantCulture)))
            .ToList();
    }
}
