using System.Globalization;
using UrbanTwin.Bench.Load;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// The peer: mosquitto + Node-RED 4 running the flow a city team would draw
/// (<c>bench/node-red/flow.json</c>: <c>mqtt in</c> (json) → <c>function</c> (fields + tags) →
/// <c>influxdb out</c>, one write per message), headless on loopback with a temporary user
/// directory, writing to the shared influxd.
/// </summary>
public static class NodeRedFlow
{
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(E2eOptions options, string nodeRedDirectory, BenchFleet fleet, IPayloadSource payloads, InfluxDatabase database, ProcessUsage influx, CancellationToken cancellationToken)
    {
        await database.CreateAsync(cancellationToken);
        await using var broker = await MosquittoServer.StartAsync(MosquittoAlone.Unbounded);
        var userDirectory = ServerProcess.CreateDirectory("node-red");
        var flows = Path.Combine(RepositoryPaths.Root, "bench", "node-red");
        File.Copy(Path.Combine(flows, "flow.json"), Path.Combine(userDirectory, "flows.json"));
        await using var nodeRed = ServerProcess.Start(
            "node-red",
            userDirectory,
            "node",
            [
                Path.Combine(nodeRedDirectory, "node_modules", "node-red", "red.js"),
                "--settings", Path.Combine(flows, "settings.js"),
                "--userDir", userDirectory,
                "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
                "flows.json",
            ],
            new Dictionary<string, string>
            {
                ["UT_MQTT_PORT"] = broker.Port.ToString(CultureInfo.InvariantCulture),
                ["UT_INFLUX_PORT"] = database.Url.Port.ToString(CultureInfo.InvariantCulture),
                ["UT_INFLUX_DB"] = database.Name,
                ["UT_AREAS"] = fleet.AreaLookupJson(),
            });
        await nodeRed.WaitUntilReadyAsync(_ => Task.FromResult(nodeRed.ReadLog().Contains("Connected to broker", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));

        var system = ProcessUsage.Together("mosquitto + Node-RED", ProcessUsage.Find("mosquitto", broker.Directory), ProcessUsage.Find("Node-RED", userDirectory));
        var run = new PipelineRun("peer", broker.Port, fleet, payloads, database, system, influx, options) { ProbeInterval = options.ProbeInterval * 10 };
        var results = new List<ScenarioResult>();
        try
        {
            await run.WarmUpAsync(options.WarmupPerDevice(options.PeerReadingsPerDevice), cancellationToken);
            results.Add(Noted(await run.MeasureAsync("mosquitto + Node-RED flow", options.PeerReadingsPerDevice, null, cancellationToken), nodeRed));

            // The flow writes a point per message with no flow control, so a burst it cannot absorb
            // is lost. Then its sustained rate is found by pacing the same load below what it stored.
            var rate = results[0].Rate * 0.8;
            for (var attempt = 0; !results[^1].Lossless && attempt < 3 && rate >= fleet.Load.Count; attempt++, rate *= 0.7)
            {
                var perDevice = (int)Math.Max(1, rate * options.PacedSeconds / fleet.Load.Count);
                results.Add(Noted(await run.MeasureAsync(string.Create(CultureInfo.InvariantCulture, $"mosquitto + Node-RED flow, load paced at {rate:N0}/s"), perDevice, rate, cancellationToken), nodeRed));
            }

            return results;
        }
        finally
        {
            await run.StopAsync();
        }
    }

    /// <summary>A run that lost readings carries Node-RED's last error lines.</summary>
    private static ScenarioResult Noted(ScenarioResult result, ServerProcess nodeRed) =>
        result.Lossless ? result : result with { Note = $"{result.Note}; Node-RED log: {string.Join(" | ", nodeRed.ReadLog().Split('\n').Where(l => l.Contains("[error]", StringComparison.Ordinal)).TakeLast(2))}" };
}
