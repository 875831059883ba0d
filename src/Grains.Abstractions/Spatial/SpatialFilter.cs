using UrbanTwin.Contracts;

namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// What a map query keeps besides place: one kind, one <see cref="AssetStatus"/> (ok, alert or
/// offline), and the areas the caller may see (null: every asset, including those in no area;
/// otherwise only assets whose area is listed). Null means "any".
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.SpatialFilter")]
public sealed record SpatialFilter(DeviceKind? Kind = null, string? Status = null, IReadOnlyCollection<string>? Areas = null)
{
    /// <summary>Every asset.</summary>
    public static SpatialFilter None { get; } = new();
}
