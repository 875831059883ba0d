using System.Net;
using System.Text.Json;
using UrbanTwin.TestSupport;
using UrbanTwin.TwinApi.Tests.Access;

namespace UrbanTwin.TwinApi.Tests;

/// <summary><c>GET /api/alerts</c>: the alert book, newest first, filtered by kind and area, and only what a key's areas allow.</summary>
[Collection(HostDefinition.Name)]
public sealed class AlertsApiTests(HostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_very_high_no2_reading_raises_an_alert_listed_for_keys_that_see_its_area()
    {
        using var admin = fixture.Admin();
        using var camden = fixture.WithKey((await ApiKeys.IssueAsync(admin, "operator", [Places.Camden])).Key);
        using var westminster = fixture.WithKey((await ApiKeys.IssueAsync(admin, "operator", [Places.Westminster])).Key);
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));

        // An hourly NO2 mean of 700 µg/m³ is DAQI index 10, Very High: a critical alert.
        await station.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-5), "\"no2\":700");
        var listed = await Eventually.WaitAsync(() => AlertsOfAsync(admin, "/api/alerts?limit=1000", station.Id), a => a.Count > 0, Patience);

        var alert = Assert.Single(listed);
        Assert.Equal("air-quality-high", alert.GetProperty("kind").GetString());
        Assert.Equal("critical", alert.GetProperty("severity").GetString());
        Assert.Equal("air-quality", alert.GetProperty("assetKind").GetString());
        Assert.Equal(Places.Camden, alert.GetProperty("areaId").GetString());
        Assert.Single(await AlertsOfAsync(camden, "/api/alerts", station.Id));
        Assert.Single(await AlertsOfAsync(admin, $"/api/alerts?kind=air-quality&area={Places.Camden}&limit=1000", station.Id));
        Assert.Single(await AlertsOfAsync(admin, "/api/alerts?active=false&limit=1000", station.Id));
        Assert.Empty(await AlertsOfAsync(admin, "/api/alerts?kind=footfall&limit=1000", station.Id));
        Assert.Empty(await AlertsOfAsync(admin, $"/api/alerts?area={Places.Westminster}&limit=1000", station.Id));
        Assert.Empty(await AlertsOfAsync(westminster, "/api/alerts?limit=1000", station.Id));
    }

    [Fact]
    public async Task Alerts_come_newest_first_and_a_scoped_key_sees_only_its_areas()
    {
        using var admin = fixture.Admin();
        using var camden = fixture.WithKey((await ApiKeys.IssueAsync(admin, "operator", [Places.Camden])).Key);
        await using var first = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));
        await using var second = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));
        await first.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-5), "\"no2\":650");
        await Eventually.WaitAsync(() => AlertsOfAsync(admin, "/api/alerts?limit=1000", first.Id), a => a.Count > 0, Patience);
        await second.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-5), "\"no2\":650");
        await Eventually.WaitAsync(() => AlertsOfAsync(admin, "/api/alerts?limit=1000", second.Id), a => a.Count > 0, Patience);

        var all = (await camden.GetJsonAsync("/api/alerts?limit=1000")).AssertOk().GetProperty("alerts").EnumerateArray().ToList();
        var raised = all.Select(a => a.GetProperty("raisedAt").GetDateTimeOffset()).ToList();

        Assert.All(all, a => Assert.Equal(Places.Camden, a.GetProperty("areaId").GetString()));
        Assert.Equal(raised.OrderDescending(), raised);
        Assert.True(all.FindIndex(a => a.GetProperty("assetId").GetString() == second.Id) < all.FindIndex(a => a.GetProperty("assetId").GetString() == first.Id));
        (await camden.GetJsonAsync($"/api/alerts?area={Places.Westminster}")).AssertProblem(HttpStatusCode.NotFound, "area-not-found");
    }

    [Theory]
    [InlineData("active=maybe")]
    [InlineData("kind=lamp-post")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    public async Task A_bad_query_is_refused(string query)
    {
        using var admin = fixture.Admin();
        (await admin.GetJsonAsync("/api/alerts?" + query)).AssertProblem(HttpStatusCode.BadRequest, "bad-query");
    }

    private static async Task<List<JsonElement>> AlertsOfAsync(HttpClient client, string path, string assetId) =>
        (await client.GetJsonAsync(path)).AssertOk().GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("assetId").GetString() == assetId).ToList();
}
