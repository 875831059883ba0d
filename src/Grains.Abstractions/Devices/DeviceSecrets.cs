using System.Security.Cryptography;
using System.Text;

namespace UrbanTwin.Grains.Abstractions.Devices;

/// <summary>
/// Device secrets: 32 random bytes shown once (base64url), stored only as HMAC-SHA256 under a
/// per-device random salt, compared in constant time. A slow password hash would add nothing for
/// a 256-bit random secret (it cannot be guessed) but would cost every device connect. For an
/// external mosquitto the same secret is also kept in mosquitto's own salted format
/// (<see cref="MosquittoHash"/>, by <see cref="DeviceProvisioner"/> in external mode), so its
/// password file can be generated without the secret.
/// </summary>
public static class DeviceSecrets
{
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static (byte[] Salt, byte[] Hash) Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return (salt, HashWith(salt, secret));
    }

    public static bool Verify(string? secret, byte[] salt, byte[] hash) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(HashWith(salt, secret), hash);

    /// <summary>
    /// mosquitto 2's password-file hash: <c>$7$101$base64(salt)$base64(PBKDF2-HMAC-SHA512)</c> with a
    /// 12-byte random salt and 101 iterations, as <c>mosquitto_passwd</c> writes it.
    /// </summary>
    public static string MosquittoHash(string secret)
    {
        const int Iterations = 101;
        var salt = RandomNumberGenerator.GetBytes(12);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Iterations, HashAlgorithmName.SHA512, 64);
        return $"$7${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    private static byte[] HashWith(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
