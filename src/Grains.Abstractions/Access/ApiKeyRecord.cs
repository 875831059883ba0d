namespace UrbanTwin.Grains.Abstractions.Access;

/// <summary>
/// An API key as the key store keeps it: who it speaks for (name, role, areas; null areas: all),
/// the SHA-256 hash of the key (never the key: it is shown once, when issued), and who created
/// and revoked it, when.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.ApiKeyRecord")]
public sealed record ApiKeyRecord(
    string KeyId,
    string Name,
    string Role,
    IReadOnlyList<string>? Areas,
    byte[] Hash,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null)
{
    public bool IsRevoked => RevokedAt is not null;
}
