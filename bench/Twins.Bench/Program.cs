using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.Grains.Hosting;
using UrbanTwin.TestSupport.Servers;

// Twin benchmarks, in process (one silo, SQLite grain storage in a temporary directory):
// (1) readings per second into 10,000 twins of a realistic mix, one call per message, each reading
//     also written to the time series (the embedded store);
// (2) bus priority request-to-decision latency at a paced 1,000 requests/s;
// (3) memory per twin with 100,000 twins activated and idle.
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var assets = int.Parse(Arg("assets", "10000"), CultureInfo.InvariantCulture);
var messages = int.Parse(Arg("messages", "400000"), CultureInfo.InvariantCulture);
var idleTwins = int.Parse(Arg("idle-twins", "100000"), CultureInfo.InvariantCulture);
var requestSeconds = int.Parse(Arg("request-seconds", "10"), CultureInfo.InvariantCulture);

// --pause-for-heap-dump: wait for Enter before and after (3), so that a heap dump can be taken at
// each point (dotnet-dump collect --type Heap, dotnet-gcdump collect) and the two compared by type.
var pauseForHeapDump = Array.IndexOf(args, "--pause-for-heap-dump") >= 0;
void PauseForHeapDump(string point)
{
    if (pauseForHeapDump)
    {
        Console.WriteLine($"paused {point} the idle twins, process {Environment.ProcessId}: press Enter to go on");
        Console.ReadLine();
    }
}

var dataDirectory = ServerProcess.CreateDirectory("twins-bench");
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
    ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
    ["Storage:DataDirectory"] = dataDirectory,
});
builder.AddUrbanTwinSilo();
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
Console.WriteLine($"# {Environment.ProcessorCount} cores, {assets:N0} twins, {messages:N0} messages");

// The mix: half air-quality stations, 30% footfall counters, 20% junctions.
DeviceKind KindOf(int i) => (i % 10) switch { < 5 => DeviceKind.AirQuality, < 8 => DeviceKind.Footfall, _ => DeviceKind.BusPriority };
await Parallel.ForEachAsync(Enumerable.Range(0, assets), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
    await grains.GetGrain<IAssetTwinGrain>($"asset-{i}").BindDeviceAsync($"device-{i:000000}", KindOf(i)));

var start = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds();
TelemetryBatch Message(int n)
{
    var asset = n % assets;
    var kind = KindOf(asset);
    var seq = (uint)(n / assets);
    var values = default(FieldValues);
    byte present;
    switch (kind)
    {
        case DeviceKind.AirQuality:
            values[AirQualityField.Pm25] = 5 + (seq % 30);
            values[AirQualityField.No2] = 20 + (seq % 60);
            present = (1 << AirQualityField.Pm25) | (1 << AirQualityField.No2);
            break;
        case DeviceKind.Footfall:
            values[FootfallField.Interval] = 60;
            values[FootfallField.CountIn] = seq % 40;
            values[FootfallField.CountOut] = seq % 35;
            present = (1 << FootfallField.Interval) | (1 << FootfallField.CountIn) | (1 << FootfallField.CountOut);
            break;
        default:
            values[BusPriorityField.Occupancy] = seq % 100;
            present = 1 << BusPriorityField.Occupancy;
            break;
    }

    return new TelemetryBatch($"device-{asset:000000}", kind, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), [new Reading(seq, start + (seq * 60_000L), values, present)], 0, 0);
}

// (1) Ingestion: 256 calls in flight, one call per message.
var sent = 0;
var allocated = GC.GetTotalAllocatedBytes(precise: true);
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, 256).Select(async _ =>
{
    int n;
    while ((n = Interlocked.Increment(ref sent) - 1) < messages)
    {
        var batch = Message(n);
        await grains.GetGrain<IAssetTwinGrain>($"asset-{n % assets}").IngestAsync(batch);
    }
}));

// Until every reading is also in the time series (the embedded store in the data directory).
await host.Services.GetRequiredService<UrbanTwin.TimeSeries.Series.ITimeSeriesStore>().FlushAsync(CancellationToken.None);
clock.Stop();
var perReading = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)messages;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ingest: {messages:N0} readings into {assets:N0} twins in {clock.Elapsed.TotalSeconds:0.00} s = {messages / clock.Elapsed.TotalSeconds:N0} readings/s, {perReading:N0} B allocated per reading"));

// (2) Bus priority: requests paced at 1,000/s over the junctions, latency per decision.
var junctions = Enumerable.Range(0, assets).Where(i => KindOf(i) == DeviceKind.BusPriority).ToArray();
var latencies = new List<double>(requestSeconds * 1000);
var pending = new List<Task>();
var pace = Stopwatch.StartNew();
for (var r = 0; r < requestSeconds * 1000; r++)
{
    var due = TimeSpan.FromMilliseconds(r);
    var wait = due - pace.Elapsed;
    if (wait > TimeSpan.Zero)
    {
        await Task.Delay(wait);
    }

    var junction = junctions[r % junctions.Length];
    var request = new PriorityRequest((uint)r, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), "LT" + (r % 900), "38", Approach.North, 12, (r % 5) * 40);
    pending.Add(Task.Run(async () =>
    {
        var t = Stopwatch.GetTimestamp();
        await grains.GetGrain<IAssetTwinGrain>($"asset-{junction}").RequestPriorityAsync(request, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        lock (latencies)
        {
            latencies.Add(ms);
        }
    }));
}

await Task.WhenAll(pending);
latencies.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"priority: {latencies.Count:N0} requests at {latencies.Count / pace.Elapsed.TotalSeconds:N0}/s, decision p50 {latencies[latencies.Count / 2]:0.000} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:0.000} ms, max {latencies[^1]:0.000} ms"));

// (3) Memory per idle twin: activate fresh twins (bound to a device, one reading each) and
// compare the managed heap before and after.
GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
PauseForHeapDump("before");
var before = GC.GetTotalMemory(forceFullCollection: true);
await Parallel.ForEachAsync(Enumerable.Range(0, idleTwins), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
{
    var twin = grains.GetGrain<IAssetTwinGrain>($"idle-{i}");
    await twin.BindDeviceAsync($"idle-device-{i:000000}", DeviceKind.AirQuality);
    var values = default(FieldValues);
    values[AirQualityField.No2] = 28;
    await twin.IngestAsync(new TelemetryBatch($"idle-device-{i:000000}", DeviceKind.AirQuality, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), [new Reading(1, start, values, 1 << AirQualityField.No2)], 0, 0));
});
GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
var after = GC.GetTotalMemory(forceFullCollection: true);
PauseForHeapDump("after");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory: {idleTwins:N0} idle twins add {(after - before) / 1024.0 / 1024.0:N1} MB managed heap = {(after - before) / (double)idleTwins:N0} B per twin"));

await host.StopAsync();
Directory.Delete(dataDirectory, recursive: true);
