using UrbanTwin.Contracts;

namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// One map cell (key: its precision-5 <see cref="Geohash"/>): the assets located in it, kept up to
/// date by their twins when they are registered, move, change status or are decommissioned.
/// </summary>
[Alias("ut.ICellGrain")]
public interface ICellGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task UpsertAsync(CellEntry entry);

    [Alias("Remove")]
    Task RemoveAsync(string assetId);

    /// <summary>The cell's assets inside the box (inclusive edges), optionally of one kind.</summary>
    [Alias("Within")]
    Task<IReadOnlyList<CellEntry>> WithinAsync(double minLongitude, double minLatitude, double maxLongitude, double maxLatitude, DeviceKind? kind);
}
