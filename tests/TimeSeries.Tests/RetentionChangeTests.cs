using Microsoft.Extensions.Logging.Abstractions;
using UrbanTwin.Contracts;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TimeSeries.Influx;
using UrbanTwin.TimeSeries.Series;
using UrbanTwin.TimeSeries.Writing;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>
/// A node restarted with other retentions than its database was set up with: the retention
/// policies take the new durations (InfluxDB refuses to create one that exists with another) and
/// the store is ready and works.
/// </summary>
[Collection(InfluxCollection.Name)]
public sealed class RetentionChangeTests(InfluxFixture fixture) : IAsyncDisposable
{
    private readonly string _database = "retention_" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<TimeSeriesWriter> _writers = [];
    private readonly List<string> _spools = [];

    [Fact]
    public async Task Setting_up_again_with_changed_retentions_alters_the_policies_and_the_store_works()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store(raw: TimeSpan.FromDays(30), minute: TimeSpan.FromDays(180), hour: null).InitializeAsync(ct);
        var restarted = Store(raw: TimeSpan.FromHours(12), minute: TimeSpan.FromDays(20), hour: TimeSpan.FromDays(400));
        var readyBefore = restarted.SchemaReady;

        await restarted.InitializeAsync(ct);

        var policies = await PoliciesAsync(ct);
        Assert.False(readyBefore);
        Assert.True(restarted.SchemaReady);
        Assert.Equal(("12h0m0s", true), policies["raw"]);
        Assert.Equal(("480h0m0s", false), policies["by_minute"]);
        Assert.Equal(("9600h0m0s", false), policies["by_hour"]);
        var ts = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds();
        await restarted.AppendAsync([No2Points.Point("aq-westminster-01", ts, 41.5)], ct);
        await restarted.FlushAsync(ct);
        Assert.Equal([new SeriesValue(ts, 41.5)], await restarted.RawAsync(DeviceKind.AirQuality, "aq-westminster-01", "no2", ts, ts + 1, ct));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var writer in _writers)
        {
            await writer.DisposeAsync();
        }

        foreach (var spool in _spools)
        {
            Directory.Delete(spool, recursive: true);
        }
    }

    private InfluxTimeSeriesStore Store(TimeSpan? raw, TimeSpan? minute, TimeSpan? hour)
    {
        var options = new InfluxOptions { Url = fixture.Server.BaseUri, Database = _database, RawRetention = raw, MinuteRetention = minute, HourRetention = hour };
        var client = new InfluxClient(new HttpClient(), options);
        var spool = ServerProcess.CreateDirectory("spool");
        var writer = new TimeSeriesWriter(client, new TimeSeriesWriterOptions { SpoolDirectory = spool, FlushInterval = TimeSpan.FromMilliseconds(100) }, NullLogger.Instance, held: true);
        _spools.Add(spool);
        _writers.Add(writer);
        return new InfluxTimeSeriesStore(client, writer, options);
    }

    /// <summary>Each policy's duration as InfluxDB shows it and whether it is the database's default.</summary>
    private async Task<Dictionary<string, (string Duration, bool Default)>> PoliciesAsync(CancellationToken ct)
    {
        var client = new InfluxClient(new HttpClient(), new InfluxOptions { Url = fixture.Server.BaseUri, Database = _database });
        using var result = await client.QueryAsync($"SHOW RETENTION POLICIES ON \"{_database}\"", new Dictionary<string, object>(), ct);
        var series = result.RootElement.GetProperty("results")[0].GetProperty("series")[0];
        return series.GetProperty("values").EnumerateArray().ToDictionary(v => v[0].GetString()!, v => (v[1].GetString()!, v[4].GetBoolean()));
    }
}
