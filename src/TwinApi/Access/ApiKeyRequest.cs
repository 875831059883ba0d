using System.Text.RegularExpressions;

namespace UrbanTwin.TwinApi.Access;

/// <summary>The body of <c>POST /api/keys</c>: a name for people, a role, and for an operator optionally the areas it is limited to.</summary>
public sealed partial record ApiKeyRequest(string? Name, string? Role, IReadOnlyList<string>? Areas)
{
    public const int MaxNameLength = 100;
    public const int MaxAreas = 100;

    /// <summary>An area id: letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, up to 64 characters (an ONS code such as <c>E09000033</c>, or a slug).</summary>

    /// <returns>Why no key can be made from this request, or null when one can.</returns>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            return "name is required";
        }

        if (Name.Trim().Length > MaxNameLength)
        {
            return $"name is longer than {MaxNameLength} characters";
        }

        if (Name.Any(char.IsControl))
        {
            return "name must not contain control characters";
        }

        if (Role is null || !AccessRoles.IsKnown(Role))
        {
            return $"role {(Role is null ? "is required" : $"'{Role}' is unknown")}: '{AccessRoles.Admin}', '{AccessRoles.Operator}' or '{AccessRoles.Monitor}'";
        }

        return Areas is null ? null : ValidateAreas(Areas);
    }

    private string? ValidateAreas(IReadOnlyList<string> areas)
    {
        if (Role == AccessRoles.Admin)
        {
            return "an admin key covers every area: leave areas out";
        }

        if (Role == AccessRoles.Monitor)
        {
            return "a monitor key reads metrics only, which have no areas: leave areas out";
        }

        if (areas.Count is 0 or > MaxAreas)
        {
            return $"areas must list 1 to {MaxAreas} areas, or be left out for every area";
        }

        foreach (var area in areas)
        {
            if (!UrbanTwin.TwinApi.Areas.AreaId.IsValid(area))
            {
                return $"area id '{area}' is not valid: {UrbanTwin.TwinApi.Areas.AreaId.Pattern}";
            }
        }

        return null;
    }
}
