using System.Security.Claims;
using UrbanTwin.TwinApi.Access;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>
/// What a caller may see of the twin graph: the twins whose area (<c>areaCode</c>) is among its
/// key's areas, or every twin (admin keys and keys without areas). A twin in no area is seen only
/// by unscoped keys, as an asset outside every area is. A relationship is seen only when both
/// its twins are.
/// </summary>
public sealed class TwinScope(IReadOnlySet<string>? areas)
{
    public static readonly TwinScope Everything = new(null);

    public static TwinScope Of(ClaimsPrincipal user) => user.AreaScope() is { } areas ? new TwinScope(areas) : Everything;

    public bool IsLimited => areas is not null;

    public bool CanSee(string? areaCode) => areas is null || (areaCode is not null && areas.Contains(areaCode));
}
