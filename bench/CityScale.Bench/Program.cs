// City scale on one node: register a fleet through the import API, connect every device at once
// (each from a loopback source address of its own group, 127.0.0.2 and up), let each report a
// QoS 1 reading every interval with jitter for the given minutes, and measure: the host's memory
// per connected reporting device (resident set, and the managed heap by type from dotnet-gcdump
// before and after), PUBACK latency, publish → twin latency of probe stations (the live stream),
// loss (every twin's accepted count against the readings its device had acknowledged), then kill -9
// the node, start it again on the same data and measure how long every device takes to be back.
//   bench/city.sh [--devices 18000] [--minutes 10] [--interval-seconds 60] [--jitter-seconds 5]
//                 [--connect-rate 2000] [--probes 25] [--no-restart] [--no-gcdump] [--smoke]
// --smoke: 60 devices for 24 s, a reading every 5 s (the test suite runs it; no figures). Exits 2
// when a reading was lost or a device did not come back.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using UrbanTwin.CityScale.Bench;
using UrbanTwin.Contracts;
using UrbanTwin.EndToEnd.Bench;
using UrbanTwin.TestSupport.Servers;

var options = CityOptions.Parse(args);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var token = stop.Token;
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

var adminKey = "ut_city_" + Guid.NewGuid().ToString("N");
var failed = false;
var dataDirectory = ServerProcess.CreateDirectory("city-node");
var settings = new Dictionary<string, string>
{
    ["Auth:AdminKey"] = adminKey,
    ["Storage:DataDirectory"] = dataDirectory,
    ["Mqtt:TlsPort"] = "0",
    ["Mqtt:MaxPendingConnections"] = "5000",
    ["Logging:LogLevel:Default"] = "Warning",
};

