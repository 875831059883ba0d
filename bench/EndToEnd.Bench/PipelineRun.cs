using System.Diagnostics;
using System.Globalization;
using UrbanTwin.Bench.Load;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// Measured runs through a pipeline that ends in InfluxDB (Node-RED, UrbanTwin): the load devices
/// publish their readings (as fast as their windows allow, or paced) while the probe stations
/// publish theirs; the clock stops when InfluxDB holds every reading acknowledged to a device, or
/// the count has not moved for the stall timeout (then the run reports the loss). Before the
/// first run an unmeasured warm-up load brings the pipeline to its steady state (JIT tiers,
/// connection pools, buffers): the figures are sustained rates, not start-up ones.
/// </summary>
public sealed class PipelineRun(
    string name,
    int mqttPort,
    BenchFleet fleet,
    IPayloadSource payloads,
    InfluxDatabase database,
    ProcessUsage system,
    ProcessUsage influx,
    E2eOptions options)
{
    private static readonly TimeSpan TailPollPeriod = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan FullCountPeriod = TimeSpan.FromSeconds(5);
    private const double SettledJitShare = 0.02;
    private LoadGenerator? _load;
    private ProbeStations? _probes;
    private uint _nextSeq;
    private long _lastTimestampMs;

    /// <summary>Readings the database already holds from earlier runs on the same pipeline.</summary>
    public long StoredBefore { get; private set; }

    /// <summary>How often each probe station publishes; a slow pipeline gets fewer probe readings, so they stay a small share of its load.</summary>
    public TimeSpan ProbeInterval { get; init; } = options.ProbeInterval;

    /// <summary>Where the twins' live stream records arrivals; null for pipelines without twins.</summary>
    public LiveStreamWatcher? Live { get; init; }

    /// <summary>
    /// Waits until a reading of the warm-up device is in InfluxDB (the whole pipeline is up: broker,
    /// subscriptions, writer), then, when <paramref name="readingsPerDevice"/> is above zero, sends
    /// that many readings from every load device unmeasured and waits until they are all stored.
    /// </summary>
    public async Task WarmUpAsync(int readingsPerDevice, CancellationToken cancellationToken)
    {
        await using (var warmup = await ProbeStations.ConnectAsync(mqttPort, [fleet.Warmup], new WestminsterAirQuality(), 0, cancellationToken))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (!await database.HasAnyAsync("air_quality", fleet.Warmup.Id, timeout.Token))
            {
                await warmup.PublishOnceAsync(timeout.Token);
                await Task.Delay(250, timeout.Token);
            }
        }

        if (readingsPerDevice <= 0)
        {
            return;
        }

        // A .NET process recompiles its hot methods in the background (tiered compilation with
        // dynamic PGO) for tens of seconds after it starts working: a fifth of the host's CPU in the
        // first 20 s of load. Rounds go on until one in which that took under 2% of the system's
        // CPU, so the measured run is the steady state; mosquitto and Node-RED have no such thread.
        var shares = new List<double>();
        for (var round = 0; round < Math.Max(1, options.WarmupRounds); round++)
        {
            var cpuBefore = system.CpuSeconds();
            var jitBefore = system.TieredCompilationCpuSeconds();
            await WarmUpRoundAsync(readingsPerDevice, cancellationToken);
            var cpu = system.CpuSeconds() - cpuBefore;
            var share = cpu > 0 ? (system.TieredCompilationCpuSeconds() - jitBefore) / cpu : 0;
            shares.Add(share);
            if (share < SettledJitShare)
            {
                break;
            }
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"   {name}: warm-up of {shares.Count} round(s) of {readingsPerDevice * fleet.Load.Count:N0} readings; tiered JIT {string.Join(" → ", shares.Select(s => s.ToString("P1", CultureInfo.InvariantCulture)))} of {system.Name}'s CPU"));
    }

    private static string AckNote(List<double> latencies)
    {
        if (latencies.Count == 0)
        {
            return "n/a";
        }

        latencies.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"p50 {latencies[latencies.Count / 2]:0.0} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:0.0} ms");
    }

    private static string JitNote(double jitSeconds, double systemSeconds) =>
        jitSeconds > 0 && systemSeconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"; tiered JIT {jitSeconds / systemSeconds:P1} of its CPU") : "";

    private async Task WarmUpRoundAsync(int readingsPerDevice, CancellationToken cancellationToken)
    {
        _load ??= new LoadGenerator(mqttPort, fleet.Load, payloads, options.Window);
        await _load.PrepareAsync(readingsPerDevice, _nextSeq, Timestamps(readingsPerDevice, null), cancellationToken);
        _nextSeq += (uint)readingsPerDevice;
        await _load.RunAsync(cancellationToken);
        var (counted, _, _) = await WaitForCountAsync(StoredBefore + _load.Total, fleet.Load.Count, Stopwatch.GetTimestamp(), null, cancellationToken);
        if (counted < StoredBefore + _load.Total)
        {
            throw new InvalidOperationException($"{name}: the warm-up lost readings ({counted:N0} of {StoredBefore + _load.Total:N0} stored)");
        }

        StoredBefore = counted;
    }

    /// <summary>
    /// Publishes <paramref name="readingsPerDevice"/> readings from every load device, at
    /// <paramref name="readingsPerSecond"/> when given, with the probes publishing alongside.
    /// </summary>
    public async Task<ScenarioResult> MeasureAsync(string runName, int readingsPerDevice, double? readingsPerSecond, CancellationToken cancellationToken)
    {
        _load ??= new LoadGenerator(mqttPort, fleet.Load, payloads, options.Window);
        await _load.PrepareAsync(readingsPerDevice, _nextSeq, Timestamps(readingsPerDevice, readingsPerSecond), cancellationToken);
        _nextSeq += (uint)readingsPerDevice;
        _probes ??= await ProbeStations.ConnectAsync(mqttPort, fleet.Probes, new WestminsterAirQuality(), 0, cancellationToken);

        var recorder = new LatencyRecorder();
        if (Live is not null)
        {
            Live.Recorder = recorder;
        }

        await using var influxWatcher = InfluxWatcher.Start(database, recorder);
        var cpu = CpuMeter.Start(system, influx);
        var jitBefore = system.TieredCompilationCpuSeconds();
        var started = Stopwatch.GetTimestamp();
        using var probing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probes = _probes.RunAsync(ProbeInterval, recorder, probing.Token);
        var published = await _load.RunAsync(readingsPerSecond, cancellationToken);
        await probing.CancelAsync();
        await probes;

        var sent = (long)_load.Total + recorder.Published;
        var lastLoadReadings = fleet.Load.Count + recorder.PublishedSince(_lastTimestampMs);
        var (counted, countedAt, used) = await WaitForCountAsync(StoredBefore + sent, lastLoadReadings, started, cpu, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started, countedAt);
        var result = new ScenarioResult(
            runName,
            name,
            sent,
            counted - StoredBefore,
            elapsed,
            recorder.PercentilesAt(LatencyRecorder.Twin),
            null,
            system.Name,
            used,
            system.PeakMemoryMiB(),
            $"all PUBACKs after {published.TotalSeconds:0.00} s; publish → PUBACK {AckNote(_load.AckLatenciesMs())}" + JitNote(system.TieredCompilationCpuSeconds() - jitBefore, used.System));
        await influxWatcher.DrainAsync(recorder, TimeSpan.FromSeconds(10));
        StoredBefore = counted;
        return result with { ToInflux = recorder.PercentilesAt(LatencyRecorder.Influx) };
    }

    /// <summary>Disconnects the load devices and probe stations.</summary>
    public async Task StopAsync()
    {
        if (_load is not null)
        {
            await _load.DisconnectAsync();
        }

        if (_probes is not null)
        {
            await _probes.DisposeAsync();
        }
    }

    /// <summary>
    /// Reading times for the next run of each device, after every earlier run's (InfluxDB keeps one
    /// point per series and time, so two readings of a device at the same millisecond would count
    /// once): as fast as possible, a millisecond apart and ending about now, as a device catching
    /// up sends them; paced, from now, one interval apart.
    /// </summary>
    private Func<int, long> Timestamps(int readingsPerDevice, double? readingsPerSecond)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var step = readingsPerSecond is { } rate ? Math.Max(1, (long)Math.Round(1000.0 * fleet.Load.Count / rate)) : 1;
        var first = Math.Max(readingsPerSecond is null ? now - readingsPerDevice : now, _lastTimestampMs + 1);
        _lastTimestampMs = first + ((readingsPerDevice - 1) * step);
        return i => first + (i * step);
    }

    /// <summary>
    /// Waits until InfluxDB holds <paramref name="expected"/> points or the count stops moving;
    /// returns the count, when it was complete, and the CPU used until then (a stalled run is not
    /// charged for the wait). A full count reads every point of the database, so it is not what is
    /// polled: every 200 ms the poll counts only the points at or after the load's last reading
    /// time, which are the last reading of every device and the latest probe readings
    /// (<paramref name="lastReadings"/>); once they are all there, a full count confirms. A full
    /// count every 5 s follows the progress of a run that stalls. Even the small poll costs influxd
    /// (InfluxDB 1.x sorts a series' in-memory points for a query while they are being written),
    /// which is why it is not more frequent: the end time is known to 0.2 s.
    /// </summary>
    private async Task<(long Counted, long At, CpuReading Cpu)> WaitForCountAsync(long expected, long lastReadings, long started, CpuMeter? cpu, CancellationToken cancellationToken)
    {
        var counted = -1L;
        var movedAt = Stopwatch.GetTimestamp();
        var cpuAtMove = default(CpuReading);
        var fullCountAt = started;
        while (true)
        {
            var tail = await database.CountAsync(fleet.Measurements, BenchFleet.WarmupId, _lastTimestampMs, cancellationToken);
            var at = Stopwatch.GetTimestamp();
            var cpuAt = cpu?.Read() ?? default;
            if (tail >= lastReadings || Stopwatch.GetElapsedTime(fullCountAt) > FullCountPeriod)
            {
                var now = await database.CountAsync(fleet.Measurements, BenchFleet.WarmupId, null, cancellationToken);
                fullCountAt = Stopwatch.GetTimestamp();
                if (now >= expected)
                {
                    return (now, at, cpuAt);
                }

                if (now != counted)
                {
                    (counted, movedAt, cpuAtMove) = (now, at, cpuAt);
                }
                else if (Stopwatch.GetElapsedTime(movedAt) > options.StallTimeout)
                {
                    return (now, movedAt, cpuAtMove);
                }
            }

            await Task.Delay(TailPollPeriod, cancellationToken);
        }
    }
}
