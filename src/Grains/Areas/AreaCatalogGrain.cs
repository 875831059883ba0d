using UrbanTwin.Grains.Abstractions.Areas;

namespace UrbanTwin.Grains.Areas;

/// <summary>Keeps the areas added through the API, in the order they were added.</summary>
public sealed class AreaCatalogGrain(
    [PersistentState("areas", GrainStorage.Name)] IPersistentState<AreaCatalogState> state) : Grain, IAreaCatalogGrain
{
    public async Task<bool> AddAsync(AreaDefinition area)
    {
        foreach (var existing in state.State.Areas)
        {
            if (existing.AreaId == area.AreaId)
            {
                return false;
            }
        }

        state.State.Areas.Add(area);
        state.State.Version++;
        await state.WriteStateAsync();
        return true;
    }

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Version);

    public Task<IReadOnlyList<AreaDefinition>> GetAllAsync() => Task.FromResult<IReadOnlyList<AreaDefinition>>([.. state.State.Areas]);
}
