using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using UrbanTwin.Bench.Load;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// The broker's limit: the load devices publish to mosquitto alone and one <c>mosquitto_sub</c>
/// (QoS 1) receives every reading; the clock stops when it has them all. A second subscriber
/// takes the probe stations' readings with its own arrival time (<c>%U</c>) for the latency.
/// </summary>
public static class MosquittoAlone
{
    /// <summary>mosquitto as every scenario runs it: no cap on messages in flight or queued per client (its defaults, 20 and 1,000, would throttle or drop).</summary>
    public static readonly IReadOnlyList<string> Unbounded = ["max_queued_messages 10000000", "max_inflight_messages 0"];

    public static async Task<ScenarioResult> RunAsync(E2eOptions options, BenchFleet fleet, IPayloadSource payloads, CancellationToken cancellationToken)
    {
        await using var broker = await MosquittoServer.StartAsync(Unbounded);
        var port = broker.Port.ToString(CultureInfo.InvariantCulture);
        var load = new LoadGenerator(broker.Port, fleet.Load, payloads, options.Window);
        await load.PrepareAsync(options.ReadingsPerDevice, cancellationToken);
        var sinkArguments = new List<string> { "-h", "127.0.0.1", "-p", port, "-q", "1", "-i", "e2e-sink", "-C", load.Total.ToString(CultureInfo.InvariantCulture) };
        sinkArguments.AddRange(fleet.Load.SelectMany(d => new[] { "-t", d.TelemetryTopic }));
        var probeArguments = new List<string> { "-h", "127.0.0.1", "-p", port, "-q", "1", "-i", "e2e-probe-sink", "-F", "%U %t %p" };
        probeArguments.AddRange(fleet.Probes.SelectMany(d => new[] { "-t", d.TelemetryTopic }));
        using var sink = Start(sinkArguments);
        using var probeSink = Start(probeArguments);
        try
        {
            var received = 0L;
            var counting = CountLinesAsync(sink, () => Interlocked.Increment(ref received));
            var recorder = new LatencyRecorder();
            var watching = WatchProbesAsync(probeSink, recorder);
            // mosquitto_sub says nothing once subscribed: give both a moment, as gateway.sh does.
            await Task.Delay(1000, cancellationToken);

            var system = ProcessUsage.Find("mosquitto", broker.Directory);
            await using var probes = await ProbeStations.ConnectAsync(broker.Port, fleet.Probes, new WestminsterAirQuality(), 0, cancellationToken);
            var cpu = CpuMeter.Start(system, null);
            var started = Stopwatch.GetTimestamp();
            using var probing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var probeRun = probes.RunAsync(options.ProbeInterval, recorder, probing.Token);
            await load.RunAsync(cancellationToken);
            await probing.CancelAsync();
            await probeRun;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StallTimeout);
            try
            {
                await sink.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // counted as loss below
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var result = new ScenarioResult(
                "mosquitto alone → mosquitto_sub",
                "limit",
                load.Total,
                Interlocked.Read(ref received),
                elapsed,
                null,
                null,
                system.Name,
                cpu.Read(),
                system.PeakMemoryMiB(),
                "publish → subscriber latency in the twin column");
            await load.DisconnectAsync();
            if (!sink.HasExited)
            {
                sink.Kill();
            }

            await counting;
            for (var i = 0; i < 40 && recorder.SeenCount(LatencyRecorder.Subscriber) < recorder.Published; i++)
            {
                await Task.Delay(50, cancellationToken);
            }

            probeSink.Kill();
            await watching;
            return result with { ToTwin = recorder.PercentilesAt(LatencyRecorder.Subscriber) };
        }
        finally
        {
            foreach (var process in new[] { sink, probeSink })
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }
            }

            await broker.StopAsync();
        }
    }

    private static Process Start(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("mosquitto_sub") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("mosquitto_sub did not start");
    }

    private static async Task CountLinesAsync(Process sink, Action line)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await sink.StandardOutput.BaseStream.ReadAsync(buffer)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b == (byte)'\n')
                {
                    line();
                }
            }
        }
    }

    /// <summary>Reads <c>%U %t %p</c> lines: arrival time (Unix seconds with nanoseconds), topic, payload.</summary>
    private static async Task WatchProbesAsync(Process probeSink, LatencyRecorder recorder)
    {
        // The subscriber's clock is the wall clock: anchor it to the Stopwatch once.
        var anchorWall = DateTimeOffset.UtcNow;
        var anchorTicks = Stopwatch.GetTimestamp();
        while (await probeSink.StandardOutput.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 3 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var unixSeconds))
            {
                continue;
            }

            var device = parts[1].Split('/')[3];
            using var payload = JsonDocument.Parse(parts[2]);
            var ts = payload.RootElement.GetProperty("ts").GetInt64();
            var sinceAnchor = unixSeconds - (anchorWall - DateTimeOffset.UnixEpoch).TotalSeconds;
            recorder.RecordSeen(LatencyRecorder.Subscriber, device, ts, anchorTicks + (long)(sinceAnchor * Stopwatch.Frequency));
        }
    }
}
