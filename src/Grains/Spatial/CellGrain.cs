using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Spatial;

/// <summary>
/// The assets of one map cell, for map queries. Updates change the cell in memory and are written
/// behind (<see cref="WriteBehind"/>): at most every <see cref="WriteBehind.DelayFor"/> the cell's
/// size (a second for a small cell), again after a write that fails, and when the cell deactivates,
/// never once per update; a crash may lose the last seconds, which the twins (the source of truth)
/// list again when they next activate. A write stores a copy of the entries, and scans and updates
/// go on while it is in flight (the timer interleaves): nobody waits for the disk, and what changes
/// meanwhile waits for the next write. The cell tells each area's
/// <see cref="IAreaCellsGrain"/> when it gains the area's first asset or loses its last, and
/// repeats what it lists on activation so the area index heals after a lost write.
/// </summary>
public sealed class CellGrain(
    [PersistentState("cell", GrainStorage.Name)] IPersistentState<CellState> state) : Grain, ICellGrain
{
    private CellIndex _index = null!;
    private CellPolygon? _polygon;
    private WriteBehind _writes = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _index = new CellIndex(state.State.Assets);
        _writes = WriteBehind.ForGrain(this, WriteAsync, () => WriteBehind.DelayFor(_index.Count), interleave: true);
        var cell = this.GetPrimaryKeyString();
        await Task.WhenAll(_index.Areas.Select(area => GrainFactory.GetGrain<IAreaCellsGrain>(area).AddCellAsync(cell)));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _writes.FlushAsync(cancellationToken);

    public Task UpsertAsync(CellEntry entry)
    {
        CheckInCell(entry);
        return ApplyAsync(_index.Upsert(entry));
    }

    public async Task UpsertManyAsync(IReadOnlyList<CellEntry> entries)
    {
        foreach (var entry in entries)
        {
            CheckInCell(entry);
        }

        foreach (var entry in entries)
        {
            await ApplyAsync(_index.Upsert(entry));
        }
    }

    public Task RemoveAsync(string assetId) => ApplyAsync(_index.Remove(assetId));

    public Task<CellPage> ScanByIdAsync(CellScan scan)
    {
        var polygon = scan.Polygon is { } wkb ? PolygonOf(wkb) : null;
        return Task.FromResult(_index.ScanById(scan.Box, polygon, scan.Filter, scan.AfterId, scan.Limit));
    }

    public Task<CellPage> ScanByDistanceAsync(CellDistanceScan scan) =>
        Task.FromResult(_index.ScanByDistance(scan.Longitude, scan.Latitude, scan.MaxDistanceMetres, scan.Filter, scan.AfterDistanceMetres, scan.AfterId, scan.Limit));

    private void CheckInCell(CellEntry entry)
    {
        if (Geohash.Encode(entry.Longitude, entry.Latitude) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"asset {entry.AssetId} lies in cell {Geohash.Encode(entry.Longitude, entry.Latitude)}, not {this.GetPrimaryKeyString()}", nameof(entry));
        }
    }

    private async Task ApplyAsync(CellChange change)
    {
        if (!change.Changed)
        {
            return;
        }

        var cell = this.GetPrimaryKeyString();
        if (change.AreaRemoved is { } removed)
        {
            await GrainFactory.GetGrain<IAreaCellsGrain>(removed).RemoveCellAsync(cell);
        }

        if (change.AreaAdded is { } added)
        {
            await GrainFactory.GetGrain<IAreaCellsGrain>(added).AddCellAsync(cell);
        }

        _writes.Changed();
    }

    /// <summary>Stores a copy of the entries as they are now.</summary>
    private Task WriteAsync(CancellationToken cancellationToken)
    {
        state.State = new CellState { Assets = _index.Snapshot() };
        return state.WriteStateAsync(cancellationToken);
    }

    /// <summary>The query polygon, read once for the pages of one query (the same bytes come again).</summary>
    private CellPolygon PolygonOf(byte[] wkb) =>
        _polygon is { } last && last.Wkb.AsSpan().SequenceEqual(wkb) ? last : _polygon = new CellPolygon(wkb);
}
