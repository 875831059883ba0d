using System.Net;
using System.Text.Json;
using static UrbanTwin.TwinApi.Tests.MapQueries;

namespace UrbanTwin.TwinApi.Tests;

[Collection(HostDefinition.Name)]
public sealed class SpatialApiTests(HostFixture fixture)
{
    [Fact]
    public async Task A_bbox_finds_the_assets_inside_it_by_kind_and_status()
    {
        using var admin = fixture.Admin();
        var spot = FreeSpot();
        var footfall = await RegisterAsync(admin, AssetBuilder.Footfall().At(spot));
        var air = await RegisterAsync(admin, AssetBuilder.AirQuality().At((spot.Lon + 0.0001, spot.Lat + 0.0001)));
        var outside = await RegisterAsync(admin, AssetBuilder.Footfall().At((spot.Lon + 0.01, spot.Lat)));
        var bbox = $"{F(spot.Lon - 0.0005)},{F(spot.Lat - 0.0005)},{F(spot.Lon + 0.0005)},{F(spot.Lat + 0.0005)}";

        var all = Ids((await admin.GetJsonAsync($"/api/assets?bbox={bbox}")).AssertOk());
        var counters = Ids((await admin.GetJsonAsync($"/api/assets?bbox={bbox}&kind=footfall&status=offline")).AssertOk());
        var healthy = Ids((await admin.GetJsonAsync($"/api/assets?bbox={bbox}&status=ok")).AssertOk());

        Assert.Equal(new[] { air, footfall }.Order(StringComparer.Ordinal), all);
        Assert.Equal([footfall], counters);
        Assert.Empty(healthy);
        Assert.DoesNotContain(outside, all);
    }

    [Fact]
    public async Task Near_with_a_radius_answers_nearest_first_with_geodesic_distances()
    {
        using var admin = fixture.Admin();
        var spot = FreeSpot();
        var near = await RegisterAsync(admin, AssetBuilder.AirQuality().At((spot.Lon, spot.Lat + 0.0009)));
        var far = await RegisterAsync(admin, AssetBuilder.AirQuality().At((spot.Lon, spot.Lat + 0.0018)));

        var page = (await admin.GetJsonAsync($"/api/assets?near={F(spot.Lon)},{F(spot.Lat)}&radius=250")).AssertOk();
        var nearest = (await admin.GetJsonAsync($"/api/assets?near={F(spot.Lon)},{F(spot.Lat)}&k=1")).AssertOk();

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([near, far], items.Select(i => i.GetProperty("id").GetString()));

        // 0.0009° of latitude on the mean sphere is 100.08 m, 0.0018° 200.15 m.
        Assert.Equal(100.08, items[0].GetProperty("distanceMetres").GetDouble(), 0.01);
        Assert.Equal(200.15, items[1].GetProperty("distanceMetres").GetDouble(), 0.01);
        Assert.Equal([near], Ids(nearest));
        Assert.Empty(Ids((await admin.GetJsonAsync($"/api/assets?near={F(spot.Lon)},{F(spot.Lat)}&radius=100")).AssertOk()));
    }

    [Fact]
    public async Task Paging_with_the_cursor_visits_every_asset_once()
    {
        using var admin = fixture.Admin();
        var spot = FreeSpot();
        var registered = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            registered.Add(await RegisterAsync(admin, AssetBuilder.Footfall().At((spot.Lon + (i * 0.00001), spot.Lat))));
        }

        var url = $"/api/assets?bbox={F(spot.Lon - 0.0001)},{F(spot.Lat - 0.0001)},{F(spot.Lon + 0.0001)},{F(spot.Lat + 0.0001)}&limit=3";

        var (seen, pages) = await AllAsync(admin, url, maxPages: 10);

