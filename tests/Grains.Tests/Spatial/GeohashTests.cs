using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Tests.Spatial;

public sealed class GeohashTests
{
    [Theory]
    [InlineData(10.40744, 57.64911, 11, "u4pruydqqvj")] // the worked example of the geohash article
    [InlineData(-5.6, 42.6, 5, "ezs42")]
    [InlineData(0, 0, 5, "s0000")]
    [InlineData(-180, -90, 5, "00000")]
    public void Encode_matches_the_published_geohash(double longitude, double latitude, int precision, string expected)
    {
        Assert.Equal(expected, Geohash.Encode(longitude, latitude, precision));
    }

    [Theory]
    [InlineData(-0.1270, 51.5194)] // British Museum
    [InlineData(-0.1246, 51.5007)] // Palace of Westminster
    [InlineData(-0.4543, 51.4700)] // Heathrow
    public void London_landmarks_lie_inside_their_cell(double longitude, double latitude)
    {
        var cell = Bounds(Geohash.Encode(longitude, latitude));

        Assert.InRange(longitude, cell.MinLon, cell.MaxLon);
        Assert.InRange(latitude, cell.MinLat, cell.MaxLat);
        Assert.Equal(Geohash.CellSize().Width, cell.MaxLon - cell.MinLon, 9);
    }

    [Fact]
    public void Every_point_of_a_box_lies_in_one_of_its_covering_cells()
    {
        var random = new Random(20191107);
        for (var i = 0; i < 300; i++)
        {
            var minLon = (random.NextDouble() * 359) - 180;
            var minLat = (random.NextDouble() * 170) - 85;
            var maxLon = Math.Min(180, minLon + (random.NextDouble() * 0.5));
            var maxLat = Math.Min(90, minLat + (random.NextDouble() * 0.5));
            var cells = Geohash.CoveringCells(minLon, minLat, maxLon, maxLat);
            for (var j = 0; j < 50; j++)
            {
                var lon = minLon + (random.NextDouble() * (maxLon - minLon));
                var lat = minLat + (random.NextDouble() * (maxLat - minLat));
                var cell = Geohash.Encode(lon, lat);
                Assert.True(cells.Contains(cell), $"box ({minLon}, {minLat})–({maxLon}, {maxLat}): point ({lon}, {lat}) in {cell}, not among {cells.Count} cells");
            }

            Assert.True(cells.Contains(Geohash.Encode(maxLon, maxLat)), "the box's far corner is not covered");
            Assert.All(cells, c => Assert.True(Intersects(Bounds(c), minLon, minLat, maxLon, maxLat), $"cell {c} does not touch the box"));
        }
    }

    [Fact]
    public void Box_across_the_antimeridian_is_covered_on_both_sides()
    {
        var cells = Geohash.CoveringCells(179.9, -17.9, -179.9, -17.8);

        Assert.Contains(Geohash.Encode(179.95, -17.85), cells);
        Assert.Contains(Geohash.Encode(-179.95, -17.85), cells);
        Assert.DoesNotContain(Geohash.Encode(0, -17.85), cells);
    }

    [Fact]
    public void Grid_columns_and_rows_place_points_on_and_beside_cell_edges_as_Encode_does()
    {
        var (width, height) = Geohash.CellSize();
        var (columns, rows) = Geohash.GridSize();
        var random = new Random(8192);
        for (var i = 0; i < 2_000; i++)
        {
            var edgeLon = -180 + (random.NextInt64(columns + 1) * width);
            var edgeLat = -90 + (random.NextInt64(rows + 1) * height);
            foreach (var lon in new[] { edgeLon, Math.BitDecrement(edgeLon), Math.BitIncrement(edgeLon) }.Where(l => l is >= -180 and <= 180))
            {
                foreach (var lat in new[] { edgeLat, Math.BitDecrement(edgeLat), Math.BitIncrement(edgeLat) }.Where(l => l is >= -90 and <= 90))
                {
                    var (column, row) = (Geohash.ColumnOf(lon), Geohash.RowOf(lat));
                    Assert.Equal(Geohash.Encode(lon, lat), Geohash.CellAt(column, row));
                    Assert.True(Geohash.BoundsOf(column, row).Contains(lon, lat));
                }
            }
        }
    }

    [Fact]
    public void CoveringCellCount_counts_the_covering_cells_also_across_the_antimeridian()
    {
        var random = new Random(4096);
        for (var i = 0; i < 300; i++)
        {
            var minLon = (random.NextDouble() * 360) - 180;
            var maxLon = minLon + (random.NextDouble() * 2);
            maxLon = maxLon > 180 ? maxLon - 360 : maxLon;
            var minLat = (random.NextDouble() * 178) - 89;
            var maxLat = Math.Min(90, minLat + random.NextDouble());

            Assert.Equal(Geohash.CoveringCells(minLon, minLat, maxLon, maxLat).Count, Geohash.CoveringCellCount(minLon, minLat, maxLon, maxLat));
        }

        Assert.Equal(Geohash.GridSize().Columns, Geohash.CoveringCellCount(10, 0, 9.99, 0)); // crosses, and wraps the world
    }

    [Theory]
    [InlineData(double.NaN, 0)]
    [InlineData(181, 0)]
    [InlineData(0, -90.0001)]
    public void Impossible_coordinates_are_refused(double longitude, double latitude)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Geohash.Encode(longitude, latitude));
    }

    [Fact]
    public void Box_covering_most_of_the_world_is_refused_rather_than_fanned_out()
    {
        Assert.Throws<ArgumentException>(() => Geohash.CoveringCells(-170, -80, 170, 80));
    }

    /// <summary>An independent decoder: a geohash's lon/lat rectangle by bisection.</summary>
    private static (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds(string hash)
    {
        const string Alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";
        double minLon = -180, maxLon = 180, minLat = -90, maxLat = 90;
        var even = true;
        foreach (var c in hash)
        {
            var bits = Alphabet.IndexOf(c, StringComparison.Ordinal);
            for (var bit = 4; bit >= 0; bit--)
            {
                var on = (bits & (1 << bit)) != 0;
                if (even)
                {
                    var mid = (minLon + maxLon) / 2;
                    (minLon, maxLon) = on ? (mid, maxLon) : (minLon, mid);
                }
                else
                {
                    var mid = (minLat + maxLat) / 2;
                    (minLat, maxLat) = on ? (mid, maxLat) : (minLat, mid);
                }

                even = !even;
            }
        }

        return (minLon, minLat, maxLon, maxLat);
    }

    private static bool Intersects((double MinLon, double MinLat, double MaxLon, double MaxLat) cell, double minLon, double minLat, double maxLon, double maxLat) =>
        cell.MinLon <= maxLon && cell.MaxLon >= minLon && cell.MinLat <= maxLat && cell.MaxLat >= minLat;
}
