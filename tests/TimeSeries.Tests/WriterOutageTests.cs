using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TimeSeries.Influx;
using UrbanTwin.TimeSeries.LineProtocol;
using UrbanTwin.TimeSeries.Writing;

namespace UrbanTwin.TimeSeries.Tests;

/// <summary>influxd goes away under load and comes back: every point is in InfluxDB afterwards, once.</summary>
public sealed class WriterOutageTests
{
    private const int Points = 100_000;
    private const long Start = 1_557_219_600_000;

    [Fact]
    public async Task Points_written_across_an_influxd_outage_all_arrive_once()
    {
        await using var influx = await InfluxServer.StartAsync();
        var spool = ServerProcess.CreateDirectory("spool");
        var client = await ClientAsync(influx);
        var writer = new TimeSeriesWriter(client, new TimeSeriesWriterOptions { SpoolDirectory = spool, FlushInterval = TimeSpan.FromMilliseconds(200) }, NullLogger.Instance);

        // The first half goes in while influxd runs, the second half while it is down.
        await ProduceAsync(writer, 0, Points / 2);
        await Eventually.WaitAsync(() => CountAsync(client), n => n > 0, TimeSpan.FromSeconds(30));
        await influx.StopAsync();
        await ProduceAsync(writer, Points / 2, Points / 2);
        var spooledDuringOutage = await Eventually.WaitAsync(() => Task.FromResult(writer.SpoolBytes), b => b > 0, TimeSpan.FromSeconds(30));

        // influxd stays away for a minute, then comes back.
        await Task.Delay(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        await influx.RestartAsync();
        await Eventually.WaitAsync(() => Task.FromResult(writer.SpoolBytes), b => b == 0, TimeSpan.FromSeconds(60));
        await writer.DisposeAsync();

        Assert.True(spooledDuringOutage > 0);
        Assert.Equal(Points, await CountAsync(client));
        Directory.Delete(spool, recursive: true);
    }

    [Fact]
    public async Task Spool_left_by_a_stopped_process_is_replayed_by_the_next_one()
    {
        await using var influx = await InfluxServer.StartAsync();
        var spool = ServerProcess.CreateDirectory("spool");
        var client = await ClientAsync(influx);
        await influx.StopAsync();

        var first = new TimeSeriesWriter(client, new TimeSeriesWriterOptions { SpoolDirectory = spool, FlushInterval = TimeSpan.FromMilliseconds(100) }, NullLogger.Instance);
        await ProduceAsync(first, 0, 20_000);
        await first.DisposeAsync();
        var leftOver = Directory.GetFiles(spool, "*.lp").Length;

        await influx.RestartAsync();
        var second = new TimeSeriesWriter(client, new TimeSeriesWriterOptions { SpoolDirectory = spool, FlushInterval = TimeSpan.FromMilliseconds(100) }, NullLogger.Instance);
        await Eventually.WaitAsync(() => Task.FromResult(second.SpoolBytes), b => b == 0, TimeSpan.FromSeconds(60));
        await second.DisposeAsync();

        Assert.True(leftOver > 0, "nothing was spooled while influxd was down");
        Assert.Equal(20_000, await CountAsync(client));
        Directory.Delete(spool, recursive: true);
    }

    private static async Task<InfluxClient> ClientAsync(InfluxServer influx)
    {
        var client = new InfluxClient(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, new InfluxOptions { Url = influx.BaseUri, Database = "outage" });
        (await client.CommandAsync("CREATE DATABASE outage", TestContext.Current.CancellationToken)).Dispose();
        return client;
    }

    /// <summary>Submits points one message at a time, as twins will: each its own timestamp.</summary>
    private static async Task ProduceAsync(TimeSeriesWriter writer, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            var buffer = new ArrayBufferWriter<byte>(256); // the writer keeps what it is handed
            LinePoint.Start(buffer, "air_quality").Tag("asset", "aq-westminster-01").Field("no2", i % 97).End(Start + i);
            await writer.SubmitAsync(buffer.WrittenMemory, 1, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<long> CountAsync(InfluxClient client)
    {
        try
        {
            using var result = await client.QueryAsync("SELECT count(\"no2\") FROM \"air_quality\"", new Dictionary<string, object>(), TestContext.Current.CancellationToken);
            var first = result.RootElement.GetProperty("results")[0];
            return first.TryGetProperty("series", out var series) ? series[0].GetProperty("values")[0][1].GetInt64() : 0;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
