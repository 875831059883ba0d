using System.ComponentModel.DataAnnotations;

namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>The <c>Spatial</c> configuration section: how large a map query may be.</summary>
public sealed class SpatialOptions
{
    public const string Section = "Spatial";

    /// <summary>
    /// The largest radius a circle query may have, and how far a nearest-assets search looks
    /// (<c>Spatial:MaxRadiusMetres</c>).
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Spatial:MaxRadiusMetres must be between {1} and {2}.")]
    public double MaxRadiusMetres { get; set; } = 20_000;

    /// <summary>
    /// The most map cells one query may touch (<c>Spatial:MaxCells</c>); larger queries are refused
    /// with <see cref="SpatialQueryReasons.TooManyCells"/>. A precision-5 cell is about 3 km × 4.9 km in London.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Spatial:MaxCells must be between {1} and {2}.")]
    public int MaxCells { get; set; } = 4_096;
}
