using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// API keys look like <c>ut_&lt;key id&gt;_&lt;secret&gt;</c>: the id (16 hex digits) finds the key's
/// record in one look-up, the secret is 32 random bytes (base64url). The hub keeps only the SHA-256
/// of the whole key: a slow password hash would add nothing for a 256-bit random secret (it cannot
/// be guessed) but would cost every request.
/// </summary>
public static class ApiKeySecrets
{
    public const string Prefix = "ut_";

    /// <summary>Longer presented keys are refused unread (a configured admin key must fit too).</summary>
    public const int MaxLength = 256;

    public const int HashLength = SHA256.HashSizeInBytes;

    private const int KeyIdLength = 16;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdef");

    public static string NewKeyId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));

    public static string NewKey(string keyId) => $"{Prefix}{keyId}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Hashes a key of at most <see cref="MaxLength"/> characters without allocating.</summary>
    public static void Hash(ReadOnlySpan<char> key, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, MaxLength, nameof(key));
        Span<byte> utf8 = stackalloc byte[MaxLength * 3];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        SHA256.HashData(utf8[..length], destination);
    }

    /// <summary>Reads the key id out of <c>ut_&lt;key id&gt;_&lt;secret&gt;</c>; false when the key has another shape.</summary>
    public static bool TryReadKeyId(ReadOnlySpan<char> key, out ReadOnlySpan<char> keyId)
    {
        keyId = default;
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length <= Prefix.Length + KeyIdLength + 1 || key[Prefix.Length + KeyIdLength] != '_')
        {
            return false;
        }

        var id = key.Slice(Prefix.Length, KeyIdLength);
        if (id.ContainsAnyExcept(HexDigits))
        {
            return false;
        }

        keyId = id;
        return true;
    }
}
