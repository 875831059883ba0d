using System.Diagnostics;
using UrbanTwin.Bench.Load;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// One measured run through a pipeline that ends in InfluxDB (Node-RED, UrbanTwin): the load
/// devices publish their readings (as fast as their windows allow, or paced) while the probe
/// stations publish theirs; the clock stops when InfluxDB holds every reading acknowledged to a
/// device, or the count has not moved for the stall timeout (then the run reports the loss).
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
    private static readonly TimeSpan CountPeriod = TimeSpan.FromMilliseconds(100);
    private LoadGenerator? _load;
    private ProbeStations? _probes;
    private uint _nextSeq;

    /// <summary>Readings the database already holds from earlier runs on the same pipeline.</summary>
    public long StoredBefore { get; private set; }

    /// <summary>Where the twins' live stream records arrivals; null for pipelines without twins.</summary>
    public LiveStreamWatcher? Live { get; init; }

    /// <summary>Connects the warm-up device and waits until one of its readings is in InfluxDB: the whole pipeline is up.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await using var warmup = await ProbeStations.ConnectAsync(mqttPort, [fleet.Warmup], new WestminsterAirQuality(), 0, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!await database.HasAnyAsync("air_quality", fleet.Warmup.Id, timeout.Token))
        {
            await warmup.PublishOnceAsync(timeout.Token);
            await Task.Delay(250, timeout.Token);
        }
    }

    /// <summary>
    /// Publishes <paramref name="readingsPerDevice"/> readings from every load device, at
    /// <paramref name="readingsPerSecond"/> when given, with the probes publishing alongside.
    /// </summary>
    public async Task<ScenarioResult> MeasureAsync(string runName, int readingsPerDevice, double? readingsPerSecond, CancellationToken cancellationToken)
    {
        _load ??= new LoadGenerator(mqttPort, fleet.Load, payloads, options.Window);
        var timestamps = readingsPerSecond is { } rate
            ? FromNow(TimeSpan.FromSeconds(fleet.Load.Count / rate))
            : LoadGenerator.EndingNow(readingsPerDevice);
        await _load.PrepareAsync(readingsPerDevice, _nextSeq, timestamps, cancellationToken);
        _nextSeq += (uint)readingsPerDevice;
        _probes ??= await ProbeStations.ConnectAsync(mqttPort, fleet.Probes, new WestminsterAirQuality(), 0, cancellationToken);

        var recorder = new LatencyRecorder();
        if (Live is not null)
        {
            Live.Recorder = recorder;
        }

        await using var influxWatcher = InfluxWatcher.Start(database, recorder);
        var bench = Process.GetCurrentProcess();
        var (systemCpu, influxCpu, benchCpu) = (system.CpuSeconds(), influx.CpuSeconds(), bench.TotalProcessorTime);
        var started = Stopwatch.GetTimestamp();
        using var probing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probes = _probes.RunAsync(options.ProbeInterval, recorder, probing.Token);
        var published = await _load.RunAsync(readingsPerSecond, cancellationToken);
        await probing.CancelAsync();
        await probes;

        var sent = (long)_load.Total + recorder.Published;
        var (counted, countedAt) = await WaitForCountAsync(StoredBefore + sent, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started, countedAt);
        bench.Refresh();
        var result = new ScenarioResult(
            runName,
            name,
            sent,
            counted - StoredBefore,
            elapsed,
            recorder.PercentilesAt(LatencyRecorder.Twin),
            null,
            system.Name,
            system.CpuSeconds() - systemCpu,
            influx.CpuSeconds() - influxCpu,
            system.PeakMemoryMiB(),
            (bench.TotalProcessorTime - benchCpu).TotalSeconds,
            $"all PUBACKs after {published.TotalSeconds:0.00} s");
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

    /// <summary>Reading times of a paced device: from now, one interval apart (at least a millisecond, to stay unique).</summary>
    private static Func<int, long> FromNow(TimeSpan interval)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var step = Math.Max(1, (long)Math.Round(interval.TotalMilliseconds));
        return i => now + (i * step);
    }

    /// <summary>Polls the count until it reaches <paramref name="expected"/> or stops moving; returns it and when it was read.</summary>
    private async Task<(long Counted, long At)> WaitForCountAsync(long expected, CancellationToken cancellationToken)
    {
        var counted = -1L;
        var movedAt = Stopwatch.GetTimestamp();
        while (true)
        {
            var now = await database.CountAsync(fleet.Measurements, BenchFleet.WarmupId, cancellationToken);
            var at = Stopwatch.GetTimestamp();
            if (now >= expected)
            {
                return (now, at);
            }

            if (now != counted)
            {
                (counted, movedAt) = (now, at);
            }
            else if (Stopwatch.GetElapsedTime(movedAt) > options.StallTimeout)
            {
                return (now, movedAt);
            }

            await Task.Delay(CountPeriod, cancellationToken);
        }
    }
}
