using System.Net;
using System.Text.Json;
using UrbanTwin.TestSupport;

namespace UrbanTwin.Simulator.Tests.Hosting;

/// <summary>Reads twins through the HTTP API and waits for them to come alive.</summary>
internal static class Twins
{
    public static async Task<JsonElement?> GetAsync(HttpClient client, string assetId)
    {
        using var response = await client.GetAsync(new Uri($"api/assets/{assetId}/twin", UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone()
            : null;
    }

    /// <summary>Online, with at least one reading newer than <paramref name="after"/>.</summary>
    public static bool IsAlive(JsonElement? twin, DateTimeOffset after) =>
        twin is { } t
        && t.GetProperty("online").GetBoolean()
        && t.GetProperty("latest").EnumerateObject().Any()
        && t.TryGetProperty("lastSeen", out var seen) && seen.GetDateTimeOffset() > after;

    public static Task<JsonElement?> AwaitAliveAsync(HttpClient client, string assetId, DateTimeOffset after, TimeSpan timeout) =>
        Eventually.WaitAsync(() => GetAsync(client, assetId), twin => IsAlive(twin, after), timeout);
}
