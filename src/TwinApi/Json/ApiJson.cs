using System.Text.Json;
using System.Text.Json.Serialization;

namespace UrbanTwin.TwinApi.Json;

/// <summary>
/// The API's JSON conventions: camelCase names, enums as kebab-case strings (<c>air-quality</c>),
/// no nulls; and bodies read strictly: a key given twice is refused (as in devices' payloads), so
/// that no reader of a body can take another value from it than the API did.
/// </summary>
public static class ApiJson
{
    /// <summary>For the bodies read as documents (GeoJSON searches and imports): any key given twice is refused.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;
        options.AllowDuplicateProperties = false;
    }
}