Say($"# City scale: {options.Devices:N0} devices, a reading every {options.Interval.TotalSeconds:0} s ± {options.Jitter.TotalSeconds:0} s, {options.Minutes} min ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
var host = await TwinHost.StartAsync(settings);

// A restart keeps the data and the MQTT port the devices know; the silo takes new ports, as a
// replacement node would (the old silo's entry, same address and port, would otherwise have to
// be declared dead first).
settings["Mqtt:Port"] = host.Settings["Mqtt:Port"];
try
{
    var hostProcess = ProcessUsage.Find("UrbanTwin host", dataDirectory);
    var fleet = CityFleet.Create(options);
    var clock = Stopwatch.StartNew();
    var secrets = await ImportAsync(host, fleet, adminKey, token);
    Say($"registered {secrets.Count:N0} assets through the import in {clock.Elapsed.TotalSeconds:0.0} s ({secrets.Count / clock.Elapsed.TotalSeconds:N0}/s)");
    var devices = fleet.Devices(secrets);

    await Task.Delay(TimeSpan.FromSeconds(10), token); // the import's write-behind settles
    var rssBefore = Memory.ResidentMiB(hostProcess);
    var anonBefore = Memory.AnonymousMiB(hostProcess);
    var heapBefore = options.GcDump ? await Memory.HeapByTypeAsync(hostProcess, "before", token) : null;
    Say($"host before connecting: {rssBefore:N0} MiB resident, {anonBefore:N0} MiB of it anonymous");

    clock.Restart();
    var connect = await Fleet.ConnectAllAsync(devices, host.MqttPort, options.ConnectRate, token);
    Say($"connected {connect.Connected:N0} of {devices.Count:N0} in {clock.Elapsed.TotalSeconds:0.0} s ({connect.Failures:N0} attempts failed); host {Memory.ResidentMiB(hostProcess):N0} MiB resident");

    using var http = host.CreateClient(adminKey);
    var recorder = new LatencyRecorder();
    await using (var live = await LiveStreamWatcher.OpenAsync(host.BaseUri, adminKey, CityFleet.ProbeBox, TimeSpan.FromSeconds(30)))
    {
        live.Recorder = recorder;
        var run = new ReportingRun(devices, options, recorder);
        var samples = new List<(double Minutes, double RssMiB, double AnonMiB)>();
        var reporting = run.RunAsync(TimeSpan.FromMinutes(options.Minutes), token);
        while (!reporting.IsCompleted)
        {
            await Task.WhenAny(reporting, Task.Delay(TimeSpan.FromSeconds(30), token));
            samples.Add((run.Elapsed.TotalMinutes, Memory.ResidentMiB(hostProcess), Memory.AnonymousMiB(hostProcess)));
            Console.WriteLine($"  {run.Elapsed.TotalMinutes:0.0} min: {run.Acknowledged:N0} acknowledged, {run.Failed:N0} failed, {run.InFlight} in flight; host {samples[^1].RssMiB:N0} MiB resident, {samples[^1].AnonMiB:N0} MiB anonymous");
        }

        await reporting;
        await Task.Delay(TimeSpan.FromSeconds(5), token); // the last twin events arrive
        var steady = samples.Where(s => s.Minutes >= options.Interval.TotalMinutes * 2).DefaultIfEmpty(samples[^1]).ToList();
        var (rssSteady, anonSteady) = (steady.Max(s => s.RssMiB), steady.Max(s => s.AnonMiB));
        Say($"reported {run.Acknowledged:N0} readings ({run.Acknowledged / run.Elapsed.TotalSeconds:N0}/s), {run.Failed:N0} publishes failed");
        Say($"PUBACK latency: {run.AckPercentiles()}");
        Say($"publish → twin (probe stations, live stream): {Describe(recorder.PercentilesAt(LatencyRecorder.Twin))}, {recorder.SeenCount(LatencyRecorder.Twin):N0} of {recorder.Published:N0} seen");
        Say($"host anonymous memory (heap and native): {anonBefore:N0} MiB before connecting, {anonSteady:N0} MiB at most while reporting (after the first {options.Interval.TotalMinutes * 2:0} min): **{(anonSteady - anonBefore) * 1024 * 1024 / devices.Count:N0} bytes per connected reporting device**");
        Say($"host resident (with mapped file pages): {rssBefore:N0} MiB before connecting, {rssSteady:N0} MiB at most while reporting: {(rssSteady - rssBefore) * 1024 * 1024 / devices.Count:N0} bytes per device");
        Say($"over the run, resident / anonymous MiB: {string.Join(", ", samples.Select(s => $"{s.Minutes:0.0} min {s.RssMiB:N0}/{s.AnonMiB:N0}"))}");
    }

    if (heapBefore is not null)
    {
        var heapAfter = (await Memory.HeapByTypeAsync(hostProcess, "reporting", token))!;
        Say($"managed heap (dotnet-gcdump): {heapBefore.Total / 1048576.0:N0} MiB before connecting, {heapAfter.Total / 1048576.0:N0} MiB while reporting: {(heapAfter.Total - heapBefore.Total) / (double)devices.Count:N0} bytes per device; the types that grew most, bytes per device:");
        foreach (var (type, bytes) in Memory.Growth(heapBefore, heapAfter).Take(25))
        {
            Say($"  {bytes / (double)devices.Count,10:N0}  {type}");
        }
    }

    var (check, lost) = await Accounting.CheckAsync(http, devices, "after reporting", token);
    Say(check);
    failed |= lost > 0 || connect.Connected < devices.Count;

    if (options.Restart)
    {
        clock.Restart();
        await host.KillAsync();
        await host.DisposeAsync();
        foreach (var device in devices)
        {
            device.Drop();
        }

        host = await TwinHost.StartAsync(settings);
        var started = clock.Elapsed;
        hostProcess = ProcessUsage.Find("UrbanTwin host", dataDirectory);
        var herd = await Fleet.ReconnectAllAsync(devices, host.MqttPort, token);
        Say($"kill -9 and restart: the node answered again after {started.TotalSeconds:0.0} s; all {herd.Connected:N0} devices were back {clock.Elapsed.TotalSeconds:0.0} s after the kill ({herd.Failures:N0} attempts refused or failed on the way, devices retrying with jittered exponential back-off from 1 s to 30 s); host {Memory.ResidentMiB(hostProcess):N0} MiB resident");
        var resent = devices.Count(d => d.Unacknowledged is not null);
        var round = new ReportingRun(devices, options with { Jitter = TimeSpan.Zero }, new LatencyRecorder());
        await round.OnceEachAsync(token);
        Say($"after the restart every device reported once more ({resent:N0} of them sending again the reading the kill left unacknowledged): {round.Acknowledged:N0} acknowledged, {round.Failed:N0} failed");
        using var again = host.CreateClient(adminKey);
        (check, lost) = await Accounting.CheckAsync(again, devices, "after the restart", token);
        Say(check);
        failed |= lost > 0 || herd.Connected < devices.Count || round.Failed > 0;
    }
}
finally
{
    await host.DisposeAsync();
    try
    {
        Directory.Delete(dataDirectory, recursive: true);
    }
    catch (IOException)
    {
    }
}

var reportPath = Environment.GetEnvironmentVariable("CITY_REPORT");
if (!string.IsNullOrEmpty(reportPath))
{
    await File.WriteAllTextAsync(reportPath, report.ToString(), CancellationToken.None);
}

Say(failed ? "FAILED: a reading was lost or a device did not connect" : "complete: no reading lost, every device connected");
return failed ? 2 : 0;

static string Describe(Percentiles? p) => p is null ? "none seen" : $"p50 {p.P50:0.0} ms, p99 {p.P99:0.0} ms, max {p.Max:0.0} ms ({p.Samples:N0} samples)";

static async Task<Dictionary<string, string>> ImportAsync(TwinHost host, CityFleet fleet, string adminKey, CancellationToken cancellationToken)
{
    using var http = host.CreateClient(adminKey);
    http.Timeout = TimeSpan.FromMinutes(10);
    var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (var chunk in fleet.ImportCsv(10_000))
    {
        using var response = await http.PostAsync(new Uri("api/assets/import", UriKind.Relative), new StringContent(chunk, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"import refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var imported = await response.Content.ReadFromJsonAsync<JsonDocument>(cancellationToken) ?? throw new InvalidOperationException("empty import answer");
        foreach (var asset in imported.RootElement.GetProperty("assets").EnumerateArray())
        {
            secrets[asset.GetProperty("deviceId").GetString()!] = asset.GetProperty("secret").GetString()!;
        }
    }

    return secrets;
}

/// <summary>The run's settings.</summary>
internal sealed record CityOptions(int Devices, double Minutes, TimeSpan Interval, TimeSpan Jitter, int ConnectRate, int Probes, bool Restart, bool GcDump)
{
    public static CityOptions Parse(string[] args)
    {
        var o = new CityOptions(18_000, 10, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5), 2_000, 25, Restart: true, GcDump: true);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => args[++i];
            o = args[i] switch
            {
                "--devices" => o with { Devices = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--minutes" => o with { Minutes = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--smoke" => o with { Devices = 60, Minutes = 0.4, Interval = TimeSpan.FromSeconds(5), Jitter = TimeSpan.FromSeconds(1), ConnectRate = 500, Probes = 5, GcDump = false },
                "--interval-seconds" => o with { Interval = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--jitter-seconds" => o with { Jitter = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--connect-rate" => o with { ConnectRate = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--probes" => o with { Probes = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--no-restart" => o with { Restart = false },
                "--no-gcdump" => o with { GcDump = false },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }
}

/// <summary>The fleet: devices at real London bus stops (a few per stop), kinds in turn, probe stations in a box of their own.</summary>
internal sealed class CityFleet
{
    /// <summary>The probe stations' box (as the end-to-end benchmark's), <c>minLon,minLat,maxLon,maxLat</c>.</summary>
    public const string ProbeBox = BenchFleet.ProbeBox;

    /// <summary>Connections per loopback source address: under the ephemeral port range of one.</summary>
    private const int PerSourceAddress = 20_000;

    private readonly List<(string Id, DeviceKind Kind, double Lon, double Lat)> _assets = [];

    public static CityFleet Create(CityOptions options)
    {
        var stops = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "london-bus-stops.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (Lon: double.Parse(f[1], CultureInfo.InvariantCulture), Lat: double.Parse(f[2], CultureInfo.InvariantCulture)))
            .Where(s => !(s.Lon is >= -0.1285 and <= -0.1245 && s.Lat is >= 51.5178 and <= 51.5218))
            .ToList();
        var fleet = new CityFleet();
        for (var i = 0; i < options.Devices; i++)
        {
            if (i < options.Probes)
            {
                fleet._assets.Add(($"city-probe-{i:0000}", DeviceKind.AirQuality, -0.1269 + (i % 5 * 0.0002), 51.5194 + (i / 5 % 5 * 0.0002)));
                continue;
            }

            var kind = (i % 3) switch { 0 => DeviceKind.AirQuality, 1 => DeviceKind.Footfall, _ => DeviceKind.BusPriority };
            var stop = stops[i % stops.Count];
            var round = i / stops.Count;
            fleet._assets.Add(($"city-{kind.ToSegment()}-{i:000000}", kind, stop.Lon + (round % 10 * 0.00005), stop.Lat + (round / 10 * 0.00005)));
        }

        return fleet;
    }

    public IEnumerable<string> ImportCsv(int rows)
    {
        foreach (var chunk in _assets.Chunk(rows))
        {
            var csv = new StringBuilder("id,kind,name,lon,lat\n");
            foreach (var (id, kind, lon, lat) in chunk)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{id},{kind.ToSegment()},Street asset {id},{lon:0.000000},{lat:0.000000}\n");
            }

            yield return csv.ToString();
        }
    }

    public List<CityDevice> Devices(IReadOnlyDictionary<string, string> secrets) =>
        [.. _assets.Select((a, i) => new CityDevice(a.Id, a.Kind, secrets[a.Id], new IPAddress([127, 0, 0, (byte)(2 + (i / PerSourceAddress))])))];
}

/// <summary>Connecting the fleet: at a rate, and after the node restarts, as devices do (jittered exponential back-off).</summary>
internal static class Fleet
{
    public static async Task<(int Connected, int Failures)> ConnectAllAsync(IReadOnlyList<CityDevice> devices, int port, int perSecond, CancellationToken cancellationToken)
    {
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        using var gate = new SemaphoreSlim(256);
        var tasks = new List<Task>(devices.Count);
        for (var i = 0; i < devices.Count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            await gate.WaitAsync(cancellationToken);
            var device = devices[i];
            tasks.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        for (var attempt = 0; !device.IsConnected; attempt++)
                        {
                            try
                            {
                                await device.ConnectAsync(port, cancellationToken);
                            }
                            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException && attempt < 20)
                            {
                                Interlocked.Increment(ref failures);
                                await Task.Delay(TimeSpan.FromMilliseconds(100 << Math.Min(attempt, 5)), cancellationToken);
                            }
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                },
                cancellationToken));
        }

        await Task.WhenAll(tasks);
        return (devices.Count(d => d.IsConnected), failures);
    }

    public static async Task<(int Connected, int Failures)> ReconnectAllAsync(IReadOnlyList<CityDevice> devices, int port, CancellationToken cancellationToken)
    {
        var failures = 0;
        await Task.WhenAll(devices.Select(device => Task.Run(
            async () =>
            {
                // Devices notice the loss at different moments: within their first few seconds.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 2_000)), cancellationToken);
                var backoff = TimeSpan.FromSeconds(1);
                while (!device.IsConnected)
                {
                    try
                    {
                        await device.ConnectAsync(port, cancellationToken);
                    }
                    catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
                    {
                        Interlocked.Increment(ref failures);
                        await Task.Delay(backoff * (0.5 + Random.Shared.NextDouble()), cancellationToken);
                        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                    }
                }
            },
            cancellationToken)));
        return (devices.Count(d => d.IsConnected), failures);
    }
}

/// <summary>Every device reporting on its own schedule: a first reading at a random moment of the first interval, then one per interval ± jitter.</summary>
internal sealed class ReportingRun(IReadOnlyList<CityDevice> devices, CityOptions options, LatencyRecorder recorder)
{
    private readonly ConcurrentBag<double> _ackMs = [];
    private readonly Stopwatch _clock = new();
    private int _acknowledged;
    private int _failed;
    private int _inFlight;

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public int Failed => Volatile.Read(ref _failed);

    public int InFlight => Volatile.Read(ref _inFlight);

    public TimeSpan Elapsed => _clock.Elapsed;

    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        _clock.Start();
        var due = new PriorityQueue<CityDevice, long>(devices.Count);
        foreach (var device in devices)
        {
            due.Enqueue(device, (long)(Random.Shared.NextDouble() * options.Interval.TotalMilliseconds));
        }

        var tasks = new List<Task>();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (await tick.WaitForNextTickAsync(cancellationToken) && _clock.Elapsed < duration)
        {
            var now = _clock.ElapsedMilliseconds;
            while (due.TryPeek(out var device, out var at) && at <= now)
            {
                due.Dequeue();
                tasks.Add(PublishAsync(device, cancellationToken));
                var jitter = (Random.Shared.NextDouble() * 2 - 1) * options.Jitter.TotalMilliseconds;
                due.Enqueue(device, at + (long)(options.Interval.TotalMilliseconds + jitter));
            }

            tasks.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(tasks);
        _clock.Stop();
    }

    /// <summary>Every device publishes once, a few hundred at a time.</summary>
    public async Task OnceEachAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = 256, CancellationToken = cancellationToken }, async (device, ct) => await PublishAsync(device, ct));
        _clock.Stop();
    }

    public string AckPercentiles()
    {
        var sorted = _ackMs.Order().ToArray();
        return sorted.Length == 0 ? "none"
            : $"p50 {sorted[sorted.Length / 2]:0.0} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:0.0} ms, max {sorted[^1]:0.0} ms ({sorted.Length:N0} samples)";
    }

    private async Task PublishAsync(CityDevice device, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var probe = device.Id.StartsWith("city-probe-", StringComparison.Ordinal);
        var sentAt = Stopwatch.GetTimestamp();
        if (probe && device.Unacknowledged is null)
        {
            recorder.RecordPublished(device.Id, ts, sentAt);
        }

        if (await device.PublishAsync(ts, cancellationToken))
        {
            _ackMs.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
            Interlocked.Increment(ref _acknowledged);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }

        Interlocked.Decrement(ref _inFlight);
    }
}

