using System.Globalization;
using System.Net;
using System.Text.Json;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Readings;
using UrbanTwin.TwinApi.Tests.Access;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>
/// <c>GET /api/assets/{id}/history</c> and <c>GET /api/areas/{areaId}/history</c> over real
/// readings: twelve hours of London Westminster's hourly NO2 (May 2019) published over MQTT with
/// their times moved into the last day, and every answer checked against a plain computation here.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed class HistoryApiTests(HostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly IReadOnlyList<(DateTimeOffset Time, double Value)> Westminster = OpenAqCsv.Read("openaq-no2-long.csv", "London Westminster");

    private static readonly DateTimeOffset FirstHour = HourOf(DateTimeOffset.UtcNow) - TimeSpan.FromHours(12);

    public static TheoryData<string, string> Refusals => new()
    {
        { "from=yesterday", "bad-time-range" },
        { "from=2030-01-01T00:00:00+01:00", "bad-time-range" },
        { "to=2030-01-01", "bad-time-range" },
        { "from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "bad-time-range" },
        { "from=2030-01-01T00:00:00Z&to=2030-01-01T00:00:00Z", "bad-time-range" },
        { "from=2030-01-01T00:00:00Z&to=2030-01-08T00:00:01Z", "time-range-too-large" },
        { "every=1s", "time-range-too-large" },
        { "from=2030-01-01T00:00:00Z&to=2030-03-01T00:00:00Z&every=5m", "time-range-too-large" },
        { "fields=no2,nope", "unknown-field" },
        { "fields=countIn", "unknown-field" },
        { "fields=", "unknown-field" },
        { "every=5x", "bad-query" },
        { "every=0s", "bad-query" },
        { "every=P1M", "bad-query" },
        { "every=PT", "bad-query" },
        { "every=367d", "bad-query" },
        { "every=1h&agg=median", "bad-query" },
        { "agg=mean", "bad-query" },
    };

    [Fact]
    public async Task Raw_history_is_every_reading_of_the_range_with_its_time_value_and_unit()
    {
        using var admin = fixture.Admin();
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality());
        var readings = await PublishAsync(station, Replay("2019-05-20T12:00:00Z"));

        var history = await Eventually.WaitAsync(
            () => HistoryAsync(admin, station.Id, $"from={Q(FirstHour)}&fields=no2"),
            h => h.GetProperty("series").GetProperty("no2").GetArrayLength() == readings.Count,
            Patience);

        Assert.Equal(station.Id, history.GetProperty("asset").GetString());
        Assert.Equal("air-quality", history.GetProperty("kind").GetString());
        Assert.Equal(FirstHour, history.GetProperty("from").GetDateTimeOffset());
        Assert.False(history.TryGetProperty("every", out _));
        Assert.Equal("µg/m³", history.GetProperty("units").GetProperty("no2").GetString());
        Assert.Equal(readings, Points(history, "no2"));
    }

    [Fact]
    public async Task Without_fields_every_stored_field_is_answered_and_operators_read_internal_ones()
    {
        using var admin = fixture.Admin();
        using var operatorClient = fixture.WithKey((await ApiKeys.IssueAsync(admin, "operator")).Key);
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality());
        var readings = await PublishAsync(station, Replay("2019-05-20T12:00:00Z"), "\"battery\":3.7,");
        await Eventually.WaitAsync(() => HistoryAsync(admin, station.Id, $"from={Q(FirstHour)}&fields=no2"), h => h.GetProperty("series").GetProperty("no2").GetArrayLength() == readings.Count, Patience);

        var all = await HistoryAsync(operatorClient, station.Id, $"from={Q(FirstHour)}");
        var two = await HistoryAsync(operatorClient, station.Id, $"from={Q(FirstHour)}&fields=battery,no2,battery");

        Assert.Equal(["pm2_5", "pm10", "no2", "o3", "temperature", "humidity", "battery", "rssi"], all.GetProperty("series").EnumerateObject().Select(p => p.Name));
        Assert.Empty(all.GetProperty("series").GetProperty("pm2_5").EnumerateArray());
        Assert.Equal(["battery", "no2"], two.GetProperty("series").EnumerateObject().Select(p => p.Name));
        Assert.All(Points(two, "battery"), p => Assert.Equal(3.7, p.Value));
        Assert.Equal("V", two.GetProperty("units").GetProperty("battery").GetString());
    }

    [Theory]
    [InlineData("mean")]
    [InlineData("min")]
    [InlineData("max")]
    [InlineData("count")]
    [InlineData("sum")]
    [InlineData("last")]
    public async Task Windows_of_three_hours_aligned_to_the_epoch_hold_the_aggregate_of_their_readings(string agg)
    {
        using var admin = fixture.Admin();
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality());
        var readings = await PublishAsync(station, Replay("2019-05-21T12:00:00Z"));
        await Eventually.WaitAsync(() => HistoryAsync(admin, station.Id, $"from={Q(FirstHour)}&fields=no2"), h => h.GetProperty("series").GetProperty("no2").GetArrayLength() == readings.Count, Patience);

        var history = await HistoryAsync(admin, station.Id, $"from={Q(FirstHour)}&fields=no2&every=3h&agg={agg}");
        var iso = await HistoryAsync(admin, station.Id, $"from={Q(FirstHour)}&fields=no2&every=PT3H&agg={agg}");

        Assert.Equal("PT3H", history.GetProperty("every").GetString());
        Assert.Equal(agg, history.GetProperty("agg").GetString());
        Assert.Equal(Windows(readings, TimeSpan.FromHours(3), agg), Points(history, "no2"));
        Assert.Equal(Points(history, "no2"), Points(iso, "no2"));
    }

    [Fact]
    public async Task An_area_history_aggregates_every_asset_of_the_kind_in_the_area()
    {
        using var admin = fixture.Admin();
        var area = await TestArea.AddAsync(admin);
        await using var first = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(area.Centre));
        await using var second = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(area.Centre));
        await using var counter = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.Footfall().At(area.Centre));
        var readings = (await PublishAsync(first, Replay("2019-05-20T12:00:00Z"))).Concat(await PublishAsync(second, Replay("2019-06-03T00:00:00Z"))).ToList();
        await counter.SendAsync(FirstHour.AddMinutes(15), "\"interval\":900,\"countIn\":12,\"countOut\":9");
        var path = $"/api/areas/{area.Id}/history?kind=air-quality&field=no2&from={Q(FirstHour)}";

        var counted = await Eventually.WaitAsync(() => admin.GetJsonAsync(path + "&agg=count"), h => h.Status == HttpStatusCode.OK && Points(h.Body, "no2").Sum(p => p.Value) == readings.Count, Patience);
        var mean = (await admin.GetJsonAsync(path)).AssertOk();
        var max = (await admin.GetJsonAsync(path + "&every=6h&agg=max")).AssertOk();
        var footfall = await Eventually.WaitAsync(() => admin.GetJsonAsync($"/api/areas/{area.Id}/history?kind=footfall&field=countIn&from={Q(FirstHour)}&agg=sum"), h => h.Status == HttpStatusCode.OK && Points(h.Body, "countIn").Count > 0, Patience);

        Assert.Equal(area.Id, mean.GetProperty("area").GetString());
        Assert.Equal("PT1H", mean.GetProperty("every").GetString());
        Assert.Equal("mean", mean.GetProperty("agg").GetString());
        Assert.Equal(Windows(readings, TimeSpan.FromHours(1), "count"), Points(counted.Body, "no2"));
        Assert.Equal(Windows(readings, TimeSpan.FromHours(1), "mean"), Points(mean, "no2"));
        Assert.Equal(Windows(readings, TimeSpan.FromHours(6), "max"), Points(max, "no2"));
        Assert.Equal(new List<(DateTimeOffset, double)> { (FirstHour, 12) }, Points(footfall.Body, "countIn"));
    }

    [Fact]
    public async Task A_scoped_key_reads_no_history_outside_its_areas()
    {
        using var admin = fixture.Admin();
        using var camden = fixture.WithKey((await ApiKeys.IssueAsync(admin, "operator", [Places.Camden])).Key);
        await using var museum = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));
        await using var palace = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.PalaceOfWestminster));

        (await camden.GetJsonAsync($"/api/assets/{museum.Id}/history")).AssertOk();
        (await camden.GetJsonAsync($"/api/areas/{Places.Camden}/history?kind=air-quality&field=no2")).AssertOk();
        (await camden.GetJsonAsync($"/api/assets/{palace.Id}/history")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
        (await camden.GetJsonAsync($"/api/areas/{Places.Westminster}/history?kind=air-quality&field=no2")).AssertProblem(HttpStatusCode.NotFound, "area-not-found");
        (await admin.GetJsonAsync("/api/assets/aq-no-such-asset/history")).AssertProblem(HttpStatusCode.NotFound, "asset-not-found");
        (await admin.GetJsonAsync("/api/areas/no-such-area/history?kind=air-quality&field=no2")).AssertProblem(HttpStatusCode.NotFound, "area-not-found");
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_history_request_is_refused_with_the_problem_that_names_it(string query, string slug)
    {
        using var admin = fixture.Admin();
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality());

        (await admin.GetJsonAsync($"/api/assets/{station.Id}/history?{query}")).AssertProblem(HttpStatusCode.BadRequest, slug);
    }

    [Theory]
    [InlineData("field=no2", "bad-query")]
    [InlineData("kind=lamp-post&field=no2", "bad-query")]
    [InlineData("kind=air-quality", "bad-query")]
    [InlineData("kind=air-quality&field=countIn", "unknown-field")]
    [InlineData("kind=air-quality&field=no2&every=1m&from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:00Z", "time-range-too-large")]
    [InlineData("kind=air-quality&field=no2&from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "bad-time-range")]
    public async Task A_bad_area_history_request_is_refused_with_the_problem_that_names_it(string query, string slug)
    {
        using var admin = fixture.Admin();

        (await admin.GetJsonAsync($"/api/areas/{Places.Camden}/history?{query}")).AssertProblem(HttpStatusCode.BadRequest, slug);
    }

    [Theory]
    [MemberData(nameof(ExtremeTimeRanges.All), MemberType = typeof(ExtremeTimeRanges))]
    public async Task An_extreme_time_in_asset_history_is_bad_time_range_naming_the_parameter(string query, string parameter)
    {
        using var admin = fixture.Admin();
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality());

        var detail = (await admin.GetJsonAsync($"/api/assets/{station.Id}/history?{query}&every=1h")).AssertProblem(HttpStatusCode.BadRequest, "bad-time-range");

        Assert.StartsWith(parameter + " ", detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ExtremeTimeRanges.All), MemberType = typeof(ExtremeTimeRanges))]
    public async Task An_extreme_time_in_area_history_is_bad_time_range_naming_the_parameter(string query, string parameter)
    {
        using var admin = fixture.Admin();

        var detail = (await admin.GetJsonAsync($"/api/areas/{Places.Camden}/history?kind=air-quality&field=no2&{query}")).AssertProblem(HttpStatusCode.BadRequest, "bad-time-range");

        Assert.StartsWith(parameter + " ", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_field_is_answered_with_the_fields_the_kind_has()
    {
        using var admin = fixture.Admin();
        await using var counter = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.Footfall());

        var detail = (await admin.GetJsonAsync($"/api/assets/{counter.Id}/history?fields=no2")).AssertProblem(HttpStatusCode.BadRequest, "unknown-field");

        Assert.Equal("footfall has no field 'no2'; it has interval, countIn, countOut, battery, rssi", detail);
    }

    [Fact]
    public async Task Windows_may_span_more_than_raw_points_may()
    {
        using var admin = fixture.Admin();
        await using var station = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality());

        var month = await HistoryAsync(admin, station.Id, $"from={Q(FirstHour.AddDays(-30))}&every=1h&agg=max");

        Assert.Equal("max", month.GetProperty("agg").GetString());
    }

    /// <summary>Twelve hours of the station's rows from <paramref name="start"/>, moved (gaps and all) to start at <see cref="FirstHour"/>, twenty minutes past.</summary>
    private static List<(DateTimeOffset At, double Value)> Replay(string start)
    {
        var from = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture);
        var shift = FirstHour - from + TimeSpan.FromMinutes(20);
        return [.. Westminster.Where(r => r.Time >= from && r.Time < from.AddHours(12)).OrderBy(r => r.Time).Select(r => (r.Time + shift, r.Value))];
    }

    private static async Task<List<(DateTimeOffset At, double Value)>> PublishAsync(AssetDevice device, List<(DateTimeOffset At, double Value)> readings, string extra = "")
    {
        await device.SendBatchAsync(readings.Select(r => (r.At, extra + "\"no2\":" + r.Value.ToString(CultureInfo.InvariantCulture))));
        return readings;
    }

    /// <summary>
    /// The windows of <paramref name="every"/> from the Unix epoch that hold readings, each reduced by
    /// <paramref name="agg"/>; a mean in exact decimals, to hundredths (no2's readings are in tenths).
    /// </summary>
    private static List<(DateTimeOffset At, double Value)> Windows(IEnumerable<(DateTimeOffset At, double Value)> readings, TimeSpan every, string agg)
    {
        var everyMs = (long)every.TotalMilliseconds;
        return [.. readings
            .GroupBy(r => r.At.ToUnixTimeMilliseconds() / everyMs * everyMs)
            .OrderBy(g => g.Key)
            .Select(g => (DateTimeOffset.FromUnixTimeMilliseconds(g.Key), agg switch
            {
                "mean" => (double)Math.Round(g.Average(r => (decimal)r.Value), 2, MidpointRounding.ToEven),
                "min" => g.Min(r => r.Value),
                "max" => g.Max(r => r.Value),
                "count" => g.Count(),
                "sum" => g.Sum(r => r.Value),
                _ => g.OrderBy(r => r.At).Last().Value,
            }))];
    }

    private static async Task<JsonElement> HistoryAsync(HttpClient client, string assetId, string query) =>
        (await client.GetJsonAsync($"/api/assets/{assetId}/history?{query}")).AssertOk();

    private static List<(DateTimeOffset At, double Value)> Points(JsonElement history, string field) =>
        [.. history.GetProperty("series").GetProperty(field).EnumerateArray().Select(p => (p.GetProperty("t").GetDateTimeOffset(), p.GetProperty("v").GetDouble()))];

    private static DateTimeOffset HourOf(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, 0, 0, TimeSpan.Zero);

    private static string Q(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));
}
