using System.Text.Json;
using System.Text.RegularExpressions;

namespace UrbanTwin.TwinApi.Json;

/// <summary>
/// What is wrong with a JSON request body, from the <see cref="JsonException"/> reading it threw:
/// what and where (the JSON path, line and byte), without the .NET type names the serializer puts
/// in its messages. A key given twice is named as such.
/// </summary>
public static partial class JsonBodyError
{
    public static string Describe(JsonException error)
    {
        if (Duplicate().Match(error.Message) is { Success: true } duplicate)
        {
            // Dictionaries' duplicates ("Duplicate properties not allowed …") are named only by the path.
            var name = duplicate.Groups["name"].Success ? duplicate.Groups["name"].Value : LastKey(error.Path);
            var where = string.IsNullOrEmpty(error.Path) ? "" : $" (Path: {error.Path})";
            return $"the body has the key '{name}' more than once{where}: send each key once";
        }

        var message = QuotedType().Replace(ConvertedTo().Replace(error.Message, "converted to the type expected there"), "");
        return "the body is not valid JSON for this request: " + message;
    }

    /// <summary>The last key of a JSON path: <c>$.metadata.mount</c> and <c>$.metadata['a.b']</c> end in <c>mount</c> and <c>a.b</c>.</summary>
    private static string LastKey(string? path) =>
        path is null ? "" : path.EndsWith("']", StringComparison.Ordinal) ? path[(path.LastIndexOf("['", StringComparison.Ordinal) + 2)..^2] : path[(path.LastIndexOf('.') + 1)..];

    [GeneratedRegex("^Duplicate propert(?:y '(?<name>[^']*)'|ies)", RegexOptions.CultureInvariant)]
    private static partial Regex Duplicate();

    /// <summary>"The JSON value could not be converted to UrbanTwin.TwinApi.Assets.AssetLocation. Path: …"</summary>
    [GeneratedRegex(@"converted to [A-Za-z_][\w.`\[\],]*(?=\. )", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    /// <summary>"JSON deserialization for type 'ApiKeyRequest' was missing required properties …"</summary>
    [GeneratedRegex(" (?:for|of) type '[^']+'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedType();
}
