using System.Globalization;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>Prints the figures: a line per scenario as it ends, then the table, the ratios and the targets of issue 8.</summary>
public static class Report
{
    private const double TargetRate = 30_000;
    private const double TargetOverPeer = 20;
    private const double TargetOverBroker = 0.70;
    private const double TargetPacedP99Ms = 50;

    public static string Line(ScenarioResult r) =>
        Invariant($"   {r.Name}: {r.Counted:N0} of {r.Sent:N0} counted in {r.Elapsed.TotalSeconds:0.00} s = {r.Rate:N0}/s{(r.Lossless ? "" : $" — LOSS: {r.Sent - r.Counted:N0} missing")}; ")
        + Invariant($"CPU s: {r.SystemUnderTest} {r.Cpu.System:0.0}, influxd {r.Cpu.Influx:0.0}, load generator {r.Cpu.LoadGenerator:0.0}, other processes {r.Cpu.Others:0.0}{(r.Note is null ? "" : "; " + r.Note)}");

    public static void Print(IReadOnlyList<ScenarioResult> results, IReadOnlyList<string> skipped, IReadOnlyList<string> failed, E2eOptions options, bool interrupted = false)
    {
        Console.WriteLine();
        Console.WriteLine("| scenario | readings counted / sent | seconds | readings/s | publish → twin p50 / p99 ms | publish → InfluxDB p50 / p99 ms | CPU s, system under test | CPU s, influxd | CPU µs per reading (both) | peak memory MiB, system under test | CPU s, load generator / other processes |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            Console.WriteLine(Invariant(
                $"| {r.Name} | {r.Counted:N0} / {r.Sent:N0}{(r.Lossless ? "" : " **LOSS**")} | {r.Elapsed.TotalSeconds:0.00} | {r.Rate:N0} | {Show(r.ToTwin)} | {Show(r.ToInflux)} | {r.Cpu.System:0.0} ({r.SystemUnderTest}) | {r.Cpu.Influx:0.0} | {r.CpuMicrosecondsPerReading:0} | {r.PeakMemoryMiB:N0} | {r.Cpu.LoadGenerator:0.0} / {r.Cpu.Others:0.0} |"));
        }

        foreach (var s in skipped)
        {
            Console.WriteLine($"| {s} | skipped | | | | | | | | | |");
        }

        var broker = Find(results, "mosquitto alone");
        var influx = Find(results, "influxd alone");
        // The peer's figure: its best run without loss (a burst it could not absorb is reported, but not compared).
        var peer = results.Where(r => r.Kind == "peer").OrderByDescending(r => r.Lossless).ThenByDescending(r => r.Rate).FirstOrDefault();
        var paced = results.FirstOrDefault(r => r.Kind == "paced");
        Console.WriteLine();
        foreach (var urbanTwin in results.Where(r => r.Kind == "UrbanTwin"))
        {
            Console.WriteLine(Invariant($"{urbanTwin.Name}: {urbanTwin.Rate:N0} readings/s {(urbanTwin.Lossless ? "with zero loss" : "WITH LOSS")} {Check(urbanTwin.Lossless && urbanTwin.Rate >= TargetRate)} (target ≥ {TargetRate:N0})"));
            if (peer is not null)
            {
                var ratio = urbanTwin.Rate / peer.Rate;
                Console.WriteLine(Invariant($"  / Node-RED flow ({peer.Rate:N0}/s{(peer.Lossless ? "" : ", with loss")}): {ratio:0.0}× {Check(peer.Lossless && ratio >= TargetOverPeer)} (target ≥ {TargetOverPeer:0}×)"));
            }

            if (broker is not null)
            {
                var ratio = urbanTwin.Rate / broker.Rate;
                Console.WriteLine(Invariant($"  / mosquitto alone: {ratio:P0} {Check(ratio >= TargetOverBroker)} (target ≥ {TargetOverBroker:P0})"));
            }

            if (influx is not null)
            {
                Console.WriteLine(Invariant($"  / influxd alone: {urbanTwin.Rate / influx.Rate:P0}"));
            }
        }

        if (paced?.ToTwin is { } latency)
        {
            Console.WriteLine(Invariant($"{paced.Name}: publish → twin p99 {latency.P99:0.0} ms over {latency.Samples:N0} probe readings {Check(paced.Lossless && latency.P99 < TargetPacedP99Ms)} (target < {TargetPacedP99Ms:0} ms)"));
        }

        Console.WriteLine();
        Console.WriteLine(Verdict(results, skipped, failed, options, interrupted));
    }

    /// <summary>
    /// What went wrong: failed scenarios and runs with loss, except the peer's bursts when a paced
    /// run of the peer then stored everything (the burst's loss is a finding about the flow, shown
    /// in the table; the peer's figure is its lossless run).
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<ScenarioResult> results, IReadOnlyList<string> failed)
    {
        var peerFoundItsRate = results.Any(r => r.Kind == "peer" && r.Lossless);
        return [.. failed.Select(f => "FAILED " + f), .. results.Where(r => !r.Lossless && !(r.Kind == "peer" && peerFoundItsRate)).Select(r => "LOSS in " + r.Name)];
    }

    /// <summary>The last line: what the smoke test looks for.</summary>
    private static string Verdict(IReadOnlyList<ScenarioResult> results, IReadOnlyList<string> skipped, IReadOnlyList<string> failed, E2eOptions options, bool interrupted)
    {
        if (interrupted)
        {
            return $"e2e: interrupted after {results.Count} runs";
        }

        var problems = Problems(results, failed);
        var burst = results.Any(r => r.Kind == "peer" && !r.Lossless) ? "; the Node-RED flow lost readings in its burst and was then paced" : "";
        return problems.Count > 0
            ? "e2e: " + string.Join("; ", problems)
            : $"e2e: {results.Count} runs complete with zero loss{burst}{(skipped.Count > 0 ? "; skipped: " + string.Join("; ", skipped) : "")}{(options.Smoke ? " (smoke: figures not meaningful)" : "")}";
    }

    private static ScenarioResult? Find(IReadOnlyList<ScenarioResult> results, string prefix) =>
        results.FirstOrDefault(r => r.Name.StartsWith(prefix, StringComparison.Ordinal));

    private static string Show(Percentiles? p) => p is null ? "–" : Invariant($"{p.P50:0.0} / {p.P99:0.0}");

    private static string Check(bool met) => met ? "✔" : "✘";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
