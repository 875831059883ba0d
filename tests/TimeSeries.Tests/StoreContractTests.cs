using System.Globalization;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.TestSupport;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>
/// The same contract for both stores (InfluxDB and embedded), on London Westminster's real hourly
/// NO2 of May–June 2019: raw values come back bit-exact, window aggregates equal a plain LINQ
/// computation over the same points, per asset and per area. Windows of several fields for every
/// asset at once are checked on Seattle's Burke-Gilman Trail counts of the same months, spread over
/// three counters (two in an area, one in none; one with a battery reading).
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private const string Area = "E09000033";
    private static readonly List<(long Ts, double No2)> Westminster = LoadWestminster();
    private static readonly List<TrailHour> Trail = LoadTrail();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected ITimeSeriesStore Store { get; private set; } = null!;

    private string AssetA => "aq-westminster-" + _run;

    private string AssetB => "aq-marylebone-" + _run;

    private string AreaId => Area + "-" + _run;

    /// <summary>The trail's counters as three footfall assets: pedestrians, bikes (half an hour later, with a battery), and pedestrians again outside every area.</summary>
    private List<FootfallPoint> Counters =>
    [
        .. Trail.Select(h => new FootfallPoint("ff-peds-" + _run, AreaId, h.Ts, h.PedNorth, h.PedSouth, null)),
        .. Trail.Select((h, i) => new FootfallPoint("ff-bikes-" + _run, AreaId, h.Ts + 1_800_000, h.BikeNorth, h.BikeSouth, 3.3 + (i % 7 * 0.1))),
        .. Trail.Where((_, i) => i % 3 == 0).Select(h => new FootfallPoint("ff-nowhere-" + _run, null, h.Ts + 60_000, h.PedSouth, h.PedNorth, null)),
    ];

    public async ValueTask InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(TestContext.Current.CancellationToken);
        var points = new List<SeriesPoint>();
        foreach (var (ts, no2) in Westminster)
        {
            points.Add(No2Points.Point(AssetA, ts, no2, AreaId));
            points.Add(No2Points.Point(AssetB, ts + 90_000, no2 + 1.5, AreaId));
        }

        points.AddRange(Counters.Select(c => new SeriesPoint(DeviceKind.Footfall, c.Asset, c.Area, c.ToReading())));

        await Store.AppendAsync(points, TestContext.Current.CancellationToken);
        await Store.FlushAsync(TestContext.Current.CancellationToken);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Raw_range_comes_back_bit_exact()
    {
        var (from, to) = (Westminster[100].Ts, Westminster[300].Ts);

        var raw = await Store.RawAsync(DeviceKind.AirQuality, AssetA, "no2", from, to, TestContext.Current.CancellationToken);

        var expected = Westminster.Where(p => p.Ts >= from && p.Ts < to).Select(p => new SeriesValue(p.Ts, p.No2)).ToList();
        Assert.Equal(expected, raw);
    }

    [Theory]
    [InlineData(Aggregate.Mean, 6)]
    [InlineData(Aggregate.Min, 6)]
    [InlineData(Aggregate.Max, 24)]
    [InlineData(Aggregate.Count, 24)]
    [InlineData(Aggregate.Sum, 6)]
    [InlineData(Aggregate.Last, 24)]
    public async Task Asset_window_aggregates_equal_a_plain_computation(Aggregate aggregate, int hours)
    {
        var every = hours * 3_600_000L;
        var (from, to) = (Westminster[0].Ts, Westminster[^1].Ts + 1);

        var actual = await Store.AggregateAsync(DeviceKind.AirQuality, AssetA, false, "no2", aggregate, every, from, to, TestContext.Current.CancellationToken);

        AssertClose(Expect(Westminster, aggregate, every, from, to), actual, $"{aggregate} per {hours} h of {AssetA}");
    }

    [Theory]
    [InlineData(Aggregate.Mean)]
    [InlineData(Aggregate.Count)]
    [InlineData(Aggregate.Max)]
    public async Task Area_window_aggregates_cover_every_asset_of_the_area(Aggregate aggregate)
    {
        var every = 24 * 3_600_000L;
        var both = Westminster.Concat(Westminster.Select(p => (p.Ts + 90_000, p.No2 + 1.5))).OrderBy(p => p.Item1).ToList();
        var (from, to) = (Westminster[0].Ts, Westminster[^1].Ts + 1);

        var actual = await Store.AggregateAsync(DeviceKind.AirQuality, AreaId, true, "no2", aggregate, every, from, to, TestContext.Current.CancellationToken);

        AssertClose(Expect(both, aggregate, every, from, to), actual, $"{aggregate} per day of area {AreaId}");
    }

    [Fact]
    public async Task Unknown_field_is_refused_with_the_fields_the_kind_has()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.RawAsync(DeviceKind.AirQuality, AssetA, "no2\"; DROP", 0, 1, TestContext.Current.CancellationToken));
        Assert.Contains("pm2_5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(24)]
    public async Task Windows_of_several_fields_for_every_asset_equal_a_plain_computation(int hours)
    {
        var every = hours * 3_600_000L;
        var (from, to) = (Trail[10].Ts + 1_000, Trail[^10].Ts);
        FieldAggregate[] fields = [new("countIn", Aggregate.Sum), new("countOut", Aggregate.Mean), new("interval", Aggregate.Min), new("battery", Aggregate.Max)];

        var actual = await Store.AggregateByAssetAsync(DeviceKind.Footfall, null, fields, every, from, to, TestContext.Current.CancellationToken);

        var mine = actual.Where(w => w.AssetId.EndsWith(_run, StringComparison.Ordinal)).ToList();
        AssertWindows(ExpectWindows(Counters, fields, every, from, to), mine, $"every {hours} h");
    }

    [Fact]
    public async Task Windows_of_several_fields_for_one_area_leave_other_areas_out()
    {
        var every = 24 * 3_600_000L;
        var (from, to) = (Trail[0].Ts, Trail[^1].Ts + 1);
        FieldAggregate[] fields = [new("countIn", Aggregate.Sum), new("countOut", Aggregate.Sum)];

        var actual = await Store.AggregateByAssetAsync(DeviceKind.Footfall, AreaId, fields, every, from, to, TestContext.Current.CancellationToken);

        AssertWindows(ExpectWindows([.. Counters.Where(c => c.Area == AreaId)], fields, every, from, to), actual, $"area {AreaId}");
    }

    [Fact]
    public async Task Windows_with_none_of_the_fields_are_left_out()
    {
        var (from, to) = (Trail[0].Ts, Trail[^1].Ts + 3_600_000);

        var actual = await Store.AggregateByAssetAsync(DeviceKind.Footfall, AreaId, [new("battery", Aggregate.Mean)], 3_600_000, from, to, TestContext.Current.CancellationToken);

        Assert.Equal(Trail.Count, actual.Count);
        Assert.All(actual, w => Assert.Equal("ff-bikes-" + _run, w.AssetId));
    }

    [Fact]
    public async Task Windows_of_several_fields_refuse_an_aggregate_they_cannot_compute_alike()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.AggregateByAssetAsync(DeviceKind.Footfall, null, [new("countIn", Aggregate.Last)], 3_600_000, 0, 1, TestContext.Current.CancellationToken));
        Assert.Contains("mean, sum, min or max", error.Message, StringComparison.Ordinal);
    }

    protected abstract Task<ITimeSeriesStore> CreateStoreAsync();

    /// <summary>The windows a store must answer, computed plainly: per asset, area and window, each field's aggregate over the points that have it.</summary>
    private static List<AssetWindow> ExpectWindows(List<FootfallPoint> points, FieldAggregate[] fields, long every, long from, long to)
    {
        var windows = new List<AssetWindow>();
        foreach (var group in points.Where(p => p.Ts >= from && p.Ts < to).GroupBy(p => (p.Asset, p.Area, Start: p.Ts - (p.Ts % every))))
        {
            var values = fields.Select(f =>
            {
                var present = group.Select(p => p.Value(f.Field)).OfType<double>().ToList();
                return present.Count == 0 ? (double?)null : f.Aggregate switch
                {
                    Aggregate.Sum => present.Sum(),
                    Aggregate.Mean => present.Sum() / present.Count,
                    Aggregate.Min => present.Min(),
                    _ => present.Max(),
                };
            }).ToList();
            if (values.Any(v => v is not null))
            {
                windows.Add(new AssetWindow(group.Key.Asset, group.Key.Area, group.Key.Start, values));
            }
        }

        windows.Sort(AssetWindow.Order);
        return windows;
    }

    private static void AssertWindows(List<AssetWindow> expected, IReadOnlyList<AssetWindow> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {expected.Count} windows expected, {actual.Count} returned");
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.True((e.AssetId, e.AreaId, e.StartMs) == (a.AssetId, a.AreaId, a.StartMs), $"{what}: row {i} is {a.AssetId}/{a.AreaId}/{a.StartMs}, expected {e.AssetId}/{e.AreaId}/{e.StartMs}");
            for (var f = 0; f < e.Values.Count; f++)
            {
                var close = e.Values[f] is { } x ? a.Values[f] is { } y && Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)) : a.Values[f] is null;
                Assert.True(close, $"{what}: row {i} ({a.AssetId} at {a.StartMs}) field {f} is {a.Values[f]?.ToString(CultureInfo.InvariantCulture) ?? "null"}, expected {e.Values[f]?.ToString(CultureInfo.InvariantCulture) ?? "null"}");
            }
        }
    }

    private static List<SeriesValue> Expect(List<(long Ts, double No2)> points, Aggregate aggregate, long every, long from, long to) =>
        [.. points.Where(p => p.Ts >= from && p.Ts < to)
            .GroupBy(p => p.Ts - (p.Ts % every))
            .OrderBy(g => g.Key)
            .Select(g => new SeriesValue(g.Key, aggregate switch
            {
                Aggregate.Mean => g.Sum(p => p.No2) / g.Count(),
                Aggregate.Min => g.Min(p => p.No2),
                Aggregate.Max => g.Max(p => p.No2),
                Aggregate.Count => g.Count(),
                Aggregate.Sum => g.Sum(p => p.No2),
                _ => g.OrderBy(p => p.Ts).Last().No2,
            }))];

    private static void AssertClose(List<SeriesValue> expected, IReadOnlyList<SeriesValue> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {expected.Count} windows expected, {actual.Count} returned");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].TimestampMs == actual[i].TimestampMs, $"{what}: window {i} starts at {actual[i].TimestampMs}, expected {expected[i].TimestampMs}");
            Assert.True(Math.Abs(expected[i].Value - actual[i].Value) <= 1e-9 * Math.Max(1, Math.Abs(expected[i].Value)), $"{what}: window {i} ({expected[i].TimestampMs}) is {actual[i].Value}, expected {expected[i].Value}");
        }
    }

    /// <summary>The trail's hourly rows; times are the local (PDT, UTC−7) start of each hour.</summary>
    private static List<TrailHour> LoadTrail() =>
        [.. File.ReadLines(Path.Combine(RepositoryPaths.TestData, "readings", "footfall", "Burke_Gilman_Trail_north_of_NE_70th_St_Bike_and_Ped_Counter_2019-05_2019-06.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(c => new TrailHour(
                new DateTimeOffset(DateTime.ParseExact(c[0], "MM/dd/yyyy hh:mm:ss tt", CultureInfo.InvariantCulture), TimeSpan.FromHours(-7)).ToUnixTimeMilliseconds(),
                int.Parse(c[3], CultureInfo.InvariantCulture),
                int.Parse(c[2], CultureInfo.InvariantCulture),
                int.Parse(c[4], CultureInfo.InvariantCulture),
                int.Parse(c[5], CultureInfo.InvariantCulture)))];

    private static List<(long Ts, double No2)> LoadWestminster() =>
        [.. File.ReadLines(Path.Combine(RepositoryPaths.TestData, "readings", "openaq-no2-long.csv"))
            .Where(line => line.Contains("London Westminster", StringComparison.Ordinal))
            .Select(line => line.Split(','))
            .Select(c => (DateTimeOffset.Parse(c[2], CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), double.Parse(c[5], CultureInfo.InvariantCulture)))
            .OrderBy(p => p.Item1)];

    private sealed record TrailHour(long Ts, int PedNorth, int PedSouth, int BikeNorth, int BikeSouth);

    /// <summary>One hourly footfall reading of one counter, as the store gets it and as the plain computation reads it.</summary>
    private sealed record FootfallPoint(string Asset, string? Area, long Ts, int CountIn, int CountOut, double? Battery)
    {
        public double? Value(string field) => field switch
        {
            "countIn" => CountIn,
            "countOut" => CountOut,
            "interval" => 3600,
            "battery" => Battery,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a field of these points"),
        };

        public Reading ToReading()
        {
            var values = default(FieldValues);
            values[FootfallField.Interval] = 3600;
            values[FootfallField.CountIn] = CountIn;
            values[FootfallField.CountOut] = CountOut;
            var present = (1 << FootfallField.Interval) | (1 << FootfallField.CountIn) | (1 << FootfallField.CountOut);
            if (Battery is { } battery)
            {
                values[FootfallField.Battery] = battery;
                present |= 1 << FootfallField.Battery;
            }

            return new Reading(1, Ts, values, (byte)present);
        }
    }
}
