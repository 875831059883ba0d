namespace UrbanTwin.Grains.Abstractions.Access;

/// <summary>
/// The hub's API keys (one grain, key <see cref="Key"/>), hashed. Nodes keep a copy to validate
/// requests without a grain call and poll <see cref="GetVersionAsync"/> to learn of changes.
/// </summary>
[Alias("ut.IApiKeyStoreGrain")]
public interface IApiKeyStoreGrain : IGrainWithStringKey
{
    public const string Key = "city";

    /// <returns>False when a key with the same id exists: nothing changed.</returns>
    [Alias("Add")]
    Task<bool> AddAsync(ApiKeyRecord record);

    /// <summary>Adds the first admin key, once in the store's life: later calls, from any node, change nothing.</summary>
    /// <returns>Whether <paramref name="record"/> was added.</returns>
    [Alias("BootstrapAdmin")]
    Task<bool> BootstrapAdminAsync(ApiKeyRecord record);

    /// <summary>Revokes a key for good; revoking it again keeps the first revocation.</summary>
    /// <returns>The key as it now stands, or null when there is no such key.</returns>
    [Alias("Revoke")]
    Task<ApiKeyRecord?> RevokeAsync(string keyId, DateTimeOffset at, string by);

    [Alias("Get")]
    Task<ApiKeyRecord?> GetAsync(string keyId);

    [Alias("Version")]
    Task<long> GetVersionAsync();

    [Alias("Snapshot")]
    Task<ApiKeySnapshot> GetSnapshotAsync();
}
