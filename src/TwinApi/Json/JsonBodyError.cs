using System.Text.Json;
using System.Text.RegularExpressions;

namespace UrbanTwin.TwinApi.Json;

/// <summary>
/// What is wrong with a JSON request body, from the <see cref="JsonException"/> reading it threw:
/// what and where (the JSON path, line and byte), without the .NET type names the serializer puts
/// in its messages.
/// </summary>
public static partial class JsonBodyError
{
    public static string Describe(JsonException error)
    {
        var message = QuotedType().Replace(ConvertedTo().Replace(error.Message, "converted to the type expected there"), "");
        return "the body is not valid JSON for this request: " + message;
    }

    /// <summary>"The JSON value could not be converted to UrbanTwin.TwinApi.Assets.AssetLocation. Path: …"</summary>
    [GeneratedRegex(@"converted to [A-Za-z_][\w.`\[\],]*(?=\. )", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    /// <summary>"JSON deserialization for type 'ApiKeyRequest' was missing required properties …"</summary>
    [GeneratedRegex(" (?:for|of) type '[^']+'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedType();
}
