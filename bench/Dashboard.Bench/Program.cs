using System.Globalization;
using System.Net.Http.Headers;
using UrbanTwin.Dashboard.Bench;
using UrbanTwin.TwinApi.Tests;

// The dashboard with a large fleet, in Debian's headless Chromium against the real host: imports N
// assets through the API, signs in as an operator would and times the first view (every asset
// counted on the map), then has air-quality stations report at a fixed total rate over MQTT (each
// reading one twin change on the live feed) and records every animation frame's interval and the
// page's long tasks meanwhile. Host, browser and load share the machine.
//   UrbanTwin.Dashboard.Bench --url http://127.0.0.1:8080 --key <admin key> --mqtt-port 1883
//     [--assets 20000] [--rate 1000] [--devices 500] [--seconds 30]
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

int Option(string name, int fallback) => options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
var url = new Uri(options.GetValueOrDefault("--url", "http://127.0.0.1:8080").TrimEnd('/') + "/");
var key = options["--key"];
var mqttPort = Option("--mqtt-port", 1883);
var assets = Option("--assets", 20_000);
var rate = Option("--rate", 1_000);
var deviceCount = Option("--devices", 500);
var seconds = Option("--seconds", 30);
var patience = TimeSpan.FromMinutes(2);

using var admin = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
Console.WriteLine($"Importing {assets:N0} assets ...");
var stations = await FleetImport.ImportAsync(admin, assets, CancellationToken.None);

using var browser = Browser.Start();
var page = new PageProbe(browser);
page.Open(url);
var (firstMarkers, assetsRead, shown) = page.SignInAndTime(key, assets, patience);
Console.WriteLine($"First view of {page.CountShown()} assets: first markers {firstMarkers:F0} ms, last page read {assetsRead:F0} ms, every asset counted and painted {shown:F0} ms after pressing Sign in");
page.WaitForLiveFeed(patience);

var load = await ReadingLoad.ConnectAsync(mqttPort, stations.Take(deviceCount).ToList(), rate);
await using var live = new LiveCounter(admin);
live.Start();
page.Reset();
var idle = TimeSpan.FromSeconds(5);
await Task.Delay(idle);
var (idleFrames, _) = page.Read();
page.Reset();
var twinsBefore = live.Twins;
Console.WriteLine($"Streaming {rate:N0} readings/s from {Math.Min(deviceCount, stations.Count)} stations for {seconds} s ...");
await load.RunAsync(TimeSpan.FromSeconds(seconds));
var (frames, longTasks) = page.Read();
var twins = live.Twins - twinsBefore;
await load.DisconnectAsync();

Console.WriteLine($"Readings sent: {load.Sent:N0} ({load.Sent / (double)seconds:N0}/s, {load.Late} a period late); twin events on a second live stream: {twins:N0} ({twins / (double)seconds:N0}/s)");
Report("Idle frames (5 s before the load)", idleFrames);
Report($"Frames while {rate:N0} readings/s stream in", frames);
Console.WriteLine($"Long tasks (over 50 ms) while streaming: {longTasks.Length}, longest {(longTasks.Length == 0 ? 0 : longTasks.Max()):F0} ms, {longTasks.Sum():F0} ms in all");
Console.WriteLine($"Still shown: {page.CountShown()} assets");

static void Report(string title, double[] frames)
{
    if (frames.Length == 0)
    {
        Console.WriteLine($"{title}: no frames recorded");
        return;
    }

    var sorted = frames.Order().ToArray();
    double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    Console.WriteLine(FormattableString.Invariant(
        $"{title}: {frames.Length} frames, interval p50 {At(0.50):F1} ms, p95 {At(0.95):F1} ms, p99 {At(0.99):F1} ms, max {sorted[^1]:F1} ms; over 100 ms: {frames.Count(f => f > 100)}, over 50 ms: {frames.Count(f => f > 50)}"));
}
