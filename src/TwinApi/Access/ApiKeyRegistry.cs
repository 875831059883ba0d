using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace UrbanTwin.TwinApi.Access;

/// <summary>Checks a presented API key against the keys the hub knows, by hash, in constant time.</summary>
public sealed class ApiKeyRegistry(IOptions<AuthOptions> options)
{
    public const string BootstrapAdminId = "admin";

    private readonly byte[]? _adminHash = options.Value.AdminKey is { Length: > 0 } key ? Hash(key) : null;

    public ValueTask<ApiKeyIdentity?> ValidateAsync(string presented)
    {
        if (_adminHash is not null && CryptographicOperations.FixedTimeEquals(Hash(presented), _adminHash))
        {
            return ValueTask.FromResult<ApiKeyIdentity?>(new ApiKeyIdentity(BootstrapAdminId, "configured admin key", AccessRoles.Admin, null));
        }

        return ValueTask.FromResult<ApiKeyIdentity?>(null);
    }

    internal static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
