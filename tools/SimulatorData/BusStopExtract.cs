using System.Globalization;
using System.Text;
using UrbanTwin.TwinApi.Assets;

namespace UrbanTwin.SimulatorData;

/// <summary>
/// Real places for simulated devices: TfL's bus stop list (British National Grid) converted to
/// WGS84, physical stops only (no virtual timing points), only those inside a London borough,
/// every <see cref="Stride"/>th by stop code so the sample spreads over the whole city.
/// Output: <c>code,lon,lat,name</c>, the name last and unquoted (everything after the third comma).
/// </summary>
public static class BusStopExtract
{
    public const string FileName = "london-bus-stops.csv";
    public const int Stride = 5;

    public static string Derive(string tflCsvPath, LondonBoroughs boroughs)
    {
        var records = CsvReader.Read(File.ReadAllText(tflCsvPath, Encoding.UTF8));
        var header = records[0];
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new InvalidDataException($"{tflCsvPath}: no column {name}");
        var code = Column("Stop_Code_LBSL");
        var name = Column("Stop_Name");
        var easting = Column("Location_Easting");
        var northing = Column("Location_Northing");
        var isVirtual = Column("Virtual_Bus_Stop");

        var grid = new BritishNationalGrid();
        var inside = new List<(string Code, double Lon, double Lat, string Name)>();
        foreach (var record in records.Skip(1))
        {
            if (record.Count != header.Count || record[isVirtual] != "0")
            {
                continue;
            }

            var (lon, lat) = grid.ToWgs84(
                double.Parse(record[easting], CultureInfo.InvariantCulture),
                double.Parse(record[northing], CultureInfo.InvariantCulture));
            lon = Math.Round(lon, 6);
            lat = Math.Round(lat, 6);
            if (boroughs.CodeOf(lon, lat) is not null)
            {
                inside.Add((record[code], lon, lat, string.Join(' ', record[name].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
            }
        }

        inside.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        var text = new StringBuilder("code,lon,lat,name\n");
        for (var i = 0; i < inside.Count; i += Stride)
        {
            var stop = inside[i];
            text.Append(CultureInfo.InvariantCulture, $"{stop.Code},{stop.Lon:0.######},{stop.Lat:0.######},{stop.Name}\n");
        }

        return text.ToString();
    }
}
