using UrbanTwin.Grains.Abstractions.Audit;

namespace UrbanTwin.Grains.Audit;

/// <summary>Holds one sealed page of a day's audit log.</summary>
public sealed class AuditPageGrain(
    [PersistentState("audit-page", GrainStorage.Name)] IPersistentState<AuditPageState> state) : Grain, IAuditPageGrain
{
    public Task StoreAsync(IReadOnlyList<AuditEntry> entries)
    {
        state.State.Entries = [.. entries];
        return state.WriteStateAsync();
    }

    public Task<IReadOnlyList<AuditEntry>> GetAsync() => Task.FromResult<IReadOnlyList<AuditEntry>>(state.State.Entries);
}
