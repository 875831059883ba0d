using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using UrbanTwin.TestSupport;

// The HTTP API with a large fleet: N assets spread evenly over London's 33 boroughs are imported
// through POST /api/assets/import (10,000 rows per request, CSV or GeoJSON), then each spatial route
// is called one request at a time from random places in London and its latency recorded (HTTP,
// authentication, JSON included). Writes the twin ids for the twin-read load (wrk) to the file given.
// With --queries 0 it only imports. The import's rate is printed per 100,000 assets and overall.
// With --imported true the fleet is already there (a host restarted on it): only the queries run.
//   UrbanTwin.Api.Bench --url http://127.0.0.1:8080 --key <admin key> [--assets 1000000] [--queries 2000]
//     [--format csv|geojson] [--chunk 10000] [--ids ids.txt] [--imported true]
var options = Args.Parse(args);
var url = new Uri(options.GetValueOrDefault("--url", "http://127.0.0.1:8080").TrimEnd('/') + "/");
var key = options["--key"];
var assetCount = int.Parse(options.GetValueOrDefault("--assets", "1000000"), CultureInfo.InvariantCulture);
var queries = int.Parse(options.GetValueOrDefault("--queries", "2000"), CultureInfo.InvariantCulture);
var idsFile = options.GetValueOrDefault("--ids", "");
var geoJson = options.GetValueOrDefault("--format", "csv") switch
{
    "csv" => false,
    "geojson" => true,
    var other => throw new ArgumentException($"--format {other}: csv or geojson"),
};
var chunk = int.Parse(options.GetValueOrDefault("--chunk", "10000"), CultureInfo.InvariantCulture);
var imported = bool.Parse(options.GetValueOrDefault("--imported", "false"));
const int ReportEvery = 100_000;

using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(10) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
var factory = new GeometryFactory(new PrecisionModel(), 4326);

using var geojson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "TwinApi", "Areas", "london-boroughs.geojson")));
var boroughs = geojson.RootElement.GetProperty("features").EnumerateArray().Select(f => (
    Code: f.GetProperty("id").GetString()!,
    GeometryJson: f.GetProperty("geometry").GetRawText(),
    Geometry: ReadArea(f.GetProperty("geometry")))).ToList();
var london = factory.BuildGeometry(boroughs.Select(b => b.Geometry)).EnvelopeInternal;
var locators = boroughs.Select(b => new IndexedPointInAreaLocator(b.Geometry)).ToList();
var random = new Random(20_000);
string[] kinds = ["air-quality", "footfall", "bus-priority"];

var clock = Stopwatch.StartNew();
if (!imported)
{
    await ImportAsync();
}

if (queries == 0)
{
    return;
}

// Let the cells' write-behind and the import's state writes settle.
await Task.Delay(TimeSpan.FromSeconds(5));
await QueryAsync();

