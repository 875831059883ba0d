using System.Text.RegularExpressions;

namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>
/// Digital Twin Model Identifiers (DTDL v3): <c>dtmi:</c>, segments of letters, digits and
/// underscores (not starting with a digit, not ending with an underscore) separated by colons,
/// then an optional <c>;version</c> (1 to 9 digits, optionally <c>.minor</c>). Segments starting with
/// an underscore are the system's, and <c>dtmi:dtdl:</c> and <c>dtmi:standard:</c> are reserved.
/// </summary>
public static partial class Dtmi
{
    /// <summary>The longest <c>@id</c> an Interface may have.</summary>
    public const int MaxInterfaceIdLength = 128;

    /// <summary>The longest DTMI anywhere else.</summary>
    public const int MaxLength = 2048;

    public static bool IsValid(string? value, int maxLength = MaxLength) =>
        value is { Length: > 0 } && value.Length <= maxLength && Pattern().IsMatch(value)
        && !value.StartsWith("dtmi:dtdl:", StringComparison.Ordinal) && !value.StartsWith("dtmi:standard:", StringComparison.Ordinal);

    [GeneratedRegex(@"^dtmi:[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?(?::[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?)*(?:;[1-9][0-9]{0,8}(?:\.[1-9][0-9]{0,5})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
