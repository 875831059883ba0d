using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.TestSupport.Spatial;

namespace UrbanTwin.Grains.Tests.Spatial;

public sealed class GeodesicTests
{
    private const double R = Geodesic.EarthRadiusMetres;

    [Theory]
    [InlineData(-0.1278, 51.5074, 2.3522, 48.8566, 343_556.535)] // London – Paris
    [InlineData(-0.1270, 51.5194, -0.1246, 51.5007, 2_085.971)] // British Museum – Palace of Westminster
    [InlineData(-0.1270, 51.5194, -0.4543, 51.4700, 23_314.828)] // British Museum – Heathrow
    public void DistanceMetres_matches_the_great_circle_on_the_mean_sphere(double lon1, double lat1, double lon2, double lat2, double expected)
    {
        Assert.Equal(expected, Geodesic.DistanceMetres(lon1, lat1, lon2, lat2), 0.001);
    }

    [Fact]
    public void DistanceMetres_agrees_with_the_chord_formula_from_millimetres_to_half_the_world()
    {
        var random = new Random(51_5074);
        for (var i = 0; i < 20_000; i++)
        {
            var lon = (random.NextDouble() * 360) - 180;
            var lat = (random.NextDouble() * 180) - 90;
            var scale = Math.Pow(10, -9 + (random.NextDouble() * 11.2)); // 1e-9° to ~160°
            var lon2 = Wrap(lon + ((random.NextDouble() - 0.5) * scale));
            var lat2 = Math.Clamp(lat + ((random.NextDouble() - 0.5) * scale), -90, 90);

            var distance = Geodesic.DistanceMetres(lon, lat, lon2, lat2);
            var expected = ChordDistance.Metres(lon, lat, lon2, lat2);

            Assert.True(Math.Abs(distance - expected) <= Math.Max(1e-9 * expected, 1e-6), $"({lon}, {lat}) – ({lon2}, {lat2}): {distance} m, chord formula {expected} m");
        }
    }

    [Fact]
    public void DistanceMetres_is_exact_for_tiny_steps_along_a_meridian()
    {
        var (from, to) = (51.5194, 51.5194 + 1e-9);

        var step = Geodesic.DistanceMetres(-0.1270, from, -0.1270, to);

        Assert.Equal(R * (to - from) * Math.PI / 180, step, 1e-15);
        Assert.Equal(0, Geodesic.DistanceMetres(-0.1270, 51.5194, -0.1270, 51.5194));
    }

    [Fact]
    public void DistanceMetres_stays_accurate_for_antipodal_points()
    {
        Assert.Equal(Math.PI * R, Geodesic.DistanceMetres(0, 0, 180, 0), 1e-6);
        Assert.Equal(Math.PI * R, Geodesic.DistanceMetres(-0.1270, 51.5194, 179.873, -51.5194), 1e-6);
        Assert.Equal((Math.PI - (1e-6 * Math.PI / 180)) * R, Geodesic.DistanceMetres(0, 0, 179.999999, 0), 1e-3);
    }