/// <summary>Loss: every twin's accepted count against the readings its device had acknowledged.</summary>
internal static class Accounting
{
    public static async Task<(string Text, long Lost)> CheckAsync(HttpClient http, IReadOnlyList<CityDevice> devices, string when, CancellationToken cancellationToken)
    {
        long acknowledged = 0, accepted = 0, lost = 0, extra = 0, devicesShort = 0;
        await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (device, ct) =>
        {
            using var twin = await http.GetFromJsonAsync<JsonDocument>(new Uri($"api/assets/{device.Id}/twin", UriKind.Relative), ct) ?? throw new InvalidOperationException("no twin");
            var count = twin.RootElement.GetProperty("counters").GetProperty("accepted").GetInt64();
            Interlocked.Add(ref acknowledged, device.Acknowledged);
            Interlocked.Add(ref accepted, count);
            if (count < device.Acknowledged)
            {
                Interlocked.Add(ref lost, device.Acknowledged - count);
                Interlocked.Increment(ref devicesShort);
            }
            else
            {
                Interlocked.Add(ref extra, count - device.Acknowledged);
            }
        });
        return ($"loss check {when}: {acknowledged:N0} readings acknowledged, {accepted:N0} accepted by the twins; **{lost:N0} lost** ({devicesShort:N0} devices short), {extra:N0} counted more than once", lost);
    }
}

