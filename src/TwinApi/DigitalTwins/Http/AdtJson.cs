using System.Globalization;
using System.Text.Json;
using UrbanTwin.TwinApi.Json;

namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>The wire conventions of the twin API: media types and timestamps as Azure Digital Twins writes them.</summary>
public static class AdtJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public const string JsonPatchContentType = "application/json-patch+json";

    /// <summary>How twins, relationships and models are written as text: escaped only where JSON requires (see <see cref="ApiJson.Encoder"/>).</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = ApiJson.Encoder };

    /// <summary>A UTC time with seven fractional digits and a Z, as the service writes <c>$lastUpdateTime</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string Time(long unixMilliseconds) => Time(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds));

    /// <summary>A new weak ETag: <c>W/"uuid"</c>.</summary>
    public static string NewETag() => $"W/\"{Guid.NewGuid():D}\"";
}
