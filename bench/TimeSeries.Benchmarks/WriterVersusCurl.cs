using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using UrbanTwin.TestSupport.Servers;
using UrbanTwin.TimeSeries.Influx;
using UrbanTwin.TimeSeries.LineProtocol;
using UrbanTwin.TimeSeries.Writing;

namespace UrbanTwin.TimeSeries.Benchmarks;

/// <summary>
/// Points per second into a real influxd, same points, same run: (1) the raw rate, curl posting
/// pre-built 5,000-line files two at a time; (2) our buffered writer, fed one point per submission
/// as twins feed it, until everything is written. Both counted in InfluxDB afterwards.
/// </summary>
public static class WriterVersusCurl
{
    public static async Task RunAsync(int points)
    {
        await using var influx = await InfluxServer.StartAsync();
        var directory = ServerProcess.CreateDirectory("writer-bench");
        try
        {
            var lines = Enumerable.Range(0, points).Select(i => Line(i)).ToArray();
            var curlRate = await CurlAsync(influx, directory, lines);
            var writerRate = await WriterAsync(influx, directory, lines, points);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| curl, 5,000-line files, 2 at a time | {points:N0} | {curlRate:N0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| TimeSeriesWriter, one point per submission | {points:N0} | {writerRate:N0} |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"writer / curl: {writerRate / curlRate:P0}"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static byte[] Line(int i)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        LinePoint.Start(buffer, "air_quality").Tag("area", "E09000033").Tag("asset", "aq-" + (i % 1000).ToString("D4", CultureInfo.InvariantCulture)).Tag("kind", "air-quality")
            .Field("no2", 20 + (i % 60)).Field("pm2_5", 5 + (i % 30)).End(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds() + (i / 1000));
        return buffer.WrittenSpan.ToArray();
    }

    private static async Task<double> CurlAsync(InfluxServer influx, string directory, byte[][] lines)
    {
        var client = await ClientAsync(influx, "curl_bench");
        var files = new List<string>();
        for (var i = 0; i < lines.Length; i += 5_000)
        {
            var file = Path.Combine(directory, $"batch-{i:D9}.lp");
            await File.WriteAllBytesAsync(file, lines.Skip(i).Take(5_000).SelectMany(l => l).ToArray());
            files.Add(file);
        }

        var url = new Uri(influx.BaseUri, "write?db=curl_bench&precision=ms").ToString();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (file, ct) =>
        {
            using var curl = Process.Start(new ProcessStartInfo("curl", ["-s", "-f", "-XPOST", url, "--data-binary", "@" + file]) { UseShellExecute = false })!;
            await curl.WaitForExitAsync(ct);
            if (curl.ExitCode != 0)
            {
                throw new InvalidOperationException("curl failed on " + file);
            }
        });
        clock.Stop();
        await CheckCountAsync(client, lines.Length);
        return lines.Length / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> WriterAsync(InfluxServer influx, string directory, byte[][] lines, int points)
    {
        var client = await ClientAsync(influx, "writer_bench");
        await using var writer = new TimeSeriesWriter(client, new TimeSeriesWriterOptions { SpoolDirectory = Path.Combine(directory, "spool") }, NullLogger.Instance);
        var clock = Stopwatch.StartNew();
        foreach (var line in lines)
        {
            await writer.SubmitAsync(line, 1, CancellationToken.None);
        }

        await writer.DrainAsync(CancellationToken.None);
        clock.Stop();
        await CheckCountAsync(client, points);
        return points / clock.Elapsed.TotalSeconds;
    }

    private static async Task<InfluxClient> ClientAsync(InfluxServer influx, string database)
    {
        var client = new InfluxClient(new HttpClient { Timeout = TimeSpan.FromMinutes(2) }, new InfluxOptions { Url = influx.BaseUri, Database = database });
        (await client.CommandAsync($"CREATE DATABASE {database}", CancellationToken.None)).Dispose();
        return client;
    }

    private static async Task CheckCountAsync(InfluxClient client, int expected)
    {
        using var result = await client.QueryAsync("SELECT count(\"no2\") FROM \"air_quality\"", new Dictionary<string, object>(), CancellationToken.None);
        var count = result.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values")[0][1].GetInt64();
        if (count != expected)
        {
            throw new InvalidOperationException($"{count} points stored, {expected} written");
        }
    }
}