/// <summary>The host's memory: resident set from /proc, the managed heap by type from dotnet-gcdump.</summary>
internal static class Memory
{
    /// <summary>The resident set, all of it: anonymous memory and the pages of files the host maps (its SQLite files).</summary>
    public static double ResidentMiB(ProcessUsage process) => StatusMiB(process, "VmRSS:");

    /// <summary>
    /// Anonymous resident memory: the managed heap and native allocations. The rest of the resident
    /// set is pages of memory-mapped files (SQLite's), which grow with the data and which the kernel
    /// takes back under pressure.
    /// </summary>
    public static double AnonymousMiB(ProcessUsage process) => StatusMiB(process, "RssAnon:");

    private static double StatusMiB(ProcessUsage process, string field)
    {
        var kib = 0L;
        foreach (var pid in process.Pids)
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    kib += long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }

        return kib / 1024.0;
    }

    public sealed record Heap(long Total, Dictionary<string, long> ByType);

    /// <summary>A heap snapshot (it forces a full collection in the host) read back as bytes per type; null when dotnet-gcdump is not installed.</summary>
    public static async Task<Heap?> HeapByTypeAsync(ProcessUsage process, string label, CancellationToken cancellationToken)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        if (!File.Exists(tool))
        {
            Console.WriteLine("dotnet-gcdump is not installed (dotnet tool install -g dotnet-gcdump): no heap breakdown");
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"city-{label}.gcdump");
        await RunAsync(tool, ["collect", "-p", process.Pids[0].ToString(CultureInfo.InvariantCulture), "-o", file], cancellationToken);
        var output = await RunAsync(tool, ["report", file], cancellationToken);
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (var line in output.Split('\n'))
        {
            // "     57,767,571  GC Heap bytes", then per type "   1,234,567     12,345  System.String (Bytes > 10K)  [System.Private.CoreLib.dll]"
            var parts = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && parts[1] == "GC" && parts[2] == "Heap bytes")
            {
                total = long.Parse(parts[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            }
            else if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var size)
                && long.TryParse(parts[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var count))
            {
                // The first column is the size of one object of the line (the lines of a type are split by size).
                var type = parts[2].Split("  [", 2)[0].Split(" (Bytes > ", 2)[0].Trim();
                byType[type] = byType.GetValueOrDefault(type) + (size * count);
            }
        }

        return new Heap(total, byType);
    }

    public static IEnumerable<(string Type, long Bytes)> Growth(Heap before, Heap after) =>
        after.ByType.Select(t => (t.Key, t.Value - before.ByType.GetValueOrDefault(t.Key))).Where(t => t.Item2 > 0).OrderByDescending(t => t.Item2);

    private static async Task<string> RunAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return output;
    }
}
