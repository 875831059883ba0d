namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// One map cell (key: its precision-5 <see cref="Geohash"/>): the assets located in it, kept up to
/// date by their twins when they are registered, move, are renamed, change status or are
/// decommissioned. Scans answer one page: their cost grows with the page, not with all matches.
/// </summary>
[Alias("ut.ICellGrain")]
public interface ICellGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces the asset's entry; it must lie in this cell.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(CellEntry entry);

    /// <summary>Adds or replaces many entries at once (imports, benchmarks); each must lie in this cell.</summary>
    [Alias("UpsertMany")]
    Task UpsertManyAsync(IReadOnlyList<CellEntry> entries);

    [Alias("Remove")]
    Task RemoveAsync(string assetId);

    [Alias("ScanById")]
    Task<CellPage> ScanByIdAsync(CellScan scan);

    [Alias("ScanByDistance")]
    Task<CellPage> ScanByDistanceAsync(CellDistanceScan scan);
}
