using System.Globalization;
using System.Net;
using System.Text.Json;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>What the map query tests share: spots of their own in London, registering assets, and reading pages.</summary>
internal static class MapQueries
{
    private static int _spots;

    /// <summary>A coordinate as a query string takes it, round-tripping exactly.</summary>
    public static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A spot in north London (Brent to Barking) for one test: spots are 0.02° of longitude and
    /// 0.01° of latitude apart (about 1.4 km × 1.1 km) and each is given once per host, so what a test
    /// puts within 0.005° of its spot is all that a query there finds.
    /// </summary>
    public static (double Lon, double Lat) FreeSpot()
    {
        var n = Interlocked.Increment(ref _spots);
        return (-0.19 + (n % 20 * 0.02), 51.545 + (n / 20 % 2 * 0.01));
    }

    /// <returns>The registered asset's id.</returns>
    public static async Task<string> RegisterAsync(HttpClient admin, AssetBuilder asset) =>
        (await admin.PostAsync("/api/assets", asset.Build())).AssertOk(HttpStatusCode.Created).GetProperty("asset").GetProperty("id").GetString()!;

    /// <summary>The asset ids of a page, in its order.</summary>
    public static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    /// <summary>
    /// Every asset id of a query, following each page's <c>next</c> (a search posts the same body to
    /// it); fails after <paramref name="maxPages"/> pages.
    /// </summary>
    public static async Task<(List<string> Ids, int Pages)> AllAsync(HttpClient client, string url, string? body = null, int maxPages = 50)
    {
        var ids = new List<string>();
        string? next = url;
        var pages = 0;
        while (next is not null)
        {
            Assert.True(++pages <= maxPages, $"more than {maxPages} pages from {url}");
            var page = (body is null ? await client.GetJsonAsync(next) : await client.PostAsync(next, body)).AssertOk();
            ids.AddRange(Ids(page));
            next = page.TryGetProperty("next", out var link) ? link.GetString() : null;
        }

        return (ids, pages);
    }
}
