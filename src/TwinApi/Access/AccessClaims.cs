using System.Security.Claims;

namespace UrbanTwin.TwinApi.Access;

/// <summary>Reads an authenticated caller's key id, role and area scope from its claims.</summary>
public static class AccessClaims
{
    public const string KeyIdClaim = "urbantwin:key";
    public const string AreaClaim = "urbantwin:area";

    public static ClaimsPrincipal ToPrincipal(this ApiKeyIdentity identity, string scheme)
    {
        var claims = new List<Claim>
        {
            new(KeyIdClaim, identity.KeyId),
            new(ClaimTypes.Name, identity.Name),
            new(ClaimTypes.Role, identity.Role),
        };
        foreach (var area in identity.Areas ?? [])
        {
            claims.Add(new Claim(AreaClaim, area));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The key an authenticated caller speaks for, as its claims say.</summary>
    public static ApiKeyIdentity ToIdentity(this ClaimsPrincipal principal)
    {
        var areas = principal.FindAll(AreaClaim).Select(c => c.Value).ToArray();
        return new ApiKeyIdentity(
            principal.FindFirstValue(KeyIdClaim) ?? throw new InvalidOperationException("the caller has no key"),
            principal.Identity?.Name ?? "",
            principal.FindFirstValue(ClaimTypes.Role) ?? "",
            areas.Length == 0 ? null : areas);
    }

    /// <summary>Who did it, as the audit log records it: <c>key-id (name)</c>, or <c>anonymous</c>.</summary>
    public static string Actor(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(KeyIdClaim) is { } id ? $"{id} ({principal.Identity?.Name})" : "anonymous";

    /// <summary>The areas the caller is limited to, or null when it may see every area.</summary>
    public static IReadOnlySet<string>? AreaScope(this ClaimsPrincipal principal)
    {
        if (principal.IsInRole(AccessRoles.Admin))
        {
            return null;
        }

        HashSet<string>? areas = null;
        foreach (var claim in principal.FindAll(AreaClaim))
        {
            (areas ??= new HashSet<string>(StringComparer.Ordinal)).Add(claim.Value);
        }

        return areas;
    }

    /// <summary>Whether an asset in <paramref name="areaId"/> (null: outside every area) is within the caller's scope.</summary>
    public static bool CanSeeArea(this ClaimsPrincipal principal, string? areaId) =>
        principal.AreaScope() is not { } scope || (areaId is not null && scope.Contains(areaId));
}