async Task ImportAsync()
{
    Console.WriteLine($"Importing {assetCount:N0} assets as {(geoJson ? "GeoJSON" : "CSV")} in requests of {chunk:N0} rows ...");
    var body = new StringBuilder();
    var lastReport = (Assets: 0, Seconds: 0.0);
    for (var start = 0; start < assetCount; start += chunk)
    {
        var end = Math.Min(start + chunk, assetCount);
        if (geoJson)
        {
            body.Clear().Append("{\"type\":\"FeatureCollection\",\"features\":[");
            for (var i = start; i < end; i++)
            {
                var (lon, lat) = PlaceInLondon();
                body.Append(i == start ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"type\":\"Feature\",\"id\":\"bench-{i:D7}\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{lon:R},{lat:R}]}},\"properties\":{{\"kind\":\"{kinds[i % 3]}\",\"name\":\"Bench asset {i}\"}}}}");
            }

            body.Append("]}");
        }
        else
        {
            body.Clear().Append("id,kind,name,lon,lat\n");
            for (var i = start; i < end; i++)
            {
                var (lon, lat) = PlaceInLondon();
                body.Append(CultureInfo.InvariantCulture, $"bench-{i:D7},{kinds[i % 3]},Bench asset {i},{lon:R},{lat:R}\n");
            }
        }

        using var content = new StringContent(body.ToString(), Encoding.UTF8, geoJson ? "application/geo+json" : "text/csv");
        using var response = await http.PostAsync(new Uri("api/assets/import", UriKind.Relative), content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"import failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        if (end / ReportEvery > lastReport.Assets / ReportEvery || end == assetCount)
        {
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  {end:N0} imported, {(end - lastReport.Assets) / (seconds - lastReport.Seconds):N0} assets/s over the last {end - lastReport.Assets:N0}, {end / seconds:N0} assets/s so far");
            lastReport = (end, seconds);
        }
    }

    Console.WriteLine($"Imported {assetCount:N0} assets in {clock.Elapsed.TotalSeconds:N1} s: {assetCount / clock.Elapsed.TotalSeconds:N0} assets/s (twin, map cell, device with secret each)");
    if (idsFile.Length > 0)
    {
        await File.WriteAllLinesAsync(idsFile, Enumerable.Range(0, Math.Min(assetCount, 100_000)).Select(i => $"bench-{i:D7}"));
    }
}

async Task QueryAsync()
{
    string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    Console.WriteLine();
    Console.WriteLine("| route | p50 | p99 | max |");
    Console.WriteLine("| --- | --- | --- | --- |");
    await MeasureAsync("GET /api/assets?bbox= (1.4 km × 1.3 km, limit 100)", () =>
    {
        var (lon, lat) = PlaceInLondon();
        return Get($"api/assets?bbox={F(lon - 0.01)},{F(lat - 0.006)},{F(lon + 0.01)},{F(lat + 0.006)}");
    });
    await MeasureAsync("GET /api/assets?near=&radius=500 (limit 100)", () =>
    {
        var (lon, lat) = PlaceInLondon();
        return Get($"api/assets?near={F(lon)},{F(lat)}&radius=500");
    });
    await MeasureAsync("GET /api/assets?near=&radius=500&kind=footfall&status=offline", () =>
    {
        var (lon, lat) = PlaceInLondon();
        return Get($"api/assets?near={F(lon)},{F(lat)}&radius=500&kind=footfall&status=offline");
    });
    await MeasureAsync("GET /api/assets?near=&k=10", () =>
    {
        var (lon, lat) = PlaceInLondon();
        return Get($"api/assets?near={F(lon)},{F(lat)}&k=10");
    });
    await MeasureAsync("POST /api/assets/search (borough polygon, limit 100)", () =>
        Post("api/assets/search", boroughs[random.Next(boroughs.Count)].GeometryJson));
    await MeasureAsync("GET /api/areas/{borough}/assets (limit 100)", () =>
        Get($"api/areas/{boroughs[random.Next(boroughs.Count)].Code}/assets"));
    await MeasureAsync("GET /api/assets/{id}/twin", () =>
        Get($"api/assets/bench-{random.Next(Math.Min(assetCount, 100_000)):D7}/twin"));
}

async Task MeasureAsync(string name, Func<Task> request)
{
    for (var i = 0; i < Math.Min(200, queries); i++)
    {
        await request();
    }

    var samples = new double[queries];
    for (var i = 0; i < queries; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await request();
        samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    Array.Sort(samples);
    Console.WriteLine($"| {name} | {samples[queries / 2]:F3} ms | {samples[(int)(queries * 0.99)]:F3} ms | {samples[^1]:F1} ms |");
}

async Task Get(string path)
{
    using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
    Check(response, path);
}

async Task Post(string path, string body)
{
    using var response = await http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
    Check(response, path);
}

static void Check(HttpResponseMessage response, string path)
{
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
    }
}

(double Lon, double Lat) PlaceInLondon()
{
    while (true)
    {
        var point = new Coordinate(london.MinX + (random.NextDouble() * london.Width), london.MinY + (random.NextDouble() * london.Height));
        foreach (var locator in locators)
        {
            if (locator.Locate(point) != Location.Exterior)
            {
                return (point.X, point.Y);
            }
        }
    }
}

Geometry ReadArea(JsonElement geometry)
{
    Polygon Polygon(JsonElement rings)
    {
        var linear = rings.EnumerateArray().Select(r => factory.CreateLinearRing([.. r.EnumerateArray().Select(p => new Coordinate(p[0].GetDouble(), p[1].GetDouble()))])).ToArray();
        return factory.CreatePolygon(linear[0], linear[1..]);
    }

    var coordinates = geometry.GetProperty("coordinates");
    return geometry.GetProperty("type").GetString() == "Polygon"
        ? Polygon(coordinates)
        : factory.CreateMultiPolygon([.. coordinates.EnumerateArray().Select(Polygon)]);
}

/// <summary>Command-line options as <c>--name value</c> pairs.</summary>
internal static class Args
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        return options;
    }
}