    [Fact]
    public void DistanceMetres_goes_the_short_way_across_the_antimeridian_and_is_symmetric()
    {
        Assert.Equal(R * 0.02 * Math.PI / 180, Geodesic.DistanceMetres(179.99, 0, -179.99, 0), 1e-6);
        var random = new Random(7946);
        for (var i = 0; i < 1_000; i++)
        {
            var (lon1, lat1, lon2, lat2) = ((random.NextDouble() * 360) - 180, (random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180, (random.NextDouble() * 180) - 90);
            Assert.Equal(Geodesic.DistanceMetres(lon1, lat1, lon2, lat2), Geodesic.DistanceMetres(lon2, lat2, lon1, lat1));
        }
    }

    [Fact]
    public void BoundingBox_holds_every_point_of_the_circle_and_little_more()
    {
        var random = new Random(20_000);
        for (var i = 0; i < 2_000; i++)
        {
            var lon = (random.NextDouble() * 360) - 180;
            var lat = (random.NextDouble() * 170) - 85;
            var radius = Math.Pow(10, random.NextDouble() * 5.5);
            var box = Geodesic.BoundingBox(lon, lat, radius);
            var spansTheWorld = box is { MinLongitude: -180, MaxLongitude: 180 };
            for (var bearing = 0.0; bearing < 360; bearing += 7.5)
            {
                var (pointLon, pointLat) = Destination(lon, lat, bearing, radius);
                Assert.True(box.Contains(pointLon, pointLat), $"circle ({lon}, {lat}) r {radius} m: point at bearing {bearing}° ({pointLon}, {pointLat}) outside {box}");
            }

            var north = Destination(lon, lat, 0, radius).Latitude;
            if (north < 90 && !spansTheWorld)
            {
                Assert.Equal(north, box.MaxLatitude, 1e-6);
            }
        }
    }

    [Fact]
    public void BoundingBox_crosses_the_antimeridian_and_spans_every_longitude_round_a_pole()
    {
        var east = Geodesic.BoundingBox(179.995, -17.8, 2_000);
        var polar = Geodesic.BoundingBox(0, 89.99, 2_000);
        var nearPole = Geodesic.BoundingBox(0, 89.99, 100);

        Assert.True(east.CrossesAntimeridian);
        Assert.True(east.Contains(-179.99, -17.8));
        Assert.False(east.Contains(0, -17.8));
        Assert.Equal(new GeoBox(-180, polar.MinLatitude, 180, 90), polar);
        Assert.False(nearPole.CrossesAntimeridian);
        Assert.InRange(nearPole.MaxLongitude - nearPole.MinLongitude, 10, 11); // ~5.2° either side at 89.99°
    }

    [Fact]
    public void MinDistanceToBoxMetres_never_exceeds_the_distance_to_a_point_of_the_box()
    {
        var random = new Random(4_096);
        for (var i = 0; i < 2_000; i++)
        {
            var box = RandomBox(random);
            var lon = (random.NextDouble() * 360) - 180;
            var lat = (random.NextDouble() * 180) - 90;
            var bound = Geodesic.MinDistanceToBoxMetres(lon, lat, box);
            for (var j = 0; j < 50; j++)
            {
                var (pointLon, pointLat) = PointIn(random, box);
                Assert.True(bound <= Geodesic.DistanceMetres(lon, lat, pointLon, pointLat), $"({lon}, {lat}) to {box}: bound {bound} m above the distance to ({pointLon}, {pointLat})");
            }
        }
    }

    [Fact]
    public void MinDistanceToBoxMetres_is_zero_inside_and_tight_beside_a_box()
    {
        var box = new GeoBox(-0.2, 51.4, -0.1, 51.6);

        Assert.Equal(0, Geodesic.MinDistanceToBoxMetres(-0.15, 51.5, box));
        Assert.Equal(Geodesic.DistanceMetres(-0.15, 51.3, -0.15, 51.4), Geodesic.MinDistanceToBoxMetres(-0.15, 51.3, box), 0.01);
        Assert.Equal(Geodesic.DistanceMetres(-0.3, 51.5, -0.2, 51.5), Geodesic.MinDistanceToBoxMetres(-0.3, 51.5, box), 0.01);
    }

    [Fact]
    public void DistanceToMeridianMetres_is_the_distance_to_the_half_great_circle()
    {
        // A shade below exact: conservative by a part in 10⁹.
        Assert.Equal(R * Math.PI / 180, Geodesic.DistanceToMeridianMetres(1, 0, 0), 0.001);
        Assert.Equal(R * Math.Asin(Math.Sin(Math.PI / 180) * Math.Cos(51.5 * Math.PI / 180)), Geodesic.DistanceToMeridianMetres(-1.1270, 51.5, -0.1270), 0.001);
        Assert.Equal(Geodesic.DistanceMetres(0, 60, 0, 90), Geodesic.DistanceToMeridianMetres(0, 60, 150), 0.01); // nearer by the pole
        Assert.Equal(Geodesic.DistanceToMeridianMetres(179.5, 10, -179.5), Geodesic.DistanceToMeridianMetres(0.5, 10, -0.5), 1e-6);
    }

    /// <summary>The point reached from (lon, lat) along a great circle at the bearing, by the spherical direct formula.</summary>
    private static (double Longitude, double Latitude) Destination(double lon, double lat, double bearingDegrees, double metres)
    {
        var (phi, lambda, theta, delta) = (lat * Math.PI / 180, lon * Math.PI / 180, bearingDegrees * Math.PI / 180, metres / R);
        var phi2 = Math.Asin((Math.Sin(phi) * Math.Cos(delta)) + (Math.Cos(phi) * Math.Sin(delta) * Math.Cos(theta)));
        var lambda2 = lambda + Math.Atan2(Math.Sin(theta) * Math.Sin(delta) * Math.Cos(phi), Math.Cos(delta) - (Math.Sin(phi) * Math.Sin(phi2)));
        return (Wrap(lambda2 * 180 / Math.PI), phi2 * 180 / Math.PI);
    }

    private static GeoBox RandomBox(Random random)
    {
        var minLon = (random.NextDouble() * 360) - 180;
        var maxLon = Wrap(minLon + (random.NextDouble() * 40));
        var minLat = (random.NextDouble() * 170) - 85;
        return new GeoBox(minLon, minLat, maxLon, Math.Min(90, minLat + (random.NextDouble() * 20)));
    }

    private static (double Longitude, double Latitude) PointIn(Random random, GeoBox box)
    {
        var width = box.CrossesAntimeridian ? box.MaxLongitude + 360 - box.MinLongitude : box.MaxLongitude - box.MinLongitude;
        return (Wrap(box.MinLongitude + (random.NextDouble() * width)), box.MinLatitude + (random.NextDouble() * (box.MaxLatitude - box.MinLatitude)));
    }

    private static double Wrap(double lon) => lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
}
