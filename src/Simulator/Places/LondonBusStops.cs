using System.Globalization;

namespace UrbanTwin.Simulator.Places;

/// <summary>
/// The real London places simulated devices stand at: a sample of some 3,500 TfL bus stops spread
/// over every borough (<c>Data/london-bus-stops.csv</c>, derived by <c>tools/SimulatorData</c>).
/// </summary>
public static class LondonBusStops
{
    private static readonly Lazy<List<BusStop>> Stops = new(Load);

    public static IReadOnlyList<BusStop> All => Stops.Value;

    private static List<BusStop> Load()
    {
        var stops = new List<BusStop>();
        foreach (var row in ShippedData.Rows("london-bus-stops.csv"))
        {
            // code,lon,lat,name: the name is last and may hold commas.
            var parts = row.Split(',', 4);
            stops.Add(new BusStop(
                parts[0],
                double.Parse(parts[1], CultureInfo.InvariantCulture),
                double.Parse(parts[2], CultureInfo.InvariantCulture),
                parts[3]));
        }

        return stops;
    }
}
