using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using Orleans;
using UrbanTwin.Contracts;
using UrbanTwin.Grains.Abstractions.Spatial;
using UrbanTwin.Grains.Hosting;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

// Map query benchmarks, in process (one silo, SQLite grain storage in a temporary directory):
// assets spread evenly over the 33 London boroughs (about 10,000 per map cell at a million),
// listed straight into their cells as an import would, then each kind of query one at a time
// from random places in London, latency per query (the first page, limit 100).
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

var assetCount = int.Parse(Arg("assets", "1000000"), CultureInfo.InvariantCulture);
var queries = int.Parse(Arg("queries", "2000"), CultureInfo.InvariantCulture);

var dataDirectory = ServerProcess.CreateDirectory("spatial-bench");
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
var search = host.Services.GetRequiredService<SpatialSearch>();

// The boroughs, for placing assets and as query polygons.
using var geojson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "TwinApi", "Areas", "london-boroughs.geojson")));
var boroughs = geojson.RootElement.GetProperty("features").EnumerateArray().Select(f => (
    Code: f.GetProperty("id").GetString()!,
    Geometry: (Geometry)(f.GetProperty("geometry").GetProperty("type").GetString() == "Polygon"
        ? Polygon(f.GetProperty("geometry").GetProperty("coordinates"))
        : GeoFactory.Wgs84.CreateMultiPolygon([.. f.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(Polygon)])))).ToList();
var london = GeoFactory.Wgs84.BuildGeometry(boroughs.Select(b => b.Geometry)).EnvelopeInternal;
var locators = boroughs.Select(b => new IndexedPointInAreaLocator(b.Geometry)).ToList();

Polygon Polygon(JsonElement rings)
{
    var linear = rings.EnumerateArray().Select(r => GeoFactory.Wgs84.CreateLinearRing([.. r.EnumerateArray().Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble()))])).ToArray();
    return GeoFactory.Wgs84.CreatePolygon(linear[0], linear[1..]);
}

var random = new Random(20_000);
(double Lon, double Lat, string Area) PlaceInLondon()
{
    while (true)
    {
        var point = new Coordinate(london.MinX + (random.NextDouble() * london.Width), london.MinY + (random.NextDouble() * london.Height));
        for (var b = 0; b < boroughs.Count; b++)
        {
            if (locators[b].Locate(point) != Location.Exterior)
            {
                return (point.X, point.Y, boroughs[b].Code);
            }
        }
    }
}

string[] statuses = [AssetStatus.Ok, AssetStatus.Ok, AssetStatus.Ok, AssetStatus.Alert, AssetStatus.Offline];
var clock = Stopwatch.StartNew();
var byCell = new Dictionary<string, List<CellEntry>>(StringComparer.Ordinal);
for (var i = 0; i < assetCount; i++)
{
    var (lon, lat, area) = PlaceInLondon();
    var cell = Geohash.Encode(lon, lat);
    if (!byCell.TryGetValue(cell, out var entries))
    {
        byCell[cell] = entries = [];
    }

    entries.Add(new CellEntry($"asset-{i:x6}", lon, lat, (DeviceKind)(1 + (i % 3)), statuses[i % statuses.Length], area, $"Asset {i}"));
}

await Parallel.ForEachAsync(byCell, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (cell, _) =>
{
    foreach (var chunk in cell.Value.Chunk(5_000))
    {
        await grains.GetGrain<ICellGrain>(cell.Key).UpsertManyAsync(chunk);
    }
});
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {Environment.ProcessorCount} cores, {assetCount:N0} assets in {byCell.Count} cells (max {byCell.Values.Max(c => c.Count):N0}, median {byCell.Values.Select(c => c.Count).Order().ElementAt(byCell.Count / 2):N0} per cell), listed in {clock.Elapsed.TotalSeconds:0.0} s"));

// Let the cells write what the import gave them (they write behind, a second after a change).
await Task.Delay(TimeSpan.FromSeconds(5));