        Assert.Equal(registered.Order(StringComparer.Ordinal), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_polygon_search_and_an_area_listing_find_the_boroughs_assets()
    {
        using var admin = fixture.Admin();
        var inCamden = await RegisterAsync(admin, AssetBuilder.BusPriority().At(Places.BritishMuseum));
        var inWestminster = await RegisterAsync(admin, AssetBuilder.BusPriority().At(Places.PalaceOfWestminster));
        using var camden = JsonDocument.Parse(await fixture.Admin().GetStringAsync(new Uri($"api/areas/{Places.Camden}", UriKind.Relative), TestContext.Current.CancellationToken));

        var (searched, _) = await AllAsync(admin, "/api/assets/search?kind=bus-priority&limit=1000", camden.RootElement.GetRawText());
        var (listed, _) = await AllAsync(admin, $"/api/areas/{Places.Camden}/assets?kind=bus-priority&limit=1000");

        Assert.Contains(inCamden, searched);
        Assert.DoesNotContain(inWestminster, searched);
        Assert.Contains(inCamden, listed);
        Assert.DoesNotContain(inWestminster, listed);
    }

    [Fact]
    public async Task Geojson_is_served_when_asked_for()
    {
        using var admin = fixture.Admin();
        var spot = FreeSpot();
        var id = await RegisterAsync(admin, AssetBuilder.AirQuality().At(spot));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/assets?near={F(spot.Lon)},{F(spot.Lat)}&k=1", UriKind.Relative));
        request.Headers.Accept.ParseAdd("application/geo+json");

        using var response = await admin.SendAsync(request, TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var feature = Assert.Single(json.RootElement.GetProperty("features").EnumerateArray());
        Assert.Equal(id, feature.GetProperty("id").GetString());
        Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(spot.Lon, feature.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
        Assert.Equal("air-quality", feature.GetProperty("properties").GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("bbox=1,2,3", "bad-bbox")]
    [InlineData("bbox=a,b,c,d", "bad-bbox")]
    [InlineData("bbox=-0.2,51.6,-0.1,51.5", "bad-bbox")]
    [InlineData("bbox=-0.2,51.5,-0.1,95", "bad-bbox")]
    [InlineData("bbox=-0.2,51.5,-0.1,NaN", "bad-bbox")]
    [InlineData("bbox=-180,-90,180,90", "query-too-large")]
    [InlineData("near=-0.1", "bad-point")]
    [InlineData("near=-0.1,91&radius=10", "bad-point")]
    [InlineData("near=-0.1,51.5", "bad-query")]
    [InlineData("near=-0.1,51.5&radius=0", "radius-too-large")]
    [InlineData("near=-0.1,51.5&radius=20001", "radius-too-large")]
    [InlineData("near=-0.1,51.5&radius=-5", "radius-too-large")]
    [InlineData("near=-0.1,51.5&radius=abc", "radius-too-large")]
    [InlineData("near=-0.1,51.5&k=0", "bad-query")]
    [InlineData("near=-0.1,51.5&k=101", "bad-query")]
    [InlineData("near=-0.1,51.5&k=2.5", "bad-query")]
    [InlineData("near=-0.1,51.5&k=5&radius=10", "bad-query")]
    [InlineData("near=-0.1,51.5&k=5&limit=10", "bad-query")]
    [InlineData("near=-0.1,51.5&k=5&cursor=SWJwLWNhbWRlbi0wMw", "bad-query")]
    [InlineData("near=-0.1,51.5&radius=10&bbox=0,0,1,1", "bad-query")]
    [InlineData("bbox=-0.2,51.5,-0.1,51.6&kind=toaster", "bad-query")]
    [InlineData("bbox=-0.2,51.5,-0.1,51.6&status=sleepy", "bad-query")]
    [InlineData("bbox=-0.2,51.5,-0.1,51.6&status=decommissioned", "bad-query")]
    [InlineData("bbox=-0.2,51.5,-0.1,51.6&limit=0", "bad-query")]
    [InlineData("bbox=-0.2,51.5,-0.1,51.6&limit=1001", "bad-query")]
    [InlineData("bbox=-0.2,51.5,-0.1,51.6&cursor=!!!", "bad-cursor")]
    [InlineData("near=-0.1,51.5&radius=10&cursor=SWJwLWNhbWRlbi0wMw", "bad-cursor")]
    [InlineData("bbox=-0.2,51.5,-0.1,51.6&cursor=RFyEZEykJXhAYnAtY2FtZGVuLTAz", "bad-cursor")]
    [InlineData("", "bad-query")]
    public async Task Each_bad_query_is_a_400_naming_the_problem(string query, string slug)
    {
        using var admin = fixture.Admin();

        var detail = (await admin.GetJsonAsync($"/api/assets?{query}")).AssertProblem(HttpStatusCode.BadRequest, slug);

        Assert.NotEmpty(detail);
    }

    [Theory]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}""", "bad-geometry")]
    [InlineData("""{"type":"Point","coordinates":[0,0]}""", "bad-geometry")]
    [InlineData("""{"type":"Polygon","coordinates":[[[-170,-80],[0,-80],[170,-80],[170,80],[0,80],[-170,80],[-170,-80]]]}""", "query-too-large")]
    [InlineData("""{"type":"Polygon",""", "bad-request")]
    [InlineData("", "bad-request")]
    public async Task A_bad_search_polygon_is_a_400_naming_the_problem(string body, string slug)
    {
        using var admin = fixture.Admin();

        (await admin.PostAsync("/api/assets/search", body)).AssertProblem(HttpStatusCode.BadRequest, slug);
    }

    [Theory]
    [InlineData("""{"type":"Polygon","coordinates":[[[-0.13,51.51],[-0.12,51.51],[-0.13,51.51]]]}""", "$.coordinates[0]")]
    [InlineData("""{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[-0.13,51.51],[-0.12,51.51],[-0.13,51.51]]]}}""", "$.geometry.coordinates[0]")]
    public async Task A_bad_search_polygon_names_the_json_path_of_the_fault(string body, string path)
    {
        using var admin = fixture.Admin();

        var answer = await admin.PostAsync("/api/assets/search", body);

        answer.AssertProblem(HttpStatusCode.BadRequest, "bad-geometry");
        Assert.Equal(path, answer.Body.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Listing_an_unknown_area_is_area_not_found()
    {
        using var admin = fixture.Admin();

        (await admin.GetJsonAsync("/api/areas/E99999999/assets")).AssertProblem(HttpStatusCode.NotFound, "area-not-found");
    }
}
