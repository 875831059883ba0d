using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UrbanTwin.TwinApi.Json;

/// <summary>
/// The API's JSON conventions: camelCase names, enums as kebab-case strings (<c>air-quality</c>),
/// no nulls; text as UTF-8, unescaped (<c>µg/m³</c>, <c>King's Cross</c>, not <c>\u00B5g/m\u00B3</c>,
/// <c>King\u0027s Cross</c>); and bodies read strictly: a key given twice is refused (as in devices' payloads), so
/// that no reader of a body can take another value from it than the API did.
/// </summary>
public static class ApiJson
{
    /// <summary>For the bodies read as documents (GeoJSON searches and imports): any key given twice is refused.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// Escapes only what JSON requires (quotes, backslashes, control characters) and characters
    /// outside the Basic Multilingual Plane. The default encoder also escapes non-ASCII and
    /// HTML-sensitive characters so that JSON can be pasted into HTML; the API's answers are
    /// <c>application/json</c> (or GeoJSON, CSV, event streams), never embedded in a page by it,
    /// and escaped units and place names were unreadable to the people and tools reading them.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>For the answers the API writes with its own <see cref="Utf8JsonWriter"/> (GeoJSON, listings, open data, live events).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder };

    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Encoder = Encoder;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;
        options.AllowDuplicateProperties = false;
    }
}
