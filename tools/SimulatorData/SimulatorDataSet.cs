namespace UrbanTwin.SimulatorData;

/// <summary>Every file the simulator ships, derived from the public data kept in the repository (<c>tests/TestSupport/Data</c>) and the host's borough boundaries.</summary>
public static class SimulatorDataSet
{
    /// <summary>File name → content.</summary>
    public static IReadOnlyDictionary<string, string> Derive(string publicData, string boroughsGeoJson)
    {
        var readings = Path.Combine(publicData, "readings");
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [BusStopExtract.FileName] = BusStopExtract.Derive(Path.Combine(publicData, "assets", "tfl-bus-stops.csv"), new LondonBoroughs(boroughsGeoJson)),
            [WestminsterSeriesExtract.FileName] = WestminsterSeriesExtract.Derive(Path.Combine(readings, "openaq-no2-long.csv"), Path.Combine(readings, "openaq-pm25-long.csv")),
            [FootfallProfileExtract.FileName] = FootfallProfileExtract.Derive(Path.Combine(readings, "footfall", "Burke_Gilman_Trail_north_of_NE_70th_St_Bike_and_Ped_Counter_2019-05_2019-06.csv")),
        };
    }
}
