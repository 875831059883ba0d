using System.Globalization;
using System.Net;
using System.Text;

namespace UrbanTwin.TwinApi.Tests;

[Collection(HostDefinition.Name)]
public sealed class ImportTests(HostFixture fixture)
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task A_csv_import_registers_every_row_with_quoted_names_and_metadata()
    {
        using var admin = fixture.Admin();
        var (a, b) = (NewId("ff"), NewId("aq"));
        var csv = new StringBuilder("id,kind,name,lon,lat,deviceId,meta.stop\r\n")
            .Append(CultureInfo.InvariantCulture, $"{a},footfall,\"Oxford St, \"\"west\"\" end\",-0.1419,51.5154,,\"<Stop> #1 & 'co'\"\r\n")
            .Append(CultureInfo.InvariantCulture, $"{b},air-quality,Great Russell St,-0.1270,51.5194,{b}-dev,\r\n")
            .ToString();

        var result = (await admin.PostAsync("/api/assets/import", csv, "text/csv")).AssertOk();

        Assert.Equal(2, result.GetProperty("imported").GetInt32());
        Assert.All(result.GetProperty("assets").EnumerateArray(), x => Assert.True(x.GetProperty("secret").GetString()!.Length >= 32));
        var first = (await admin.GetJsonAsync($"/api/assets/{a}")).AssertOk();
        Assert.Equal("Oxford St, \"west\" end", first.GetProperty("name").GetString());
        Assert.Equal("<Stop> #1 & 'co'", first.GetProperty("metadata").GetProperty("stop").GetString());
        Assert.Equal(Places.Westminster, first.GetProperty("area").GetString());
        Assert.Equal($"{b}-dev", (await admin.GetJsonAsync($"/api/assets/{b}")).AssertOk().GetProperty("deviceId").GetString());
        var device = result.GetProperty("assets").EnumerateArray().Single(x => x.GetProperty("id").GetString() == b);
        await using var client = await UrbanTwin.TestSupport.Mqtt.DeviceClient.ConnectAsync(fixture.Host.MqttPort, $"{b}-dev", device.GetProperty("secret").GetString()!);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_geojson_import_registers_point_features()
    {
        using var admin = fixture.Admin();
        var id = NewId("bp");
        var geojson = $$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","id":"{{id}}","geometry":{"type":"Point","coordinates":[-0.4543,51.47]},
               "properties":{"kind":"bus-priority","name":"Heathrow central","metadata":{"junction":"J12"} } }]}
            """;

        (await admin.PostAsync("/api/assets/import", geojson, "application/geo+json")).AssertOk();

        var asset = (await admin.GetJsonAsync($"/api/assets/{id}")).AssertOk();
        Assert.Equal(Places.Hillingdon, asset.GetProperty("area").GetString());
        Assert.Equal("J12", asset.GetProperty("metadata").GetProperty("junction").GetString());
    }

    [Fact]
    public async Task One_bad_row_imports_nothing_and_every_problem_is_listed_by_row()
    {
        using var admin = fixture.Admin();
        var existing = AssetBuilder.Footfall();
        (await admin.PostAsync("/api/assets", existing.Build())).AssertOk(HttpStatusCode.Created);
        var (good, twice) = (NewId("ff"), NewId("ff"));
        var csv = $"""
            id,kind,name,lon,lat
            {good},footfall,Fine,-0.14,51.51
            Bad Id,footfall,Broken,-0.14,51.51
            {twice},footfall,Once,-0.14,51.51
            {twice},footfall,Twice,-0.14,51.51
            {existing.Id},footfall,Taken,-0.14,51.51
            {NewId("ff")},footfall,Far,-0.14,95
            """;

        var answer = await admin.PostAsync("/api/assets/import", csv, "text/csv");

        answer.AssertProblem(HttpStatusCode.BadRequest, "invalid-import");
        var errors = answer.Body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Contains((2, "id"), errors);
        Assert.Contains((4, "id"), errors);
        Assert.Contains((5, "id"), errors);
        Assert.Contains((6, "location.lat"), errors);
        Assert.DoesNotContain(errors, e => e.Item1 == 1);
        (await admin.GetJsonAsync($"/api/assets/{good}")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
        (await admin.GetJsonAsync($"/api/assets/{twice}")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
    }

    [Theory]
    [InlineData("text/csv", "name,kind\nx,footfall\n")]
    [InlineData("text/csv", "id,kind,name,lon,lat\n\"unclosed,footfall,x,1,1\n")]
    [InlineData("text/csv", "id,kind,name,lon,lat\na-b-c,footfall,x,1\n")]
    [InlineData("text/csv", "")]
    [InlineData("application/geo+json", "{\"type\":\"Feature\"}")]
    [InlineData("application/geo+json", "{\"type\":\"FeatureCollection\",\"features\":[")]
    [InlineData("application/geo+json", "{\"type\":\"FeatureCollection\",\"features\":[]}")]
    public async Task A_structurally_broken_import_is_invalid_import(string mediaType, string body)
    {
        using var admin = fixture.Admin();

        var detail = (await admin.PostAsync("/api/assets/import", body, mediaType)).AssertProblem(HttpStatusCode.BadRequest, "invalid-import");

        Assert.NotEmpty(detail);
    }

    [Fact]
    public async Task An_import_in_another_format_is_unsupported_media_type()
    {
        using var admin = fixture.Admin();

        (await admin.PostAsync("/api/assets/import", "<assets/>", "application/xml")).AssertProblem(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }
}
