using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using UrbanTwin.Contracts;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>Small helpers for calling the API and reading its answers.</summary>
internal static class Api
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(this HttpClient client, HttpMethod method, string path, object? body = null, string? mediaType = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (body is string text)
        {
            request.Content = new StringContent(text, Encoding.UTF8, mediaType ?? "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request, Token);
        var raw = await response.Content.ReadAsStringAsync(Token);
        var json = raw.Length == 0 ? default : JsonDocument.Parse(raw).RootElement.Clone();
        return (response.StatusCode, json);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string path) => client.SendAsync(HttpMethod.Get, path);

    public static Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(this HttpClient client, string path, object body, string? mediaType = null) => client.SendAsync(HttpMethod.Post, path, body, mediaType);

    /// <summary>Asserts a problem-details answer with the given status and type slug; returns its detail.</summary>
    public static string AssertProblem(this (HttpStatusCode Status, JsonElement Body) answer, HttpStatusCode status, string slug)
    {
        Assert.True(answer.Status == status, $"expected {(int)status}, got {(int)answer.Status}: {answer.Body}");
        return ProblemAssert.IsComplete(answer.Body, status, slug);
    }

    public static JsonElement AssertOk(this (HttpStatusCode Status, JsonElement Body) answer, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.True(answer.Status == status, $"expected {(int)status}, got {(int)answer.Status}: {answer.Body}");
        return answer.Body;
    }
}

/// <summary>Builds asset requests at real London places.</summary>
internal sealed class AssetBuilder
{
    private static int _next;
    private readonly JsonObject _json;

    private AssetBuilder(DeviceKind kind, string prefix)
    {
        Kind = kind;
        Id = $"{prefix}-{Interlocked.Increment(ref _next):D4}-{Guid.NewGuid():N}"[..28];
        _json = new JsonObject { ["id"] = Id, ["kind"] = kind.ToSegment(), ["name"] = "British Museum forecourt", ["location"] = Location(Places.BritishMuseum) };
    }

    public string Id { get; }

    public DeviceKind Kind { get; }

    public static AssetBuilder AirQuality() => new(DeviceKind.AirQuality, "aq");

    public static AssetBuilder Footfall() => new(DeviceKind.Footfall, "ff");

    public static AssetBuilder BusPriority() => new(DeviceKind.BusPriority, "bp");

    public AssetBuilder At((double Lon, double Lat) place)
    {
        _json["location"] = Location(place);
        return this;
    }

    public AssetBuilder Named(string name)
    {
        _json["name"] = name;
        return this;
    }

    public AssetBuilder With(string property, JsonNode? value)
    {
        _json[property] = value;
        return this;
    }

    public JsonObject Build() => (JsonObject)_json.DeepClone();

    public override string ToString() => _json.ToJsonString();

    private static JsonObject Location((double Lon, double Lat) place) => new() { ["lon"] = place.Lon, ["lat"] = place.Lat };
}

/// <summary>Places whose borough is known (checked facts of the shared data set).</summary>
internal static class Places
{
    public const string Camden = "E09000007";
    public const string Westminster = "E09000033";
    public const string Hillingdon = "E09000017";

    public static readonly (double Lon, double Lat) BritishMuseum = (-0.1270, 51.5194);
    public static readonly (double Lon, double Lat) PalaceOfWestminster = (-0.1246, 51.5007);
    public static readonly (double Lon, double Lat) Heathrow = (-0.4543, 51.4700);

    /// <summary>Null Island: outside every London area.</summary>
    public static readonly (double Lon, double Lat) Nowhere = (0.0, 0.0);
}
