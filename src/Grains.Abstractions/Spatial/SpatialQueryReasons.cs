namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>The stable codes of <see cref="SpatialQueryException.Reason"/>: why a map query was refused.</summary>
public static class SpatialQueryReasons
{
    /// <summary>A longitude outside −180..180, a latitude outside −90..90, a NaN, or a box whose south edge is north of its north edge.</summary>
    public const string BadCoordinates = "bad-coordinates";

    /// <summary>A radius that is negative or not a number.</summary>
    public const string BadRadius = "bad-radius";

    /// <summary>A radius above <see cref="SpatialOptions.MaxRadiusMetres"/>.</summary>
    public const string RadiusTooLarge = "radius-too-large";

    /// <summary>The query would touch more than <see cref="SpatialOptions.MaxCells"/> map cells (a huge box, a circle round a pole).</summary>
    public const string TooManyCells = "too-many-cells";

    /// <summary>Not a Polygon or MultiPolygon, empty, or not valid (self-intersecting, a hole outside its shell, …).</summary>
    public const string InvalidPolygon = "invalid-polygon";

    /// <summary>A page limit outside 1..<see cref="SpatialSearch.MaxLimit"/> or a nearest count outside 1..<see cref="SpatialSearch.MaxNearest"/>.</summary>
    public const string BadLimit = "bad-limit";

    /// <summary>A status filter other than ok, alert or offline.</summary>
    public const string BadFilter = "bad-filter";

    /// <summary>A cursor this kind of query did not hand out.</summary>
    public const string BadCursor = "bad-cursor";
}
