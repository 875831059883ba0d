using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using UrbanTwin.TestSupport;
using UrbanTwin.TwinApi.Tests.Access;

namespace UrbanTwin.TwinApi.Tests;

/// <summary><c>GET /api/areas/{areaId}/summary</c>: how an area's assets of a kind are now, from their twins.</summary>
[Collection(HostDefinition.Name)]
public sealed class AreaStatusTests(HostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_summary_counts_twins_by_status_and_sums_up_their_latest_values()
    {
        using var admin = fixture.Admin();
        var area = await TestArea.AddAsync(admin);
        await using var clean = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(area.Centre));
        await using var polluted = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(area.Centre));
        await using var silent = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(area.Centre));
        await using var counter = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.Footfall().At(area.Centre));
        var now = DateTimeOffset.UtcNow.AddSeconds(-2);

        await clean.SendAsync(now, "\"no2\":40,\"pm2_5\":10.5,\"battery\":3.6");
        await polluted.SendAsync(now, "\"no2\":700");
        var summary = await Eventually.WaitAsync(
            () => SummaryAsync(admin, area.Id, "air-quality"),
            s => Counts(s) == (1, 1, 1) && Field(s, "no2").GetProperty("reporting").GetInt32() == 2,
            Patience);

        Assert.Equal(3, summary.GetProperty("assets").GetInt32());
        AssertField(Field(summary, "no2"), "µg/m³", 2, 370, 40, 700);
        AssertField(Field(summary, "pm2_5"), "µg/m³", 1, 10.5, 10.5, 10.5);
        AssertField(Field(summary, "battery"), "V", 1, 3.6, 3.6, 3.6);
        Assert.Equal(0, Field(summary, "o3").GetProperty("reporting").GetInt32());
        Assert.False(Field(summary, "o3").TryGetProperty("mean", out _));
        var air = summary.GetProperty("airQuality");
        Assert.Equal(2, air.GetProperty("indexed").GetInt32());
        Assert.Equal("VeryHigh", air.GetProperty("worstBand").GetString());
        Assert.Equal(5.5, air.GetProperty("meanIndex").GetDouble());
        Assert.False(summary.TryGetProperty("footfall", out _));
    }

    [Fact]
    public async Task Means_have_one_decimal_more_than_the_readings_rounded_half_to_even()
    {
        // 22.1, 22.1, 22.1 and 22.2 °C add up in binary to a mean of 22.125000000000004, which
        // rounded as a double would be 22.13; DAQI indices 1, 1, 1 and 2 average exactly 1.25.
        using var admin = fixture.Admin();
        var area = await TestArea.AddAsync(admin);
        var now = DateTimeOffset.UtcNow.AddSeconds(-2);
        foreach (var (temperature, no2) in new[] { ("22.1", 40), ("22.1", 40), ("22.1", 40), ("22.2", 100) })
        {
            await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(area.Centre));
            await station.SendAsync(now, $"\"temperature\":{temperature},\"no2\":{no2}");
        }

        var body = await Eventually.WaitAsync(
            () => admin.GetStringAsync($"/api/areas/{area.Id}/summary?kind=air-quality", TestContext.Current.CancellationToken),
            b => b.Contains("\"indexed\":4", StringComparison.Ordinal) && b.Contains("\"reporting\":4,\"mean\":22.", StringComparison.Ordinal),
            Patience);

        Assert.Contains("\"temperature\":{\"unit\":\"°C\",\"reporting\":4,\"mean\":22.12,\"min\":22.1,\"max\":22.2}", body, StringComparison.Ordinal);
        Assert.Contains("\"no2\":{\"unit\":\"µg/m³\",\"reporting\":4,\"mean\":55,\"min\":40,\"max\":100}", body, StringComparison.Ordinal);
        Assert.Contains("\"airQuality\":{\"indexed\":4,\"worstBand\":\"Low\",\"meanIndex\":1.2}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_footfall_summary_adds_up_this_hours_counts()
    {
        using var admin = fixture.Admin();
        var area = await TestArea.AddAsync(admin);
        await using var north = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.Footfall().At(area.Centre));
        await using var south = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.Footfall().At(area.Centre));
        var takenAt = DateTimeOffset.UtcNow.AddSeconds(-2);

        await north.SendAsync(takenAt, "\"interval\":60,\"countIn\":12,\"countOut\":9");
        await south.SendAsync(takenAt, "\"interval\":60,\"countIn\":30,\"countOut\":4");
        var summary = await Eventually.WaitAsync(() => SummaryAsync(admin, area.Id, "footfall"), s => Field(s, "countIn").GetProperty("reporting").GetInt32() == 2, Patience);

        AssertField(Field(summary, "countIn"), "people", 2, 21, 12, 30);
        var footfall = summary.GetProperty("footfall");
        var hourStart = footfall.GetProperty("hourStart").GetDateTimeOffset();
        Assert.Equal(HourOf(summary.GetProperty("at").GetDateTimeOffset()), hourStart);

        // An interval is counted in the hour it ends in; this one may have ended in the last hour.
        var (reporting, countIn, countOut) = HourOf(takenAt.AddMilliseconds(-1)) == hourStart ? (2, 42, 13) : (0, 0, 0);
        Assert.Equal(reporting, footfall.GetProperty("reporting").GetInt32());
        Assert.Equal(countIn, footfall.GetProperty("in").GetInt64());
        Assert.Equal(countOut, footfall.GetProperty("out").GetInt64());
        Assert.False(summary.TryGetProperty("airQuality", out _));
    }

    [Fact]
    public async Task The_summary_pages_through_every_asset_of_a_large_area()
    {
        using var admin = fixture.Admin();
        var area = await TestArea.AddAsync(admin);
        var csv = new StringBuilder("id,kind,name,lon,lat\n");
        var prefix = "ff-many-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 1_201; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{i},footfall,Counter {i},{area.Centre.Lon + (i % 40 * 0.0001)},{area.Centre.Lat + (i / 40 * 0.0001)}\n");
        }

        (await admin.PostAsync("/api/assets/import", csv.ToString(), "text/csv")).AssertOk();
        var summary = await SummaryAsync(admin, area.Id, "footfall");

        Assert.Equal(1_201, summary.GetProperty("assets").GetInt32());
        Assert.Equal((0, 0, 1_201), Counts(summary));
    }

    [Fact]
    public async Task A_scoped_key_gets_no_summary_of_another_area_and_a_kind_is_required()
    {
        using var admin = fixture.Admin();
        using var camden = fixture.WithKey((await ApiKeys.IssueAsync(admin, "operator", [Places.Camden])).Key);

        (await camden.GetJsonAsync($"/api/areas/{Places.Camden}/summary?kind=footfall")).AssertOk();
        (await camden.GetJsonAsync($"/api/areas/{Places.Westminster}/summary?kind=footfall")).AssertProblem(HttpStatusCode.NotFound, "area-not-found");
        (await admin.GetJsonAsync("/api/areas/no-such-area/summary?kind=footfall")).AssertProblem(HttpStatusCode.NotFound, "area-not-found");
        (await admin.GetJsonAsync($"/api/areas/{Places.Camden}/summary")).AssertProblem(HttpStatusCode.BadRequest, "bad-query");
        (await admin.GetJsonAsync($"/api/areas/{Places.Camden}/summary?kind=lamp-post")).AssertProblem(HttpStatusCode.BadRequest, "bad-query");
    }

    private static async Task<JsonElement> SummaryAsync(HttpClient client, string areaId, string kind) =>
        (await client.GetJsonAsync($"/api/areas/{areaId}/summary?kind={kind}")).AssertOk();

    private static (int Ok, int Alert, int Offline) Counts(JsonElement summary)
    {
        var status = summary.GetProperty("status");
        return (status.GetProperty("ok").GetInt32(), status.GetProperty("alert").GetInt32(), status.GetProperty("offline").GetInt32());
    }

    private static JsonElement Field(JsonElement summary, string name) => summary.GetProperty("fields").GetProperty(name);

    private static void AssertField(JsonElement field, string unit, int reporting, double mean, double min, double max)
    {
        Assert.Equal(unit, field.GetProperty("unit").GetString());
        Assert.Equal(reporting, field.GetProperty("reporting").GetInt32());
        Assert.Equal(mean, field.GetProperty("mean").GetDouble(), 9);
        Assert.Equal(min, field.GetProperty("min").GetDouble());
        Assert.Equal(max, field.GetProperty("max").GetDouble());
    }

    private static DateTimeOffset HourOf(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
