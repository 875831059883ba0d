using UrbanTwin.Grains.Abstractions.DigitalTwins;

namespace UrbanTwin.Grains.DigitalTwins;

/// <summary>
/// The uploaded DTDL models. Uploads are rare and small (at most a few thousand models), so the
/// whole list is written with every change, before the change is answered.
/// </summary>
public sealed class ModelStoreGrain(
    [PersistentState("models", GrainStorage.Name)] IPersistentState<ModelStoreState> state) : Grain, IModelStoreGrain
{
    public Task<(long Version, IReadOnlyList<StoredModel> Models)> GetAllAsync() =>
        Task.FromResult<(long, IReadOnlyList<StoredModel>)>((state.State.Version, [.. state.State.Models]));

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Version);

    public async Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<StoredModel> models)
    {
        var existing = models.Where(m => state.State.Models.Exists(s => s.Id == m.Id)).Select(m => m.Id).ToList();
        if (existing.Count > 0)
        {
            return existing;
        }

        state.State.Models.AddRange(models);
        await SaveAsync();
        return [];
    }

    public async Task<bool> DecommissionAsync(string id)
    {
        var index = state.State.Models.FindIndex(m => m.Id == id);
        if (index < 0)
        {
            return false;
        }

        state.State.Models[index] = state.State.Models[index] with { Decommissioned = true };
        await SaveAsync();
        return true;
    }

    public async Task<bool> DeleteAsync(string id)
    {
        if (state.State.Models.RemoveAll(m => m.Id == id) == 0)
        {
            return false;
        }

        await SaveAsync();
        return true;
    }

    private Task SaveAsync()
    {
        state.State.Version++;
        return state.WriteStateAsync();
    }
}
