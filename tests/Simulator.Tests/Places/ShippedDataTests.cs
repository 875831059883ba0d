using UrbanTwin.SimulatorData;
using UrbanTwin.TestSupport;

namespace UrbanTwin.Simulator.Tests.Places;

/// <summary>
/// The data the simulator ships is exactly what <c>tools/SimulatorData</c> derives from the real
/// public data (so nothing in it was made up or edited by hand), and the grid conversion is right.
/// </summary>
public sealed class ShippedDataTests
{
    [Fact]
    public void Shipped_files_match_what_the_tool_derives_from_the_test_data()
    {
        var derived = SimulatorDataSet.Derive(
            RepositoryPaths.TestData,
            Path.Combine(RepositoryPaths.Root, "src", "TwinApi", "Areas", "london-boroughs.geojson"));

        Assert.Equal(3, derived.Count);
        foreach (var (name, content) in derived)
        {
            var shipped = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Simulator", "Data", name));
            Assert.True(content == shipped, $"src/Simulator/Data/{name} differs from what tools/SimulatorData derives: run `dotnet run --project tools/SimulatorData`");
        }
    }

    // Published Helmert conversions (the Royal Observatory, Greenwich, on Airy's meridian, which is
    // longitude 0 in OSGB 1936 but about 100 m west of WGS84's; and a point near St Helens).
    [Theory]
    [InlineData(538_890, 177_320, -0.001402, 51.477795)]
    [InlineData(352_500.2, 401_400, -2.71766, 53.50713)]
    public void British_national_grid_converts_to_wgs84_with_the_datum_shift(double easting, double northing, double longitude, double latitude)
    {
        var (lon, lat) = new BritishNationalGrid().ToWgs84(easting, northing);

        Assert.Equal(longitude, lon, 0.00002);
        Assert.Equal(latitude, lat, 0.00002);
    }
}
