using System.Net;
using System.Text.Json;
using UrbanTwin.Contracts;
using UrbanTwin.TestSupport;

namespace UrbanTwin.TwinApi.Tests.OpenData;

/// <summary>Reading the open data, and the fleet steps its tests take first (register, wait for the twin).</summary>
internal static class OpenDataRequests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<OpenDataAnswer> GetOpenAsync(this HttpClient client, string path, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        using var response = await client.SendAsync(request, Token);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        return new OpenDataAnswer(response.StatusCode, headers, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>Registers the asset; returns its device's secret.</summary>
    public static async Task<string> RegisterAsync(this HttpClient admin, AssetBuilder asset) =>
        (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created).GetProperty("device").GetProperty("secret").GetString()!;

    /// <summary>Waits until the asset's twin (as operators see it) satisfies <paramref name="ready"/>.</summary>
    public static async Task WaitForTwinAsync(this HttpClient admin, string assetId, Func<JsonElement, bool> ready) =>
        await Eventually.WaitAsync(() => admin.GetJsonAsync($"/api/assets/{assetId}/twin"), twin => twin.Status == HttpStatusCode.OK && ready(twin.Body), TimeSpan.FromSeconds(20));

    /// <summary>Whether the twin's latest <paramref name="field"/> was taken at <paramref name="takenAt"/>.</summary>
    public static bool HasLatest(this JsonElement twin, string field, DateTimeOffset takenAt) =>
        twin.GetProperty("latest").TryGetProperty(field, out var latest) && latest.GetProperty("at").GetDateTimeOffset() == takenAt;

    public static AssetBuilder Of(DeviceKind kind) => kind switch
    {
        DeviceKind.AirQuality => AssetBuilder.AirQuality(),
        DeviceKind.Footfall => AssetBuilder.Footfall(),
        _ => AssetBuilder.BusPriority(),
    };

    /// <summary>The start of the UTC hour <paramref name="hoursAgo"/> hours before the current one: readings there are recent enough for the hub and whole hours for the CSV.</summary>
    public static DateTimeOffset HourStart(int hoursAgo)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-hoursAgo);
    }

    /// <summary>A time as the open data writes it and the query string takes it (whole seconds).</summary>
    public static string Rfc3339(this DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
