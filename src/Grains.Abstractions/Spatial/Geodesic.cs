namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// Metres on the Earth, the product's one helper for them (distances are never raw degrees). The
/// model is a sphere of the IUGG mean radius <see cref="EarthRadiusMetres"/>: great-circle
/// distances differ from geodesics on the WGS84 ellipsoid by 0.06–0.32% in London (the radii of
/// curvature there) and by at most about 0.56% anywhere (short north–south distances at the
/// equator), which is fine for "assets within 500 m" and not meant for surveying.
/// Lower bounds (<see cref="MinDistanceToBoxMetres"/> and friends) are conservative: a shade below
/// the exact value so that rounding never makes them exceed what <see cref="DistanceMetres"/>
/// returns for a point they bound.
/// </summary>
public static class Geodesic
{
    /// <summary>The IUGG mean Earth radius R1 (metres).</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    private const double Radians = Math.PI / 180;

    /// <summary>Great-circle distance (metres) between two lon/lat points, by the haversine formula.</summary>
    /// <remarks>
    /// Taken as <c>2·atan2(√h, √(1−h))</c> with both h and, past a quarter of the way round, 1−h
    /// summed from non-negative terms (1−h is the haversine to the second point's antipode), so
    /// nothing cancels: accurate to the last bits for points a millimetre apart and for nearly
    /// antipodal points alike. The longitude difference is taken the short way round, so points
    /// either side of the antimeridian are close. Symmetric to the last bit in its two points.
    /// </remarks>
    public static double DistanceMetres(double longitude1, double latitude1, double longitude2, double latitude2)
    {
        var deltaLongitude = longitude2 - longitude1;
        if (deltaLongitude > 180)
        {
            deltaLongitude -= 360;
        }
        else if (deltaLongitude < -180)
        {
            deltaLongitude += 360;
        }

        var sinHalfLatitude = Math.Sin((latitude2 - latitude1) * Radians / 2);
        var sinHalfLongitude = Math.Sin(deltaLongitude * Radians / 2);
        var cosines = Math.Cos(latitude1 * Radians) * Math.Cos(latitude2 * Radians);
        var h = (sinHalfLatitude * sinHalfLatitude) + (cosines * sinHalfLongitude * sinHalfLongitude);
        var complement = 1 - h;
        if (h > 0.5)
        {
            var sinHalfSum = Math.Sin((latitude1 + latitude2) * Radians / 2);
            var cosHalfLongitude = Math.Cos(deltaLongitude * Radians / 2);
            complement = (sinHalfSum * sinHalfSum) + (cosines * cosHalfLongitude * cosHalfLongitude);
        }

        return 2 * EarthRadiusMetres * Math.Atan2(Math.Sqrt(h), Math.Sqrt(complement));
    }

    /// <summary>
    /// The lon/lat box around the circle of <paramref name="radiusMetres"/> about the point, a shade
    /// larger than exact (every point <see cref="DistanceMetres"/> puts within the radius is in it).
    /// A box running past ±180° longitude crosses the antimeridian (<see cref="GeoBox.CrossesAntimeridian"/>);
    /// when the circle reaches a pole the box spans every longitude.
    /// </summary>
    public static GeoBox BoundingBox(double longitude, double latitude, double radiusMetres)
    {
        var angleDegrees = LatitudeReachDegrees(radiusMetres);
        var angle = angleDegrees * Radians;
        var minLatitude = latitude - angleDegrees;
        var maxLatitude = latitude + angleDegrees;
        if (minLatitude <= -90 || maxLatitude >= 90)
        {
            return new GeoBox(-180, Math.Max(-90, minLatitude), 180, Math.Min(90, maxLatitude));
        }

        // The meridians tangent to the circle; sin(angle) < cos(latitude) as the circle misses the poles.
        var deltaLongitude = Math.Asin(Math.Min(1, Math.Sin(angle) / Math.Cos(latitude * Radians))) / Radians;
        var minLongitude = longitude - deltaLongitude;
        var maxLongitude = longitude + deltaLongitude;
        if (minLongitude < -180)
        {
            minLongitude += 360;
        }

        if (maxLongitude > 180)
        {
            maxLongitude -= 360;
        }

        return new GeoBox(minLongitude, minLatitude, maxLongitude, maxLatitude);
    }

    /// <summary>A lower bound (metres) of the distance from the point to any point of the box (0 inside it).</summary>
    public static double MinDistanceToBoxMetres(double longitude, double latitude, GeoBox box)
    {
        var toParallel = latitude < box.MinLatitude ? DistanceToParallelMetres(latitude, box.MinLatitude)
            : latitude > box.MaxLatitude ? DistanceToParallelMetres(latitude, box.MaxLatitude)
            : 0;
        var toMeridian = box.ContainsLongitude(longitude)
            ? 0
            : Math.Min(DistanceToMeridianMetres(longitude, latitude, box.MinLongitude), DistanceToMeridianMetres(longitude, latitude, box.MaxLongitude));
        return Math.Max(toParallel, toMeridian);
    }

    /// <summary>
    /// A lower bound (metres) of the distance from the point to the meridian at
    /// <paramref name="meridianLongitude"/> (the half great circle from pole to pole):
    /// <c>R·asin(sin Δλ · cos φ)</c>, or the distance to the nearer pole when Δλ is over 90°.
    /// </summary>
    public static double DistanceToMeridianMetres(double longitude, double latitude, double meridianLongitude)
    {
        var separation = Math.Abs(longitude - meridianLongitude) % 360;
        separation = Math.Min(Math.Min(separation, 360 - separation), 90);
        return Conservative(EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sin(separation * Radians) * Math.Cos(latitude * Radians))));
    }

    /// <summary>
    /// How many degrees of latitude a point may be from another and still lie within
    /// <paramref name="metres"/> of it, a shade more than exact (<c>d / R</c> in degrees, since
    /// the distance is at least <c>R·|Δφ|</c>).
    /// </summary>
    public static double LatitudeReachDegrees(double metres) => ((metres / EarthRadiusMetres * (1 + 1e-9)) + 1e-12) / Radians;

    /// <summary>A lower bound (metres) of the distance from a point at <paramref name="latitude"/> to the parallel at <paramref name="parallelLatitude"/>: <c>R·|Δφ|</c>.</summary>
    public static double DistanceToParallelMetres(double latitude, double parallelLatitude) =>
        Conservative(EarthRadiusMetres * Math.Abs(latitude - parallelLatitude) * Radians);

    /// <summary>Takes off more than the rounding error of both the bound and <see cref="DistanceMetres"/>.</summary>
    private static double Conservative(double metres) => Math.Max(0, (metres * (1 - 1e-9)) - 1e-6);
}
