using System.Globalization;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// The benchmark's command line (<c>--name value</c>). <c>--smoke</c> gives tiny defaults so every
/// scenario runs end to end in seconds; any option given still wins.
/// </summary>
public sealed record E2eOptions(
    int Readings,
    int Devices,
    int Window,
    int PeerReadings,
    int WarmupPercent,
    int WarmupRounds,
    int PacedRate,
    int PacedSeconds,
    int Probes,
    TimeSpan ProbeInterval,
    TimeSpan StallTimeout,
    TimeSpan Timeout,
    IReadOnlySet<string> Scenarios,
    string? NodeRedDirectory,
    string Payloads,
    bool Smoke)
{
    /// <summary>What the load devices say: <c>city</c>, the fleet simulator's three kinds (the default), or <c>westminster</c>, air-quality stations only (smaller payloads, the earlier runs' load).</summary>
    public static readonly IReadOnlyList<string> AllPayloads = ["city", "westminster"];

    public static readonly IReadOnlyList<string> AllScenarios = ["mosquitto", "influxdb", "nodered", "embedded", "paced", "external"];

    public int ReadingsPerDevice => Math.Max(1, Readings / Devices);

    public int PeerReadingsPerDevice => Math.Max(1, PeerReadings / Devices);

    /// <summary>
    /// Unmeasured readings per device sent through a pipeline before its first measured run, in each
    /// warm-up round (at most <see cref="WarmupRounds"/>; further rounds only while a .NET system
    /// under test is still recompiling its hot methods).
    /// </summary>
    public int WarmupPerDevice(int readingsPerDevice) => readingsPerDevice * WarmupPercent / 100;

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    public static E2eOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var smoke = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--smoke")
            {
                smoke = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        int Number(string name, int normal, int smokeValue) =>
            values.Remove(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : smoke ? smokeValue : normal;

        var scenarioText = values.Remove("scenario", out var s) ? s : "all";
        var scenarios = scenarioText == "all" ? AllScenarios.ToHashSet() : scenarioText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        if (scenarios.Except(AllScenarios).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException($"unknown scenario '{unknown}'; choose from all, {string.Join(", ", AllScenarios)}");
        }

        var payloads = values.Remove("payloads", out var p) ? p : "city";
        if (!AllPayloads.Contains(payloads))
        {
            throw new ArgumentException($"unknown payloads '{payloads}'; choose from {string.Join(", ", AllPayloads)}");
        }

        var options = new E2eOptions(
            Readings: Number("readings", 600_000, 4_000),
            Devices: Number("devices", 20, 20),
            Window: Number("window", 100, 32),
            PeerReadings: Number("peer-readings", 30_000, 1_000),
            WarmupPercent: Number("warmup-percent", 20, 10),
            WarmupRounds: Number("warmup-rounds", 10, 1),
            PacedRate: Number("paced-rate", 10_000, 1_000),
            PacedSeconds: Number("paced-seconds", 20, 2),
            Probes: Number("probes", 10, 2),
            ProbeInterval: TimeSpan.FromMilliseconds(Number("probe-interval-ms", 50, 50)),
            StallTimeout: TimeSpan.FromSeconds(Number("stall-seconds", 30, 20)),
            Timeout: TimeSpan.FromMinutes(Number("timeout-minutes", 60, 4)),
            Scenarios: scenarios,
            NodeRedDirectory: values.Remove("node-red", out var nodeRed) && nodeRed.Length > 0 ? nodeRed : null,
            Payloads: payloads,
            Smoke: smoke);
        return values.Count == 0 ? options : throw new ArgumentException($"unknown option --{values.Keys.First()}");
    }
}
