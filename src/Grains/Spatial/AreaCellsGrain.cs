using UrbanTwin.Grains.Abstractions.Spatial;

namespace UrbanTwin.Grains.Spatial;

/// <summary>The cells listing an area's assets; changes are rare (an area's first or last asset in a cell) and written at once.</summary>
public sealed class AreaCellsGrain(
    [PersistentState("area-cells", GrainStorage.Name)] IPersistentState<AreaCellsState> state) : Grain, IAreaCellsGrain
{
    public async Task AddCellAsync(string cell)
    {
        if (state.State.Cells.Add(cell))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveCellAsync(string cell)
    {
        if (state.State.Cells.Remove(cell))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> GetCellsAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Cells.ToArray());
}
