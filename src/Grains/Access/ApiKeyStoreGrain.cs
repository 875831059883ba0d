using UrbanTwin.Grains.Abstractions.Access;

namespace UrbanTwin.Grains.Access;

/// <summary>
/// Keeps the API keys (hashed) and a version that grows with every change. A failed write
/// deactivates the grain, so its next activation starts again from what storage holds rather than
/// from a change that was never stored.
/// </summary>
public sealed class ApiKeyStoreGrain(
    [PersistentState("api-keys", GrainStorage.Name)] IPersistentState<ApiKeyStoreState> state) : Grain, IApiKeyStoreGrain
{
    public async Task<bool> AddAsync(ApiKeyRecord record)
    {
        if (!state.State.Keys.TryAdd(record.KeyId, record))
        {
            return false;
        }

        await CommitAsync();
        return true;
    }

    public async Task<bool> BootstrapAdminAsync(ApiKeyRecord record)
    {
        if (state.State.AdminBootstrapped || !state.State.Keys.TryAdd(record.KeyId, record))
        {
            return false;
        }

        state.State.AdminBootstrapped = true;
        await CommitAsync();
        return true;
    }

    public async Task<ApiKeyRecord?> RevokeAsync(string keyId, DateTimeOffset at, string by)
    {
        if (!state.State.Keys.TryGetValue(keyId, out var key) || key.IsRevoked)
        {
            return key;
        }

        var revoked = key with { RevokedAt = at, RevokedBy = by };
        state.State.Keys[keyId] = revoked;
        await CommitAsync();
        return revoked;
    }

    public Task<ApiKeyRecord?> GetAsync(string keyId) => Task.FromResult(state.State.Keys.GetValueOrDefault(keyId));

    public Task<long> GetVersionAsync() => Task.FromResult(state.State.Version);

    public Task<ApiKeySnapshot> GetSnapshotAsync() =>
        Task.FromResult(new ApiKeySnapshot(
            state.State.Version,
            [.. state.State.Keys.Values.OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal)]));

    private async Task CommitAsync()
    {
        state.State.Version++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
