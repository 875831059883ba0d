namespace UrbanTwin.TimeSeries.Series;

/// <summary>
/// One asset's window of a multi-field query: the asset, the area its readings were tagged with
/// (null: none), the window's start (epoch ms) and one aggregate per requested field, in the
/// request's order (null: no value of that field in the window).
/// </summary>
public sealed record AssetWindow(string AssetId, string? AreaId, long StartMs, IReadOnlyList<double?> Values)
{
    /// <summary>The order both stores answer in: asset id, then area (none first), then time; ordinal.</summary>
    public static Comparison<AssetWindow> Order { get; } = (a, b) =>
    {
        var byAsset = string.CompareOrdinal(a.AssetId, b.AssetId);
        if (byAsset != 0)
        {
            return byAsset;
        }

        var byArea = string.CompareOrdinal(a.AreaId, b.AreaId);
        return byArea != 0 ? byArea : a.StartMs.CompareTo(b.StartMs);
    };
}