async Task MeasureAsync(string name, Func<Task<SpatialPage>> query)
{
    for (var i = 0; i < 500; i++)
    {
        await query(); // warm-up: activations, tiered JIT
    }

    var latencies = new double[queries];
    long hits = 0;
    for (var i = 0; i < queries; i++)
    {
        var start = Stopwatch.GetTimestamp();
        var page = await query();
        latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        hits += page.Items.Count;
    }

    Array.Sort(latencies);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: p50 {latencies[queries / 2]:0.000} ms, p99 {latencies[(int)(queries * 0.99)]:0.000} ms, max {latencies[^1]:0.000} ms, {hits / (double)queries:0.0} hits per query"));
}

Task<SpatialPage> BoxAsync()
{
    var (lon, lat, _) = PlaceInLondon();
    return search.InBoxAsync(new GeoBox(lon - 0.01, lat - 0.006, lon + 0.01, lat + 0.006), SpatialFilter.None, 100);
}

Task<SpatialPage> RadiusAsync()
{
    var (lon, lat, _) = PlaceInLondon();
    return search.InRadiusAsync(lon, lat, 500, SpatialFilter.None, 100);
}

Task<SpatialPage> NearestAsync()
{
    var (lon, lat, _) = PlaceInLondon();
    return search.NearestAsync(lon, lat, 10, SpatialFilter.None);
}

await MeasureAsync("box 1.4 km × 1.3 km, limit 100", BoxAsync);
await MeasureAsync("box 1.4 km × 1.3 km, kind + status, limit 100", () =>
{
    var (lon, lat, _) = PlaceInLondon();
    return search.InBoxAsync(new GeoBox(lon - 0.01, lat - 0.006, lon + 0.01, lat + 0.006), new SpatialFilter(DeviceKind.Footfall, AssetStatus.Alert), 100);
});
await MeasureAsync("radius 500 m, limit 100", RadiusAsync);
await MeasureAsync("radius 2 km, limit 100", () =>
{
    var (lon, lat, _) = PlaceInLondon();
    return search.InRadiusAsync(lon, lat, 2_000, SpatialFilter.None, 100);
});
await MeasureAsync("nearest 10", NearestAsync);
await MeasureAsync("nearest 10, kind + status", () =>
{
    var (lon, lat, _) = PlaceInLondon();
    return search.NearestAsync(lon, lat, 10, new SpatialFilter(DeviceKind.BusPriority, AssetStatus.Offline));
});
await MeasureAsync("borough polygon, limit 100", () => search.InPolygonAsync(boroughs[random.Next(boroughs.Count)].Geometry, SpatialFilter.None, 100));
await MeasureAsync("area (borough), limit 100", () => search.InAreaAsync(boroughs[random.Next(boroughs.Count)].Code, SpatialFilter.None, 100));

// The same queries while assets change status (as twins go offline, raise and clear alerts),
// paced at --status-changes per second: every change dirties its cell, which then rewrites its
// whole state within a second.
var statusChanges = int.Parse(Arg("status-changes", "1000"), CultureInfo.InvariantCulture);
var cells = byCell.Values.ToArray();
using var churning = new CancellationTokenSource();
var changed = 0;
var churn = Task.Run(async () =>
{
    var pace = Stopwatch.StartNew();
    var churnRandom = new Random(7);
    while (!churning.IsCancellationRequested)
    {
        var cell = cells[churnRandom.Next(cells.Length)];
        var entry = cell[churnRandom.Next(cell.Count)];
        await grains.GetGrain<ICellGrain>(Geohash.Encode(entry.Longitude, entry.Latitude)).UpsertAsync(entry with { Status = statuses[churnRandom.Next(statuses.Length)] });
        var wait = TimeSpan.FromSeconds(++changed / (double)statusChanges) - pace.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
});
var churnClock = Stopwatch.StartNew();
await MeasureAsync("under status churn: box 1.4 km × 1.3 km, limit 100", BoxAsync);
await MeasureAsync("under status churn: radius 500 m, limit 100", RadiusAsync);
await MeasureAsync("under status churn: nearest 10", NearestAsync);
churning.Cancel();
await churn;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"status churn: {changed / churnClock.Elapsed.TotalSeconds:N0} changes/s kept up during the three measures above"));

await host.StopAsync();
Directory.Delete(dataDirectory, recursive: true);
