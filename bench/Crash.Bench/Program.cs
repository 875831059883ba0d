using System.Globalization;
using UrbanTwin.TestSupport.Durability;

// bench/crash.sh [--kills 20] [--devices 8] [--in-flight 16] [--readings-per-round 1000] [--stores embedded,influxdb,influxdb-down]
// Kills the real host (SIGKILL) at random moments under QoS 1 load, restarts it on the same data
// directory each time, and after the last restart checks every acknowledged reading against
// history and every twin against its history. Exit code 1 if anything acknowledged was lost.
var kills = 20;
var devices = 8;
var inFlight = 16;
var perRound = 1000;
var stores = new[] { "embedded", "influxdb", "influxdb-down" };
for (var i = 0; i < args.Length - 1; i += 2)
{
    switch (args[i])
    {
        case "--kills": kills = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--devices": devices = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--in-flight": inFlight = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--readings-per-round": perRound = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--stores": stores = args[i + 1].Split(','); break;
        default: Console.Error.WriteLine("unknown option " + args[i]); return 2;
    }
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var reports = new List<CrashLoopReport>();
foreach (var store in stores)
{
    Console.WriteLine($"crash loop, {store}: {kills} kills, {devices} devices, {inFlight} QoS 1 publishes in flight each, {perRound:N0} acknowledged readings between kills");
    var report = await CrashLoop.RunAsync(
        new CrashLoopOptions { Store = store, Kills = kills, Devices = devices, InFlightPerDevice = inFlight, ReadingsPerRound = perRound, Log = line => Console.WriteLine("   " + line) },
        stop.Token);
    Console.WriteLine("   " + report);
    reports.Add(report);
}

Console.WriteLine();
Console.WriteLine("| store | kills | acknowledged | stored | lost | stored twice | twins disagreeing | time |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var r in reports)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Store} | {r.Kills} | {r.Acknowledged:N0} | {r.Stored:N0} | {r.Lost:N0} | {r.StoredTwice:N0} | {r.TwinMismatches.Count} | {r.Elapsed.TotalSeconds:0} s |"));
}

return reports.All(r => r.Kept) ? 0 : 1;
