using UrbanTwin.Grains.Abstractions.Access;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// An API key as the API shows it: never its hash, and the key itself only in the answer to its
/// creation. No <see cref="Areas"/>: every area.
/// </summary>
public sealed record ApiKeyView(
    string Id,
    string Name,
    string Role,
    IReadOnlyList<string>? Areas,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    bool Revoked,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    string? Key)
{
    public static ApiKeyView From(ApiKeyRecord record, string? key = null) =>
        new(record.KeyId, record.Name, record.Role, record.Areas, record.CreatedAt, record.CreatedBy, record.IsRevoked, record.RevokedAt, record.RevokedBy, key);
}
