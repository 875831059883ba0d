using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Spatial;

/// <summary>The assets of one map cell; written when one is added, moves, changes status or leaves.</summary>
public sealed class CellGrain(
    [PersistentState("cell", GrainStorage.Name)] IPersistentState<CellState> state) : Grain, ICellGrain
{
    public async Task UpsertAsync(CellEntry entry)
    {
        if (state.State.Assets.TryGetValue(entry.AssetId, out var existing) && existing == entry)
        {
            return;
        }

        state.State.Assets[entry.AssetId] = entry;
        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(string assetId)
    {
        if (state.State.Assets.Remove(assetId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<CellEntry>> WithinAsync(double minLongitude, double minLatitude, double maxLongitude, double maxLatitude, DeviceKind? kind)
    {
        var crossesAntimeridian = minLongitude > maxLongitude;
        var result = new List<CellEntry>();
        foreach (var entry in state.State.Assets.Values)
        {
            var inLongitude = crossesAntimeridian
                ? entry.Longitude >= minLongitude || entry.Longitude <= maxLongitude
                : entry.Longitude >= minLongitude && entry.Longitude <= maxLongitude;
            if (inLongitude && entry.Latitude >= minLatitude && entry.Latitude <= maxLatitude && (kind is null || entry.Kind == kind))
            {
                result.Add(entry);
            }
        }

        return Task.FromResult<IReadOnlyList<CellEntry>>(result);
    }
}
