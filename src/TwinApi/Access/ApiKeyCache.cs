using System.Collections.Frozen;
using UrbanTwin.Grains.Abstractions.Access;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// A node's read-only copy of the key store at one version, for validation without a grain call:
/// each key's hash, whether it is revoked, and the identity it speaks for, looked up by key id
/// straight from the presented key's characters.
/// </summary>
internal sealed class ApiKeyCache
{
    private readonly FrozenDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _byId;

    private ApiKeyCache(long version, FrozenDictionary<string, Entry> byId)
    {
        Version = version;
        _byId = byId.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public long Version { get; }

    public static ApiKeyCache From(ApiKeySnapshot snapshot) =>
        new(snapshot.Version, snapshot.Keys.ToFrozenDictionary(
            k => k.KeyId,
            k => new Entry(k.Hash, k.IsRevoked, new ApiKeyIdentity(k.KeyId, k.Name, k.Role, k.Areas)),
            StringComparer.Ordinal));

    public Entry? Find(ReadOnlySpan<char> keyId) => _byId.TryGetValue(keyId, out var entry) ? entry : null;

    internal sealed record Entry(byte[] Hash, bool Revoked, ApiKeyIdentity Identity);
}
