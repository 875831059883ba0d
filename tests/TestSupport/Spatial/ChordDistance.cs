namespace UrbanTwin.TestSupport.Spatial;

/// <summary>
/// Great-circle distance worked out apart from the product's haversine, to check it: the chord
/// between the points' 3-D unit vectors, turned into an arc on the same mean sphere.
/// </summary>
public static class ChordDistance
{
    public const double EarthRadiusMetres = 6_371_008.8;

    public static double Metres(double lon1, double lat1, double lon2, double lat2)
    {
        var (x1, y1, z1) = UnitVector(lon1, lat1);
        var (x2, y2, z2) = UnitVector(lon2, lat2);
        var chord = Math.Sqrt(((x1 - x2) * (x1 - x2)) + ((y1 - y2) * (y1 - y2)) + ((z1 - z2) * (z1 - z2)));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, chord / 2));
    }

    private static (double X, double Y, double Z) UnitVector(double lon, double lat)
    {
        var (phi, lambda) = (lat * Math.PI / 180, lon * Math.PI / 180);
        return (Math.Cos(phi) * Math.Cos(lambda), Math.Cos(phi) * Math.Sin(lambda), Math.Sin(phi));
    }
}
