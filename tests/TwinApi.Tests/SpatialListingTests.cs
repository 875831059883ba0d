using UrbanTwin.TestSupport;
using System.Net;
using System.Text.Json;
using static UrbanTwin.TwinApi.Tests.MapQueries;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>What a map query answers, as docs/api.md shows it: the page's shape, its order, and which assets are on the map.</summary>
[Collection(HostDefinition.Name)]
public sealed class SpatialListingTests(HostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_gives_each_assets_place_area_and_status_and_near_a_point_its_distance_to_the_millimetre()
    {
        using var admin = fixture.Admin();
        var spot = FreeSpot();
        await RegisterAsync(admin, AssetBuilder.AirQuality().At((spot.Lon, spot.Lat + 0.0009)));

        using var box = await GetAsync(admin, $"api/assets?bbox={F(spot.Lon - 0.001)},{F(spot.Lat - 0.001)},{F(spot.Lon + 0.001)},{F(spot.Lat + 0.001)}", null);
        using var near = await GetAsync(admin, $"api/assets?near={F(spot.Lon)},{F(spot.Lat)}&radius=150", null);

        Assert.Equal("application/json", box.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", box.Response.Headers.Vary);
        Assert.Equal(["items"], Names(box.Json));
        var item = Assert.Single(box.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(["id", "kind", "name", "location", "area", "status"], Names(item));
        Assert.Equal(["lon", "lat"], Names(item.GetProperty("location")));
        var nearItem = Assert.Single(near.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(["id", "kind", "name", "location", "area", "status", "distanceMetres"], Names(nearItem));

        // 0.0009° of latitude on the mean sphere is 100.0756… m.
        Assert.Equal(100.076, nearItem.GetProperty("distanceMetres").GetDouble());
    }

    [Fact]
    public async Task An_air_quality_station_is_listed_with_its_daqi_band_once_it_has_an_index_and_the_band_follows_its_readings()
    {
        using var admin = fixture.Admin();
        var spot = FreeSpot();
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(spot));
        var counter = await RegisterAsync(admin, AssetBuilder.Footfall().At((spot.Lon + 0.0001, spot.Lat)));
        var bbox = $"{F(spot.Lon - 0.001)},{F(spot.Lat - 0.001)},{F(spot.Lon + 0.001)},{F(spot.Lat + 0.001)}";
        async Task<JsonElement> ListAsync() => (await admin.GetJsonAsync($"api/assets?bbox={bbox}")).AssertOk();
        async Task<JsonElement> FeaturesAsync()
        {
            using var page = await GetAsync(admin, $"api/assets?bbox={bbox}", "application/geo+json");
            return page.Json.Clone();
        }

        static string? BandOf(JsonElement page, string collection, string id) =>
            page.GetProperty(collection).EnumerateArray()
                .Select(i => collection == "features" ? i.GetProperty("properties") : i)
                .Single(i => i.GetProperty("id").GetString() == id)
                .TryGetProperty("band", out var band) ? band.GetString() : null;

        var unindexed = await ListAsync();
        // Both readings in one hour, so that the band is of their mean.
        var now = DateTimeOffset.UtcNow;
        var first = new[] { now.AddSeconds(-5), new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero) }.Max();
        await station.SendAsync(first, "\"no2\":300");
        var moderate = await Eventually.WaitAsync(ListAsync, page => BandOf(page, "items", station.Id) is not null, Patience);
        // The band is of the hour's mean NO2: (300 + 700) / 2 = 500 µg/m³ is High (401–600).
        await station.SendAsync(first.AddMilliseconds(1), "\"no2\":700");
        var high = await Eventually.WaitAsync(FeaturesAsync, page => BandOf(page, "features", station.Id) != "Moderate", Patience);

        Assert.Null(BandOf(unindexed, "items", station.Id));
        Assert.Equal("Moderate", BandOf(moderate, "items", station.Id));
        Assert.Equal(["id", "kind", "name", "location", "area", "status", "band"], Names(moderate.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == station.Id)));
        Assert.Null(BandOf(moderate, "items", counter));
        Assert.Equal("High", BandOf(high, "features", station.Id));
    }

    [Fact]
    public async Task Geojson_pages_are_point_features_with_the_cursor_and_next_as_foreign_members()
    {
        using var admin = fixture.Admin();
        var spot = FreeSpot();
        var ids = new[]
        {
            await RegisterAsync(admin, AssetBuilder.Footfall().At(spot)),
            await RegisterAsync(admin, AssetBuilder.Footfall().At((spot.Lon + 0.0001, spot.Lat))),
        }.Order(StringComparer.Ordinal).ToList();

        using var first = await GetAsync(admin, $"api/assets?bbox={F(spot.Lon - 0.001)},{F(spot.Lat - 0.001)},{F(spot.Lon + 0.001)},{F(spot.Lat + 0.001)}&limit=1", "application/geo+json");
        using var second = await GetAsync(admin, first.Json.GetProperty("next").GetString()!.TrimStart('/'), "application/geo+json");

        Assert.Equal("application/geo+json", first.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["type", "features", "cursor", "next"], Names(first.Json));
        var feature = Assert.Single(first.Json.GetProperty("features").EnumerateArray());
        Assert.Equal(["type", "id", "geometry", "properties"], Names(feature));
        Assert.Equal(["id", "kind", "name", "area", "status"], Names(feature.GetProperty("properties")));
        Assert.Equal(["type", "features"], Names(second.Json));
        Assert.Equal(ids, [feature.GetProperty("id").GetString()!, second.Json.GetProperty("features")[0].GetProperty("id").GetString()!]);
    }

    [Fact]
    public async Task Near_a_point_pages_come_nearest_first_ties_by_id()
    {
        using var admin = fixture.Admin();
        var spot = FreeSpot();
        var at = await RegisterAsync(admin, AssetBuilder.BusPriority().At(spot));
        var tied = new[]
        {
            await RegisterAsync(admin, AssetBuilder.Footfall().At((spot.Lon, spot.Lat + 0.0009))),
            await RegisterAsync(admin, AssetBuilder.AirQuality().At((spot.Lon, spot.Lat + 0.0009))),
        };
        var far = await RegisterAsync(admin, AssetBuilder.AirQuality().At((spot.Lon, spot.Lat + 0.0018)));

        var (seen, pages) = await AllAsync(admin, $"/api/assets?near={F(spot.Lon)},{F(spot.Lat)}&radius=250&limit=1");

        Assert.Equal([at, .. tied.Order(StringComparer.Ordinal), far], seen);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task A_decommissioned_asset_is_off_the_map()
    {
        using var admin = fixture.Admin();
        var spot = FreeSpot();
        var kept = await RegisterAsync(admin, AssetBuilder.AirQuality().At(spot));
        var gone = await RegisterAsync(admin, AssetBuilder.AirQuality().At(spot));
        (await admin.SendAsync(HttpMethod.Delete, $"/api/assets/{gone}")).AssertOk(HttpStatusCode.NoContent);
        var (west, south, east, north) = (F(spot.Lon - 0.001), F(spot.Lat - 0.001), F(spot.Lon + 0.001), F(spot.Lat + 0.001));
        var square = $$"""{"type":"Polygon","coordinates":[[[{{west}},{{south}}],[{{east}},{{south}}],[{{east}},{{north}}],[{{west}},{{north}}],[{{west}},{{south}}]]]}""";

        Assert.Equal([kept], Ids((await admin.GetJsonAsync($"/api/assets?bbox={west},{south},{east},{north}")).AssertOk()));
        Assert.Equal([kept], Ids((await admin.GetJsonAsync($"/api/assets?near={F(spot.Lon)},{F(spot.Lat)}&radius=50")).AssertOk()));
        Assert.DoesNotContain(gone, Ids((await admin.GetJsonAsync($"/api/assets?near={F(spot.Lon)},{F(spot.Lat)}&k=2")).AssertOk()));
        Assert.Equal([kept], Ids((await admin.PostAsync("/api/assets/search", square)).AssertOk()));
    }

    [Fact]
    public async Task An_area_lists_the_assets_given_it_not_every_asset_inside_its_boundary()
    {
        // A second area over the first: assets in place before it keep their area, and assets
        // registered after it get the area loaded first, so the second lists none of them.
        using var admin = fixture.Admin();
        var area = await TestArea.AddAsync(admin);
        var before = await RegisterAsync(admin, AssetBuilder.Footfall().At(area.Centre));
        var overlap = "overlap-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsync("/api/areas", new { id = overlap, name = "Overlap", geometry = area.Boundary })).AssertOk(HttpStatusCode.Created);
        var after = await RegisterAsync(admin, AssetBuilder.Footfall().At(area.Centre));
        var both = new[] { before, after }.Order(StringComparer.Ordinal).ToList();

        var (listedByOverlap, _) = await AllAsync(admin, $"/api/areas/{overlap}/assets");
        var (listedByArea, _) = await AllAsync(admin, $"/api/areas/{area.Id}/assets");
        var (searched, _) = await AllAsync(admin, "/api/assets/search", JsonSerializer.Serialize(area.Boundary));

        Assert.Empty(listedByOverlap);
        Assert.Equal(both, listedByArea);
        Assert.Equal(both, searched);
    }

    [Fact]
    public async Task A_search_takes_a_bare_multipolygon_with_rings_either_way_round_and_altitudes()
    {
        using var admin = fixture.Admin();
        var spot = FreeSpot();
        var west = await RegisterAsync(admin, AssetBuilder.Footfall().At(spot));
        var east = await RegisterAsync(admin, AssetBuilder.Footfall().At((spot.Lon + 0.002, spot.Lat)));
        await RegisterAsync(admin, AssetBuilder.Footfall().At((spot.Lon + 0.004, spot.Lat)));
        string P(double dLon, double dLat, string altitude = "") => $"[{F(spot.Lon + dLon)},{F(spot.Lat + dLat)}{altitude}]";
        var anticlockwise = $"[[{P(-0.0005, -0.0005)},{P(0.0005, -0.0005)},{P(0.0005, 0.0005)},{P(-0.0005, 0.0005)},{P(-0.0005, -0.0005)}]]";
        var clockwise = $"[[{P(0.0015, -0.0005, ",35")},{P(0.0015, 0.0005, ",35")},{P(0.0025, 0.0005, ",35")},{P(0.0025, -0.0005, ",35")},{P(0.0015, -0.0005, ",35")}]]";

        var found = Ids((await admin.PostAsync("/api/assets/search", $$"""{"type":"MultiPolygon","coordinates":[{{anticlockwise}},{{clockwise}}]}""")).AssertOk());

        Assert.Equal(new[] { west, east }.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public async Task A_box_whose_west_edge_is_east_of_its_east_edge_runs_across_the_antimeridian()
    {
        // Either side of the 180th meridian by Taveuni, Fiji.
        using var admin = fixture.Admin();
        var west = await RegisterAsync(admin, AssetBuilder.AirQuality().At((179.98, -16.80)));
        var east = await RegisterAsync(admin, AssetBuilder.AirQuality().At((-179.98, -16.80)));

        var across = Ids((await admin.GetJsonAsync("/api/assets?bbox=179.9,-16.9,-179.9,-16.7")).AssertOk());
        var westOnly = Ids((await admin.GetJsonAsync("/api/assets?bbox=179.9,-16.9,180,-16.7")).AssertOk());

        Assert.Equal(new[] { west, east }.Order(StringComparer.Ordinal), across);
        Assert.Equal([west], westOnly);
    }

    private static List<string> Names(JsonElement json) => [.. json.EnumerateObject().Select(p => p.Name)];

    private static async Task<Answer> GetAsync(HttpClient client, string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        var response = await client.SendAsync(request, Token);
        return new Answer(response, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)));
    }

    private sealed record Answer(HttpResponseMessage Response, JsonDocument Document) : IDisposable
    {
        public JsonElement Json => Document.RootElement;

        public void Dispose()
        {
            Response.Dispose();
            Document.Dispose();
        }
    }
}
