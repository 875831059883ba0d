using System.Net;
using UrbanTwin.TestSupport.Live;
using UrbanTwin.TwinApi.Tests.Access;
using UrbanTwin.TwinApi.Tests.Security;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>
/// <c>GET /api/live</c> read as a browser would, over a real HTTP connection, while devices
/// publish over MQTT: twin changes and alerts arrive, filters and a key's areas hold. A filtered
/// stream is checked against an unfiltered one: events fan out in the order twins publish them, so
/// once a later event has arrived, an earlier one that was let through would have come first.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed class LiveApiTests(HostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_reading_published_over_mqtt_arrives_on_the_stream_with_its_unit_and_time()
    {
        using var admin = fixture.Admin();
        await using var stream = await EventStreamClient.OpenAsync(admin, "/api/live", Patience);
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));
        var takenAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeMilliseconds());

        await station.SendAsync(takenAt, "\"no2\":41.5,\"pm2_5\":12.25");
        var twin = (await stream.WaitForAsync(e => e.Name == "twin" && AssetOf(e) == station.Id, Patience)).Json;

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("air-quality", twin.GetProperty("kind").GetString());
        Assert.Equal(Places.Camden, twin.GetProperty("area").GetString());
        Assert.Equal("ok", twin.GetProperty("status").GetString());
        var latest = twin.GetProperty("latest");
        Assert.Equal(["pm2_5", "no2"], latest.EnumerateObject().Select(p => p.Name));
        Assert.Equal(41.5, latest.GetProperty("no2").GetProperty("value").GetDouble());
        Assert.Equal("µg/m³", latest.GetProperty("no2").GetProperty("unit").GetString());
        Assert.Equal(takenAt, latest.GetProperty("no2").GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_air_quality_reading_carries_the_stations_daqi_band_so_the_map_can_colour_it()
    {
        using var admin = fixture.Admin();
        await using var stream = await EventStreamClient.OpenAsync(admin, "/api/live", Patience);
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));

        await station.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-5), "\"no2\":500");
        var twin = (await stream.WaitForAsync(e => e.Name == "twin" && AssetOf(e) == station.Id && e.Json.TryGetProperty("latest", out var l) && l.TryGetProperty("no2", out _), Patience)).Json;

        Assert.Equal("High", twin.GetProperty("band").GetString());
    }

    [Fact]
    public async Task A_stream_reconnecting_with_the_last_event_id_gets_what_it_missed_and_an_unknown_id_gets_a_reset()
    {
        using var admin = fixture.Admin();
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds());
        // Another dashboard stays connected throughout, so the node keeps building events.
        await using var observer = await EventStreamClient.OpenAsync(admin, "/api/live", Patience);
        string lastId;
        await using (var first = await EventStreamClient.OpenAsync(admin, "/api/live", Patience))
        {
            await station.SendAsync(start, "\"no2\":10");
            lastId = (await first.WaitForAsync(e => e.Name == "twin" && AssetOf(e) == station.Id, Patience)).Id!;
        }

        // Away: two readings.
        await station.SendAsync(start.AddSeconds(1), "\"no2\":11");
        await station.SendAsync(start.AddSeconds(2), "\"no2\":12");
        await observer.WaitForAsync(e => e.Name == "twin" && AssetOf(e) == station.Id && No2Of(e) == 12, Patience);

        await using var resumed = await EventStreamClient.OpenAsync(admin, "/api/live", Patience, lastId);
        var missed11 = await resumed.WaitForAsync(e => e.Name == "twin" && AssetOf(e) == station.Id && No2Of(e) == 11, Patience);
        var missed12 = await resumed.WaitForAsync(e => e.Name == "twin" && AssetOf(e) == station.Id && No2Of(e) == 12, Patience);
        await using var stranger = await EventStreamClient.OpenAsync(admin, "/api/live", Patience, "0a1b2c3d4e5f-1");
        var reset = await stranger.WaitForAsync(e => e.Name == "reset", Patience);

        Assert.Equal(missed11, resumed.Events.First(e => e.Name == "twin" && AssetOf(e) == station.Id));
        Assert.NotEqual(lastId, missed11.Id);
        Assert.NotEqual(missed11.Id, missed12.Id);
        Assert.Contains("read the twins again", reset.Json.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_very_high_reading_arrives_as_an_alert_and_the_twin_in_alert()
    {
        using var admin = fixture.Admin();
        await using var stream = await EventStreamClient.OpenAsync(admin, "/api/live", Patience);
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));

        await station.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-5), "\"no2\":700");
        var alert = (await stream.WaitForAsync(e => e.Name == "alert" && AssetOf(e) == station.Id, Patience)).Json;
        var twin = (await stream.WaitForAsync(e => e.Name == "twin" && AssetOf(e) == station.Id, Patience)).Json;

        Assert.Equal("air-quality-high", alert.GetProperty("kind").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        Assert.Equal(Places.Camden, alert.GetProperty("areaId").GetString());
        Assert.Equal("alert", twin.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Kind_area_and_box_filters_let_through_only_their_events()
    {
        using var admin = fixture.Admin();
        var palace = FormattableString.Invariant($"{Places.PalaceOfWestminster.Lon - 0.001},{Places.PalaceOfWestminster.Lat - 0.001},{Places.PalaceOfWestminster.Lon + 0.001},{Places.PalaceOfWestminster.Lat + 0.001}");
        await using var all = await EventStreamClient.OpenAsync(admin, "/api/live", Patience);
        await using var footfall = await EventStreamClient.OpenAsync(admin, "/api/live?kind=footfall", Patience);
        await using var westminster = await EventStreamClient.OpenAsync(admin, $"/api/live?area={Places.Westminster}", Patience);
        await using var box = await EventStreamClient.OpenAsync(admin, "/api/live?bbox=" + palace, Patience);
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));
        await using var counter = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.Footfall().At(Places.PalaceOfWestminster));

        await station.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-5), "\"no2\":30");
        await all.WaitForAsync(e => AssetOf(e) == station.Id, Patience);
        await counter.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-5), "\"interval\":60,\"countIn\":3,\"countOut\":2");

        foreach (var filtered in new[] { footfall, westminster, box })
        {
            await filtered.WaitForAsync(e => AssetOf(e) == counter.Id, Patience);
            Assert.DoesNotContain(filtered.Events, e => AssetOf(e) == station.Id);
        }
    }

    /// <param name="throughBrowserSession">The scoped stream is opened with the session cookie the key was exchanged for, as a dashboard's EventSource opens it.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_scoped_key_never_receives_another_areas_events(bool throughBrowserSession)
    {
        using var admin = fixture.Admin();
        var key = (await ApiKeys.IssueAsync(admin, "operator", [Places.Camden])).Key;
        using var session = throughBrowserSession ? await BrowserSessionClient.SignInAsync(fixture.Host, key) : null;
        using var keyClient = throughBrowserSession ? null : fixture.WithKey(key);
        var camden = session?.Client ?? keyClient!;
        await using var everything = await EventStreamClient.OpenAsync(admin, "/api/live", Patience);
        await using var mine = await EventStreamClient.OpenAsync(camden, "/api/live", Patience);
        await using var theirs = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.PalaceOfWestminster));
        await using var ours = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));

        await theirs.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-5), "\"no2\":700");
        await everything.WaitForAsync(e => e.Name == "twin" && AssetOf(e) == theirs.Id, Patience);
        await ours.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-5), "\"no2\":20");
        await mine.WaitForAsync(e => AssetOf(e) == ours.Id, Patience);

        Assert.Contains(everything.Events, e => e.Name == "alert" && AssetOf(e) == theirs.Id);
        Assert.All(mine.Events, e => Assert.Equal(Places.Camden, e.Json.GetProperty(e.Name == "alert" ? "areaId" : "area").GetString()));
        await using var refused = await EventStreamClient.OpenAsync(camden, $"/api/live?area={Places.Westminster}", Patience);
        Assert.Equal(HttpStatusCode.NotFound, refused.Response.StatusCode);
    }

    [Fact]
    public async Task An_idle_stream_gets_a_heartbeat_comment()
    {
        using var admin = fixture.Admin();
        await using var stream = await EventStreamClient.OpenAsync(admin, "/api/live?kind=bus-priority&area=" + Places.Hillingdon, Patience);

        await stream.WaitForCommentAsync("keep-alive", HostFixture.Heartbeat * 5);
    }

    [Theory]
    [InlineData("kind=lamp-post", HttpStatusCode.BadRequest, "bad-query")]
    [InlineData("bbox=1,2", HttpStatusCode.BadRequest, "bad-bbox")]
    [InlineData("area=no-such-area", HttpStatusCode.NotFound, "area-not-found")]
    public async Task A_bad_filter_is_refused(string query, HttpStatusCode status, string slug)
    {
        using var admin = fixture.Admin();

        (await admin.GetJsonAsync("/api/live?" + query)).AssertProblem(status, slug);
    }

    [Fact]
    public async Task Anonymous_callers_get_no_stream()
    {
        using var anonymous = fixture.Anonymous();

        (await anonymous.GetJsonAsync("/api/live")).AssertProblem(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static string? AssetOf(ServerSentEvent e) =>
        e.Json.TryGetProperty(e.Name == "alert" ? "assetId" : "asset", out var id) ? id.GetString() : null;

    private static double? No2Of(ServerSentEvent e) =>
        e.Json.TryGetProperty("latest", out var latest) && latest.TryGetProperty("no2", out var no2) ? no2.GetProperty("value").GetDouble() : null;
}
