using System.Net;
using System.Text.Json;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.TwinApi.Tests.OpenData;

/// <summary>The open data through the real host, read anonymously: catalogue, GeoJSON, CSV, k-suppression, licence, caching headers, refusals.</summary>
[Collection(OpenDataCollection.Name)]
public sealed class OpenDataTests(OpenDataFixture fixture)
{
    private const string Ogl = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
    private const string OglAttribution = "Contains public sector information licensed under the Open Government Licence v3.0.";

    [Fact]
    public async Task The_catalogue_lists_each_kind_with_its_open_fields_units_and_links()
    {
        using var anonymous = fixture.Anonymous();

        var catalogue = (await anonymous.GetOpenAsync("/opendata/v1")).AssertOk().Json;

        Assert.Equal(10, catalogue.GetProperty("suppressBelow").GetInt32());
        Assert.Equal(Ogl, catalogue.GetProperty("licence").GetProperty("url").GetString());
        var kinds = catalogue.GetProperty("kinds").EnumerateArray().ToList();
        Assert.Equal(DeviceKinds.All.Select(k => k.ToSegment()), kinds.Select(k => k.GetProperty("kind").GetString()));
        foreach (var kind in kinds)
        {
            var segment = kind.GetProperty("kind").GetString()!;
            Assert.True(DeviceKinds.TryParse(segment, out var parsed));
            var open = ContractSchemas.For(parsed, MessageType.Telemetry)!.Fields.Where(f => f.IsNumeric && f.Classification == FieldClassification.Open).ToList();
            var fields = kind.GetProperty("fields").EnumerateArray().ToList();
            Assert.Equal(open.Select(f => f.Name), fields.Select(f => f.GetProperty("name").GetString()));
            Assert.Equal(open.Select(f => f.Unit), fields.Select(f => f.GetProperty("unit").GetString()));
            Assert.Equal($"/opendata/v1/{segment}.geojson", kind.GetProperty("geojson").GetString());
            Assert.Equal($"/opendata/v1/{segment}.csv", kind.GetProperty("csv").GetString());
        }

        var footfall = kinds.Single(k => k.GetProperty("kind").GetString() == "footfall").GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal("sum", footfall["countIn"].GetProperty("window").GetString());
        Assert.Equal(10, footfall["countIn"].GetProperty("suppressedBelow").GetInt32());
        Assert.Equal("mean", footfall["interval"].GetProperty("window").GetString());
    }

