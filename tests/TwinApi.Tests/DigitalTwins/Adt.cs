using System.Net;
using System.Text;
using System.Text.Json;

namespace UrbanTwin.TwinApi.Tests.DigitalTwins;

/// <summary>Calls the twin API as its clients do (an api-version on every request) and reads its answers.</summary>
internal static class Adt
{
    public const string Version = "2022-05-31";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<AdtAnswer> AdtAsync(this HttpClient client, HttpMethod method, string path, string? body = null, IReadOnlyDictionary<string, string>? headers = null, string? version = Version)
    {
        var target = version is null ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "api-version=" + version;
        using var request = new HttpRequestMessage(method, new Uri(target.TrimStart('/'), UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, method == HttpMethod.Patch ? "application/json-patch+json" : "application/json");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, Token);
        var raw = await response.Content.ReadAsStringAsync(Token);
        var json = raw.Length == 0 ? default : JsonDocument.Parse(raw).RootElement.Clone();
        var etag = response.Headers.TryGetValues("ETag", out var etags) ? etags.First() : null;
        return new AdtAnswer(response.StatusCode, json, etag, raw);
    }

    public static Task<AdtAnswer> AdtGetAsync(this HttpClient client, string path) => client.AdtAsync(HttpMethod.Get, path);

    public static Task<AdtAnswer> AdtPutAsync(this HttpClient client, string path, string body, IReadOnlyDictionary<string, string>? headers = null) => client.AdtAsync(HttpMethod.Put, path, body, headers);

    public static Task<AdtAnswer> AdtPatchAsync(this HttpClient client, string path, string body, IReadOnlyDictionary<string, string>? headers = null) => client.AdtAsync(HttpMethod.Patch, path, body, headers);

    public static Task<AdtAnswer> AdtDeleteAsync(this HttpClient client, string path, IReadOnlyDictionary<string, string>? headers = null) => client.AdtAsync(HttpMethod.Delete, path, null, headers);

    public static Task<AdtAnswer> QueryAsync(this HttpClient client, string query, int? pageSize = null) =>
        client.AdtAsync(HttpMethod.Post, "/query", JsonSerializer.Serialize(new { query }), pageSize is { } size ? new Dictionary<string, string> { ["max-items-per-page"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null);

    /// <summary>Every row of a query, following its continuation tokens.</summary>
    public static async Task<List<JsonElement>> QueryAllAsync(this HttpClient client, string query, int? pageSize = null)
    {
        var rows = new List<JsonElement>();
        var answer = (await client.QueryAsync(query, pageSize)).Ok();
        while (true)
        {
            rows.AddRange(answer.GetProperty("value").EnumerateArray());
            if (answer.GetProperty("continuationToken").GetString() is not { Length: > 0 } token)
            {
                return rows;
            }

            answer = (await client.AdtAsync(HttpMethod.Post, "/query", JsonSerializer.Serialize(new { continuationToken = token }))).Ok();
        }
    }

    /// <summary>A twin of <paramref name="model"/> as JSON, with its properties.</summary>
    public static string Twin(string model, string properties = "") =>
        $$"""{"$metadata":{"$model":"{{model}}"}{{(properties.Length > 0 ? "," + properties : "")}}}""";
}

/// <summary>An answer of the twin API: status, body, ETag header and the raw text.</summary>
internal sealed record AdtAnswer(HttpStatusCode Status, JsonElement Body, string? ETag, string Raw)
{
    public JsonElement Ok(HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Raw}");
        return Body;
    }

    /// <summary>Asserts the twin API's error shape with this status and code; returns the message.</summary>
    public string Error(HttpStatusCode status, string code)
    {
        Assert.True(Status == status, $"expected {(int)status} {code}, got {(int)Status}: {Raw}");
        var error = Body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }
}
