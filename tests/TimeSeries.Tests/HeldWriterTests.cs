using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TimeSeries.Influx;
using UrbanTwin.TimeSeries.LineProtocol;
using UrbanTwin.TimeSeries.Writing;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>
/// Readings that come before the node has created its database (InfluxDB would refuse them as
/// "database not found", a 4xx that is not retried) wait in the spool and all arrive afterwards.
/// </summary>
[Collection(InfluxCollection.Name)]
public sealed class HeldWriterTests(InfluxFixture fixture)
{
    private const int Points = 1_000;

    [Fact]
    public async Task A_held_writer_spools_until_the_database_exists_then_sends_every_point()
    {
        var ct = TestContext.Current.CancellationToken;
        var spool = ServerProcess.CreateDirectory("spool");
        var options = new InfluxOptions { Url = fixture.Server.BaseUri, Database = "held_" + Guid.NewGuid().ToString("N")[..8] };
        var client = new InfluxClient(new HttpClient(), options);
        await using var writer = new TimeSeriesWriter(client, new TimeSeriesWriterOptions { SpoolDirectory = spool, FlushInterval = TimeSpan.FromMilliseconds(100) }, NullLogger.Instance, held: true);
        var store = new InfluxTimeSeriesStore(client, writer, options);

        var start = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds();
        for (var i = 0; i < Points; i++)
        {
            var buffer = new ArrayBufferWriter<byte>(256); // the writer keeps what it is handed
            LinePoint.Start(buffer, "air_quality").Tag("asset", "aq-westminster-01").Field("no2", i % 97).End(start + i);
            await writer.SubmitAsync(buffer.WrittenMemory, 1, ct);
        }

        await writer.DrainAsync(ct);
        var spooledBefore = writer.SpoolBytes;
        var existedBefore = await DatabaseExistsAsync(client, options.Database);

        await store.InitializeAsync(ct);
        var stored = await Eventually.WaitAsync(() => CountAsync(client), n => n >= Points, TimeSpan.FromSeconds(30));
        await Eventually.WaitAsync(() => Task.FromResult(writer.SpoolBytes), b => b == 0, TimeSpan.FromSeconds(30));

        Assert.True(spooledBefore > 0, "a held writer sent its batches instead of spooling them");
        Assert.False(existedBefore);
        Assert.Equal(Points, stored);
        Directory.Delete(spool, recursive: true);
    }

    private static async Task<bool> DatabaseExistsAsync(InfluxClient client, string name)
    {
        using var result = await client.QueryAsync("SHOW DATABASES", new Dictionary<string, object>(), TestContext.Current.CancellationToken);
        return result.RootElement.GetProperty("results")[0].TryGetProperty("series", out var series)
            && series[0].TryGetProperty("values", out var values)
            && values.EnumerateArray().Any(v => v[0].GetString() == name);
    }

    private static async Task<long> CountAsync(InfluxClient client)
    {
        using var count = await client.QueryAsync("SELECT count(\"no2\") FROM \"raw\".\"air_quality\"", new Dictionary<string, object>(), TestContext.Current.CancellationToken);
        var result = count.RootElement.GetProperty("results")[0];
        return result.TryGetProperty("series", out var series) ? series[0].GetProperty("values")[0][1].GetInt64() : 0;
    }
}
