using System.Globalization;
using System.Net;
using System.Text;
using static UrbanTwin.TwinApi.Tests.MapQueries;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>The bounds of map queries as docs/api.md states them: page size, map cells, reach, polygon size, body size.</summary>
[Collection(HostDefinition.Name)]
public sealed class SpatialLimitsTests(HostFixture fixture)
{
    /// <summary>A precision-5 geohash cell's side in degrees of longitude and of latitude (8,192 columns, 4,096 rows): exact in binary.</summary>
    private const double Cell = 360.0 / 8192;

    [Fact]
    public async Task A_page_holds_100_assets_unless_the_limit_says_otherwise()
    {
        using var admin = fixture.Admin();
        var area = await TestArea.AddAsync(admin);
        var prefix = "aq-page-" + Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder("id,kind,name,lon,lat\n");
        for (var i = 0; i < 101; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{i:D3},air-quality,Station {i},{F(area.Centre.Lon)},{F(area.Centre.Lat)}\n");
        }

        (await admin.PostAsync("/api/assets/import", csv.ToString(), "text/csv")).AssertOk();

        var first = (await admin.GetJsonAsync($"/api/areas/{area.Id}/assets")).AssertOk();
        var second = (await admin.GetJsonAsync(first.GetProperty("next").GetString()!)).AssertOk();
        var whole = (await admin.GetJsonAsync($"/api/areas/{area.Id}/assets?limit=1000")).AssertOk();
        Assert.Equal(100, Ids(first).Count);
        Assert.Equal([$"{prefix}-100"], Ids(second));
        Assert.False(second.TryGetProperty("next", out _));
        Assert.Equal(101, Ids(whole).Count);
        Assert.False(whole.TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task A_query_may_touch_4096_map_cells_counting_each_cell_its_edges_touch()
    {
        // From the south-west corner of the British Museum's cell: 64 × 64 cells, then the east edge
        // moved onto the next column's west edge, which adds that column (65 × 64 = 4,160 cells).
        using var admin = fixture.Admin();
        var west = -180 + (Math.Floor((Places.BritishMuseum.Lon + 180) / Cell) * Cell);
        var south = -90 + (Math.Floor((Places.BritishMuseum.Lat + 90) / Cell) * Cell);
        var (east, north) = (west + (64 * Cell), south + (64 * Cell));

        (await admin.GetJsonAsync($"/api/assets?bbox={F(west)},{F(south)},{F(east - 1e-9)},{F(north - 1e-9)}&limit=1")).AssertOk();
        var detail = (await admin.GetJsonAsync($"/api/assets?bbox={F(west)},{F(south)},{F(east)},{F(north - 1e-9)}&limit=1")).AssertProblem(HttpStatusCode.BadRequest, "query-too-large");

        Assert.Contains("4160 map cells, more than the 4096 allowed", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Near_reaches_20_km_and_no_farther()
    {
        // The White Cliffs at Dover, far from every other test's assets, seen from due north:
        // 0.1789° of latitude is 19,893 m on the mean sphere, 0.1809° 20,115 m.
        using var admin = fixture.Admin();
        (double Lon, double Lat) cliffs = (1.3640, 51.1330);
        var id = await RegisterAsync(admin, AssetBuilder.AirQuality().Named("White Cliffs").At(cliffs));
        string From(double north, string reach) => $"/api/assets?near={F(cliffs.Lon)},{F(cliffs.Lat + north)}&{reach}";

        var withinRadius = Ids((await admin.GetJsonAsync(From(0.1789, "radius=20000"))).AssertOk());
        var nearestWithin = Ids((await admin.GetJsonAsync(From(0.1789, "k=1"))).AssertOk());
        var nearestBeyond = Ids((await admin.GetJsonAsync(From(0.1809, "k=1"))).AssertOk());

        Assert.Equal([id], withinRadius);
        Assert.Equal([id], nearestWithin);
        Assert.Empty(nearestBeyond);
    }

    [Fact]
    public async Task A_search_polygon_may_have_100000_positions_and_no_more()
    {
        using var admin = fixture.Admin();
        var spot = FreeSpot();
        var id = await RegisterAsync(admin, AssetBuilder.AirQuality().At(spot));

        var (found, _) = await AllAsync(admin, "/api/assets/search", Circle(spot, 100_000));
        var refused = await admin.PostAsync("/api/assets/search", Circle(spot, 100_001));

        Assert.Equal([id], found);
        Assert.Contains("more than 100,000 vertices", refused.AssertProblem(HttpStatusCode.BadRequest, "bad-geometry"), StringComparison.Ordinal);
        Assert.Equal("$.coordinates[0]", refused.Body.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_search_body_over_the_limit_is_body_too_large_before_it_is_sent()
    {
        var head = RawHttp.Head("POST", "/api/assets/search", $"Authorization: Bearer {HostFixture.AdminKey}", "Content-Type: application/geo+json", "Content-Length: 40000000", "Expect: 100-continue");

        var answer = await RawHttp.SendAsync(fixture.Host.BaseUri, head);

        Assert.Contains("30,000,000 bytes", answer.AssertProblem(HttpStatusCode.RequestEntityTooLarge, "body-too-large"), StringComparison.Ordinal);
    }

    /// <summary>A Polygon of one ring of <paramref name="positions"/> positions (the last repeating the first) some 100 m round the spot.</summary>
    private static string Circle((double Lon, double Lat) centre, int positions)
    {
        var ring = new StringBuilder();
        for (var i = 0; i < positions; i++)
        {
            var angle = 2 * Math.PI * (i % (positions - 1)) / (positions - 1);
            ring.Append(i == 0 ? "[" : ",[").Append(F(centre.Lon + (0.0015 * Math.Cos(angle)))).Append(',').Append(F(centre.Lat + (0.0009 * Math.Sin(angle)))).Append(']');
        }

        return $$"""{"type":"Polygon","coordinates":[[{{ring}}]]}""";
    }
}
