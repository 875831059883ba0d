namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// A longitude/latitude box with inclusive edges, as RFC 7946 §5 writes a bbox: a box whose
/// <see cref="MinLongitude"/> is greater than its <see cref="MaxLongitude"/> crosses the
/// antimeridian (it runs east from <see cref="MinLongitude"/> through 180 to <see cref="MaxLongitude"/>).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.GeoBox")]
public sealed record GeoBox(double MinLongitude, double MinLatitude, double MaxLongitude, double MaxLatitude)
{
    /// <summary>Whether the box crosses the antimeridian (RFC 7946 §5.2).</summary>
    public bool CrossesAntimeridian => MinLongitude > MaxLongitude;

    /// <summary>Whether the point lies in the box or on its edge.</summary>
    public bool Contains(double longitude, double latitude) =>
        latitude >= MinLatitude && latitude <= MaxLatitude && ContainsLongitude(longitude);

    /// <summary>Whether the meridian at <paramref name="longitude"/> runs through the box.</summary>
    public bool ContainsLongitude(double longitude) => CrossesAntimeridian
        ? longitude >= MinLongitude || longitude <= MaxLongitude
        : longitude >= MinLongitude && longitude <= MaxLongitude;
}
