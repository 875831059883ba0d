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
/// computation over the same points, per asset and per area.
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private const string Area = "E09000033";
    private static readonly List<(long Ts, double No2)> Westminster = LoadWestminster();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    protected ITimeSeriesStore Store { get; private set; } = null!;

    private string AssetA => "aq-westminster-" + _run;

    private string AssetB => "aq-marylebone-" + _run;

    private string AreaId => Area + "-" + _run;

    public async ValueTask InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(TestContext.Current.CancellationToken);
        var points = new List<SeriesPoint>();
        foreach (var (ts, no2) in Westminster)
        {
            points.Add(new SeriesPoint(DeviceKind.AirQuality, AssetA, AreaId, Reading(ts, no2)));
            points.Add(new SeriesPoint(DeviceKind.AirQuality, AssetB, AreaId, Reading(ts + 90_000, no2 + 1.5)));
        }

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

    protected abstract Task<ITimeSeriesStore> CreateStoreAsync();

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

    private static Reading Reading(long ts, double no2)
    {
        var values = default(FieldValues);
        values[AirQualityField.No2] = no2;
        return new Reading(1, ts, values, 1 << AirQualityField.No2);
    }

    private static List<(long Ts, double No2)> LoadWestminster() =>
        [.. File.ReadLines(Path.Combine(RepositoryPaths.SharedData, "readings", "openaq-no2-long.csv"))
            .Where(line => line.Contains("London Westminster", StringComparison.Ordinal))
            .Select(line => line.Split(','))
            .Select(c => (DateTimeOffset.Parse(c[2], CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), double.Parse(c[5], CultureInfo.InvariantCulture)))
            .OrderBy(p => p.Item1)];
}
