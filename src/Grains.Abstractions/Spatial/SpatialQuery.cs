using UrbanTwin.Contracts;

namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>Finds the assets in a box by asking every cell grain that covers it, in parallel.</summary>
public sealed class SpatialQuery(IGrainFactory grains)
{
    public async Task<IReadOnlyList<CellEntry>> WithinAsync(double minLongitude, double minLatitude, double maxLongitude, double maxLatitude, DeviceKind? kind = null)
    {
        var cells = Geohash.CoveringCells(minLongitude, minLatitude, maxLongitude, maxLatitude);
        var parts = await Task.WhenAll(cells.Select(cell => grains.GetGrain<ICellGrain>(cell).WithinAsync(minLongitude, minLatitude, maxLongitude, maxLatitude, kind)));
        return [.. parts.SelectMany(part => part).OrderBy(entry => entry.AssetId, StringComparer.Ordinal)];
    }
}
