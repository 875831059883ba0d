using System.Globalization;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.TwinApi.OpenData;

/// <summary>Which assets of a kind a document covers: all of them, those in a box (<c>bbox</c>) or those of one area (<c>area</c>).</summary>
public sealed record OpenDataScope(GeoBox? Box, string? AreaId)
{
    public static OpenDataScope All { get; } = new(null, null);

    /// <summary>The scope as part of a cache key.</summary>
    public string Key => Box is { } b
        ? string.Create(CultureInfo.InvariantCulture, $"bbox={b.MinLongitude:R},{b.MinLatitude:R},{b.MaxLongitude:R},{b.MaxLatitude:R}")
        : AreaId is { } area ? "area=" + area : "all";
}
