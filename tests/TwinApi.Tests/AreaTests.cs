using System.Net;

namespace UrbanTwin.TwinApi.Tests;

[Collection(HostDefinition.Name)]
public sealed class AreaTests(HostFixture fixture)
{
    [Fact]
    public async Task The_london_boroughs_are_loaded_at_start_up()
    {
        using var admin = fixture.Admin();

        var areas = (await admin.GetJsonAsync("/api/areas")).AssertOk().EnumerateArray().ToList();

        Assert.True(areas.Count >= 33);
        var camden = Assert.Single(areas, a => a.GetProperty("id").GetString() == Places.Camden);
        Assert.Equal("Camden", camden.GetProperty("name").GetString());
        var bbox = camden.GetProperty("bbox").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.True(bbox[0] < Places.BritishMuseum.Lon && Places.BritishMuseum.Lon < bbox[2] && bbox[1] < Places.BritishMuseum.Lat && Places.BritishMuseum.Lat < bbox[3]);
    }

    [Fact]
    public async Task An_area_is_served_as_a_geojson_feature()
    {
        using var admin = fixture.Admin();

        using var response = await admin.GetAsync(new Uri($"api/areas/{Places.Westminster}", UriKind.Relative), TestContext.Current.CancellationToken);
        using var feature = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Feature", feature.RootElement.GetProperty("type").GetString());
        Assert.Contains(feature.RootElement.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
        Assert.Equal("Westminster", feature.RootElement.GetProperty("properties").GetProperty("name").GetString());
        (await admin.GetJsonAsync("/api/areas/E99999999")).AssertProblem(HttpStatusCode.NotFound, "area-not-found");
    }

    [Fact]
    public async Task An_added_area_is_given_to_assets_registered_inside_it()
    {
        using var admin = fixture.Admin();
        var id = "mcr-" + Guid.NewGuid().ToString("N")[..8];
        var square = new { type = "Polygon", coordinates = new[] { new[] { new[] { -2.25, 53.47 }, new[] { -2.22, 53.47 }, new[] { -2.22, 53.49 }, new[] { -2.25, 53.49 }, new[] { -2.25, 53.47 } } } };

        (await admin.PostAsync("/api/areas", new { id, name = "Manchester city centre", geometry = square })).AssertOk(HttpStatusCode.Created);
        var asset = (await admin.PostAsync("/api/assets", AssetBuilder.AirQuality().At((-2.2426, 53.4808)).Build())).AssertOk(HttpStatusCode.Created);

        Assert.Equal(id, asset.GetProperty("asset").GetProperty("area").GetString());
        (await admin.PostAsync("/api/areas", new { id, name = "again", geometry = square })).AssertProblem(HttpStatusCode.Conflict, "area-exists");
    }

    public static TheoryData<string, string> BadGeometries => new()
    {
        { """{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}""", "self-intersection" },
        { """{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}""", "not closed" },
        { """{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}""", "at least 4" },
        { """{"type":"Polygon","coordinates":[[[0,0],[200,0],[1,1],[0,0]]]}""", "longitude" },
        { """{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,"x"],[0,0]]]}""", "finite number" },
        { """{"type":"Point","coordinates":[0,0]}""", "Polygon or MultiPolygon" },
        { """{"type":"Polygon","coordinates":[[[179,0],[-179,0],[-179,1],[179,1],[179,0]]]}""", "antimeridian" },
        { """{"type":"Polygon"}""", "coordinates" },
    };

    [Theory]
    [MemberData(nameof(BadGeometries))]
    public async Task A_bad_boundary_is_bad_geometry_with_the_reason(string geometry, string reason)
    {
        using var admin = fixture.Admin();
        var body = $$"""{"id":"bad-{{Guid.NewGuid():N}}","name":"Bad","geometry":{{geometry}}}""";

        var detail = (await admin.PostAsync("/api/areas", body)).AssertProblem(HttpStatusCode.BadRequest, "bad-geometry");

        Assert.Contains(reason, detail, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-leading")]
    [InlineData("")]
    public async Task A_bad_area_id_is_invalid_area(string id)
    {
        using var admin = fixture.Admin();

        (await admin.PostAsync("/api/areas", new { id, name = "X", geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 0.0, 0 }, new[] { 1.0, 0 }, new[] { 1.0, 1 }, new[] { 0.0, 0 } } } } })).AssertProblem(HttpStatusCode.BadRequest, "invalid-area");
    }
}
