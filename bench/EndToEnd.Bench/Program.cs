using System.Globalization;
using System.Runtime.InteropServices;
using UrbanTwin.Bench.Load;
using UrbanTwin.EndToEnd.Bench;
using UrbanTwin.TestSupport.Servers;

// The end-to-end benchmark of issue 8, in one run on this machine: the same load generator and
// readings through (1) the limit: mosquitto alone and influxd alone, (2) the peer: mosquitto + a
// Node-RED flow, (3) UrbanTwin: the host with its embedded broker and behind mosquitto, each into
// the same influxd (a fresh database per scenario), then a paced run for latency. Loopback only,
// bounded in time, stops everything it starts. bench/e2e.sh builds and runs it.
E2eOptions options;
try
{
    options = E2eOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using var stop = new CancellationTokenSource(options.Timeout);
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
var cancellationToken = stop.Token;

// The fleet simulator's city (the three kinds in turn) or Westminster's stations; the probe stations report Westminster's real hours.
IPayloadSource payloads = options.Payloads == "westminster" ? new WestminsterAirQuality() : new SimulatedCity(options.Devices);
var fleet = new BenchFleet(options.Devices, options.Probes, payloads);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# end to end{(options.Smoke ? " (smoke)" : "")}: {options.Devices} devices ({options.Payloads}) × {options.ReadingsPerDevice:N0} QoS 1 readings = {options.Devices * options.ReadingsPerDevice:N0} per scenario (peer: {options.Devices * options.PeerReadingsPerDevice:N0}), window {options.Window}, {options.Probes} probes every {options.ProbeInterval.TotalMilliseconds:0} ms, {Environment.ProcessorCount} cores"));

var results = new List<ScenarioResult>();
var skipped = new List<string>();
var failed = new List<string>();
try
{
    await using var influxd = await InfluxServer.StartAsync();
    var influx = ProcessUsage.Find("influxd", influxd.Directory);

    async Task RunAsync(string scenario, Func<Task<IEnumerable<ScenarioResult>>> run)
    {
        Console.WriteLine($"-- {scenario} ...");
        try
        {
            foreach (var result in await run())
            {
                Console.WriteLine(Report.Line(result));
                results.Add(result);
            }
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            // One scenario failing (a server that would not start, a timeout) is reported; the others still run.
            Console.Error.WriteLine($"{scenario} failed: {ex}");
            failed.Add($"{scenario} ({ex.GetType().Name}: {ex.Message.Split('\n')[0]})");
        }
    }

    InfluxDatabase Database(string name) => new(influxd.BaseUri, "e2e_" + name);

    if (options.Runs("mosquitto"))
    {
        await RunAsync("mosquitto alone", async () => [await MosquittoAlone.RunAsync(options, fleet, payloads, cancellationToken)]);
    }

    if (options.Runs("influxdb"))
    {
        await RunAsync("influxd alone", async () => [await InfluxAlone.RunAsync(options, fleet, payloads, Database("influxd_alone"), influx, cancellationToken)]);
    }

    if (options.Runs("nodered"))
    {
        if (options.NodeRedDirectory is { } nodeRed && File.Exists(Path.Combine(nodeRed, "node_modules", "node-red", "red.js")))
        {
            await RunAsync("mosquitto + Node-RED", async () => await NodeRedFlow.RunAsync(options, nodeRed, fleet, payloads, Database("node_red"), influx, cancellationToken));
        }
        else
        {
            skipped.Add("mosquitto + Node-RED (Node-RED is not installed: bench/e2e.sh installs it with npm into bench/.node-red)");
        }
    }

    if (options.Runs("embedded") || options.Runs("paced"))
    {
        await RunAsync("UrbanTwin, embedded broker", async () => await UrbanTwinNode.RunEmbeddedAsync(options, fleet, payloads, Database("urbantwin_embedded"), influx, cancellationToken));
    }

    if (options.Runs("external"))
    {
        await RunAsync("UrbanTwin behind mosquitto", async () => [await UrbanTwinNode.RunExternalAsync(options, fleet, payloads, Database("urbantwin_external"), influx, cancellationToken)]);
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine($"e2e: stopped ({(results.Count == 0 ? "nothing measured" : "partial results below")}): interrupted or over --timeout-minutes {options.Timeout.TotalMinutes:0}");
    Report.Print(results, skipped, failed, options, interrupted: true);
    return 130;
}

Report.Print(results, skipped, failed, options);
return Report.Problems(results, failed).Count == 0 ? 0 : 1;

void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
