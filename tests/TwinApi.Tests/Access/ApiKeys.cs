using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace UrbanTwin.TwinApi.Tests.Access;

/// <summary>Builds <c>POST /api/keys</c> bodies and issues keys through the API, as an admin would.</summary>
internal static class ApiKeys
{
    public static readonly Uri Keys = new("api/keys", UriKind.Relative);

    public static JsonContent Request(string? name = "test key", string? role = "operator", string?[]? areas = null) =>
        JsonContent.Create(new { name, role, areas });

    public static Uri Key(string id) => new($"api/keys/{id}", UriKind.Relative);

    public static async Task<IssuedKey> IssueAsync(HttpClient admin, string role, string[]? areas = null, string name = "test key")
    {
        using var response = await admin.PostAsync(Keys, Request(name, role, areas), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/keys: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return new IssuedKey(json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("key").GetString()!);
    }

    public static async Task<HttpStatusCode> RevokeAsync(HttpClient admin, string id)
    {
        using var response = await admin.DeleteAsync(Key(id), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