    [Fact]
    public async Task GeoJson_has_the_licence_and_a_point_per_asset_in_service_with_its_latest_open_readings()
    {
        using var admin = fixture.Admin();
        using var anonymous = fixture.Anonymous();
        var station = AssetBuilder.AirQuality().At(Places.PalaceOfWestminster).Named("Parliament Square");
        var retired = AssetBuilder.AirQuality().At(Places.PalaceOfWestminster);
        await admin.RegisterAsync(retired);
        (await admin.SendAsync(HttpMethod.Delete, $"/api/assets/{retired.Id}")).AssertOk(HttpStatusCode.NoContent);
        var takenAt = OpenDataRequests.HourStart(1).AddMinutes(7);
        await PublishAsync(admin, station, DeviceKind.AirQuality, $$"""{"seq":1,"ts":"{{takenAt.Rfc3339()}}","no2":41.5,"pm2_5":12.25,"temperature":-3.5}""", "no2", takenAt);

        var answer = (await anonymous.GetOpenAsync("/opendata/v1/air-quality.geojson")).AssertOk();
        var inWestminster = (await anonymous.GetOpenAsync($"/opendata/v1/air-quality.geojson?area={Places.Westminster}")).AssertOk().Json;
        var inCamden = (await anonymous.GetOpenAsync($"/opendata/v1/air-quality.geojson?area={Places.Camden}")).AssertOk().Json;
        var nearby = (await anonymous.GetOpenAsync("/opendata/v1/air-quality.geojson?bbox=-0.13,51.50,-0.12,51.51")).AssertOk().Json;

        Assert.Equal("application/geo+json", answer.Header("Content-Type"));
        var collection = answer.Json;
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        var licence = collection.GetProperty("licence");
        Assert.Equal("Open Government Licence v3.0", licence.GetProperty("name").GetString());
        Assert.Equal(Ogl, licence.GetProperty("url").GetString());
        Assert.Equal(OglAttribution, licence.GetProperty("attribution").GetString());
        var feature = Feature(collection, station.Id);
        Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal([Places.PalaceOfWestminster.Lon, Places.PalaceOfWestminster.Lat], feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        var properties = feature.GetProperty("properties");
        Assert.Equal(station.Id, properties.GetProperty("asset").GetString());
        Assert.Equal("Parliament Square", properties.GetProperty("name").GetString());
        Assert.Equal(Places.Westminster, properties.GetProperty("area").GetString());
        Assert.Equal("Westminster", properties.GetProperty("areaName").GetString());
        var readings = properties.GetProperty("readings");
        Assert.Equal(["pm2_5", "no2", "temperature"], readings.EnumerateObject().Select(r => r.Name));
        Assert.Equal(41.5, readings.GetProperty("no2").GetProperty("value").GetDouble());
        Assert.Equal("µg/m³", readings.GetProperty("no2").GetProperty("unit").GetString());
        Assert.Equal(takenAt.Rfc3339(), readings.GetProperty("no2").GetProperty("time").GetString());
        Assert.Equal(-3.5, readings.GetProperty("temperature").GetProperty("value").GetDouble());
        Assert.DoesNotContain(retired.Id, answer.Body, StringComparison.Ordinal);
        Assert.True(Has(inWestminster, station.Id));
        Assert.False(Has(inCamden, station.Id));
        Assert.True(Has(nearby, station.Id));
    }

    [Fact]
    public async Task Footfall_counts_below_k_are_withheld_in_both_formats_and_k_itself_is_shown()
    {
        using var admin = fixture.Admin();
        using var anonymous = fixture.Anonymous();
        var hour = OpenDataRequests.HourStart(2);
        var single = AssetBuilder.Footfall().At(Places.PalaceOfWestminster);
        var pair = AssetBuilder.Footfall().At(Places.PalaceOfWestminster);
        await PublishAsync(admin, single, DeviceKind.Footfall, $$"""{"seq":1,"ts":"{{hour.AddMinutes(10).Rfc3339()}}","interval":600,"countIn":9,"countOut":10}""", "countIn", hour.AddMinutes(10));
        await PublishAsync(admin, pair, DeviceKind.Footfall, $$"""[{"seq":1,"ts":"{{hour.AddMinutes(10).Rfc3339()}}","interval":600,"countIn":4,"countOut":3},{"seq":2,"ts":"{{hour.AddMinutes(20).Rfc3339()}}","interval":600,"countIn":5,"countOut":7}]""", "countIn", hour.AddMinutes(20));

        var geoJson = (await anonymous.GetOpenAsync("/opendata/v1/footfall.geojson")).AssertOk().Json;
        var csv = (await anonymous.GetOpenAsync($"/opendata/v1/footfall.csv?from={hour.Rfc3339()}&to={hour.AddHours(1).Rfc3339()}&every=1h")).AssertOk();

        var singleReadings = Feature(geoJson, single.Id).GetProperty("properties").GetProperty("readings");
        Assert.Equal(JsonValueKind.Null, singleReadings.GetProperty("countIn").GetProperty("value").ValueKind);
        Assert.True(singleReadings.GetProperty("countIn").GetProperty("suppressed").GetBoolean());
        Assert.Equal(10, singleReadings.GetProperty("countOut").GetProperty("value").GetDouble());
        Assert.False(singleReadings.GetProperty("countOut").TryGetProperty("suppressed", out _));
        Assert.Equal(600, singleReadings.GetProperty("interval").GetProperty("value").GetDouble());
        var pairReadings = Feature(geoJson, pair.Id).GetProperty("properties").GetProperty("readings");
        Assert.True(pairReadings.GetProperty("countIn").GetProperty("suppressed").GetBoolean());
        Assert.True(pairReadings.GetProperty("countOut").GetProperty("suppressed").GetBoolean());

        Assert.Equal("time,asset,area,interval,countIn,countOut,suppressed", csv.Lines[0]);
        Assert.Contains($"{hour.Rfc3339()},{single.Id},{Places.Westminster},600,,10,countIn", csv.Lines);
        Assert.Contains($"{hour.Rfc3339()},{pair.Id},{Places.Westminster},600,,10,countIn", csv.Lines);
    }

    [Fact]
    public async Task Csv_has_a_row_per_asset_and_window_with_means_the_licence_link_and_the_attribution()
    {
        using var admin = fixture.Admin();
        using var anonymous = fixture.Anonymous();
        var hour = OpenDataRequests.HourStart(3);
        var station = AssetBuilder.AirQuality().At(Places.Nowhere);
        await PublishAsync(admin, station, DeviceKind.AirQuality, $$"""
            [{"seq":1,"ts":"{{hour.AddMinutes(5).Rfc3339()}}","no2":40,"pm2_5":12.25,"battery":3.7},
             {"seq":2,"ts":"{{hour.AddMinutes(35).Rfc3339()}}","no2":43},
             {"seq":3,"ts":"{{hour.AddMinutes(65).Rfc3339()}}","no2":20}]
            """, "no2", hour.AddMinutes(65));

        var hourly = (await anonymous.GetOpenAsync($"/opendata/v1/air-quality.csv?from={hour.Rfc3339()}&to={hour.AddHours(2).Rfc3339()}")).AssertOk();
        var halfHourly = (await anonymous.GetOpenAsync($"/opendata/v1/air-quality.csv?from={hour.AddMinutes(10).Rfc3339()}&to={hour.AddMinutes(70).Rfc3339()}&every=30m")).AssertOk();

        Assert.Equal("text/csv; charset=utf-8; header=present", hourly.Header("Content-Type"));
        Assert.Contains($"<{Ogl}>; rel=\"license\"", hourly.Header("Link"), StringComparison.Ordinal);
        Assert.Equal(OglAttribution, hourly.Header("Attribution"));
        Assert.DoesNotContain("\n", hourly.Body.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("time,asset,area,pm2_5,pm10,no2,o3,temperature,humidity", hourly.Lines[0]);
        Assert.Equal([$"{hour.Rfc3339()},{station.Id},,12.25,,41.5,,,", $"{hour.AddHours(1).Rfc3339()},{station.Id},,,,20,,,"], hourly.Lines.Where(l => l.Contains(station.Id, StringComparison.Ordinal)));
        Assert.Equal(
            [$"{hour.Rfc3339()},{station.Id},,12.25,,40,,,", $"{hour.AddMinutes(30).Rfc3339()},{station.Id},,,,43,,,", $"{hour.AddMinutes(60).Rfc3339()},{station.Id},,,,20,,,"],
            halfHourly.Lines.Where(l => l.Contains(station.Id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_same_content_keeps_its_strong_ETag_and_If_None_Match_answers_304_until_it_changes()
    {
        using var admin = fixture.Admin();
        using var anonymous = fixture.Anonymous();
        await admin.RegisterAsync(AssetBuilder.BusPriority());

        var first = (await anonymous.GetOpenAsync("/opendata/v1/bus-priority.geojson")).AssertOk();
        var again = (await anonymous.GetOpenAsync("/opendata/v1/bus-priority.geojson")).AssertOk();
        var etag = first.Header("ETag")!;
        var notModified = await anonymous.GetOpenAsync("/opendata/v1/bus-priority.geojson", etag);
        var weakly = await anonymous.GetOpenAsync("/opendata/v1/bus-priority.geojson", "W/" + etag);
        var otherTag = await anonymous.GetOpenAsync("/opendata/v1/bus-priority.geojson", "\"not-this-one\"");
        await admin.RegisterAsync(AssetBuilder.BusPriority());
        var changed = await anonymous.GetOpenAsync("/opendata/v1/bus-priority.geojson", etag);

        Assert.Matches("^\"[A-Za-z0-9_-]+\"$", etag);
        Assert.Equal("public, max-age=60", first.Header("Cache-Control"));
        Assert.Equal(etag, again.Header("ETag"));
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(HttpStatusCode.NotModified, notModified.Status);
        Assert.Equal("", notModified.Body);
        Assert.Equal(etag, notModified.Header("ETag"));
        Assert.Equal(HttpStatusCode.NotModified, weakly.Status);
        Assert.Equal(first.Body, otherTag.AssertOk().Body);
        Assert.NotEqual(etag, changed.AssertOk().Header("ETag"));
    }

    [Fact]
    public async Task Open_data_is_anonymous_while_the_api_stays_protected()
    {
        using var anonymous = fixture.Anonymous();
        using var stranger = fixture.Host.CreateClient("not-a-key-the-hub-knows");

        (await anonymous.GetOpenAsync("/opendata/v1")).AssertOk();
        (await anonymous.GetOpenAsync("/opendata/v1/footfall.geojson")).AssertOk();
        (await anonymous.GetOpenAsync("/opendata/v1/footfall.csv")).AssertOk();
        (await stranger.GetOpenAsync("/opendata/v1/air-quality.geojson")).AssertOk();
        (await anonymous.GetJsonAsync("/api/assets?bbox=-0.2,51.4,0,51.6")).AssertProblem(HttpStatusCode.Unauthorized, "unauthenticated");
        (await anonymous.GetJsonAsync("/api/areas")).AssertProblem(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory]
    [InlineData("/opendata/v1/trams.geojson", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/opendata/v1/Footfall.csv", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/opendata/v1/footfall.xml", HttpStatusCode.NotFound, "not-found")]
    [InlineData("/opendata/v1/footfall.csv?every=1w", HttpStatusCode.BadRequest, "bad-query")]
    [InlineData("/opendata/v1/footfall.csv?every=0h", HttpStatusCode.BadRequest, "bad-query")]
    [InlineData("/opendata/v1/footfall.csv?from=yesterday", HttpStatusCode.BadRequest, "bad-time-range")]
    [InlineData("/opendata/v1/footfall.csv?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest, "bad-time-range")]
    [InlineData("/opendata/v1/footfall.csv?from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z", HttpStatusCode.BadRequest, "time-range-too-large")]
    [InlineData("/opendata/v1/air-quality.geojson?bbox=1,2,3", HttpStatusCode.BadRequest, "bad-bbox")]
    [InlineData("/opendata/v1/air-quality.geojson?bbox=-180,-90,180,90", HttpStatusCode.BadRequest, "query-too-large")]
    [InlineData("/opendata/v1/air-quality.csv?bbox=-180,-90,180,90", HttpStatusCode.BadRequest, "query-too-large")]
    [InlineData("/opendata/v1/air-quality.geojson?area=E99999999", HttpStatusCode.NotFound, "area-not-found")]
    [InlineData("/opendata/v1/air-quality.geojson?area=E09000033&bbox=-0.2,51.4,0,51.6", HttpStatusCode.BadRequest, "bad-query")]
    public async Task A_bad_request_is_a_problem_of_a_stable_type(string path, HttpStatusCode status, string slug)
    {
        using var anonymous = fixture.Anonymous();

        (await anonymous.GetOpenAsync(path)).AssertProblem(status, slug);
    }

    [Theory]
    [MemberData(nameof(ExtremeTimeRanges.All), MemberType = typeof(ExtremeTimeRanges))]
    public async Task An_extreme_time_in_a_csv_request_is_bad_time_range_naming_the_parameter(string query, string parameter)
    {
        using var anonymous = fixture.Anonymous();

        var detail = (await anonymous.GetOpenAsync($"/opendata/v1/footfall.csv?{query}")).AssertProblem(HttpStatusCode.BadRequest, "bad-time-range");

        Assert.StartsWith(parameter + " ", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_of_more_rows_than_allowed_is_refused_before_any_query()
    {
        using var admin = fixture.Admin();
        using var anonymous = fixture.Anonymous();
        await admin.RegisterAsync(AssetBuilder.Footfall());
        var to = OpenDataRequests.HourStart(0);
        var range = $"from={to.AddDays(-2).Rfc3339()}&to={to.Rfc3339()}";

        var detail = (await anonymous.GetOpenAsync($"/opendata/v1/footfall.csv?{range}&every=1m")).AssertProblem(HttpStatusCode.BadRequest, "time-range-too-large");
        (await anonymous.GetOpenAsync($"/opendata/v1/footfall.csv?{range}&every=1h")).AssertOk();

        Assert.Contains($"{OpenDataFixture.MaxCsvRows}", detail, StringComparison.Ordinal);
    }

    /// <summary>Registers the asset, publishes the telemetry from its device and waits until its twin's <paramref name="field"/> is the one taken at <paramref name="newest"/>.</summary>
    private async Task PublishAsync(HttpClient admin, AssetBuilder asset, DeviceKind kind, string telemetry, string field, DateTimeOffset newest)
    {
        var secret = await admin.RegisterAsync(asset);
        await using var device = await DeviceClient.ConnectAsync(fixture.Host.MqttPort, asset.Id, secret);
        await device.PublishAsync(DeviceTopic.Telemetry(kind, asset.Id), telemetry);
        await admin.WaitForTwinAsync(asset.Id, twin => twin.HasLatest(field, newest));
    }

    private static JsonElement Feature(JsonElement collection, string assetId) =>
        collection.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == assetId);

    private static bool Has(JsonElement collection, string assetId) =>
        collection.GetProperty("features").EnumerateArray().Any(f => f.GetProperty("id").GetString() == assetId);
}
