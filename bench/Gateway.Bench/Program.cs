using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UrbanTwin.Bench.Load;
using UrbanTwin.Contracts;
using UrbanTwin.Gateway;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Gateway.Mqtt;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.Grains.Hosting;
using UrbanTwin.TestSupport.Servers;

// Gateway benchmark: the same load generator (QoS 1, one connection per simulated station) against
// (1) mosquitto alone, delivering to mosquitto_sub (the reference), (2) the embedded broker, (3) the
// gateway in external mode behind mosquitto. Everything on loopback, bounded, stops what it starts.
var options = BenchOptions.Parse(args);
var payloads = new WestminsterAirQuality();
Console.WriteLine($"# {options.Devices} devices x {options.ReadingsPerDevice} readings = {options.Total:N0} QoS 1 readings, window {options.Window} per device, {Environment.ProcessorCount} cores");
var results = new List<Result>();

if (options.Runs("reference"))
{
    results.Add(await Scenarios.MosquittoAloneAsync(options, payloads));
}

if (options.Runs("embedded"))
{
    results.Add(await Scenarios.UrbanTwinAsync(options, payloads, external: false));
}

if (options.Runs("mosquitto"))
{
    results.Add(await Scenarios.UrbanTwinAsync(options, payloads, external: true));
}

Console.WriteLine();
Console.WriteLine("| scenario | readings | seconds | readings/s | hand-off p50 ms | hand-off p99 ms | CPU s (this process) | CPU µs per reading | allocated B per reading | peak working set MB |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Readings:N0} | {r.Elapsed.TotalSeconds:0.00} | {r.Rate:N0} | {Show(r.P50)} | {Show(r.P99)} | {r.CpuSeconds:0.0} | {r.CpuSeconds * 1e6 / r.Readings:0} | {(r.BytesPerReading is { } b ? b.ToString("N0", CultureInfo.InvariantCulture) : "–")} | {r.PeakMb:N0} |"));
}

var reference = results.FirstOrDefault(r => r.Name.StartsWith("mosquitto alone", StringComparison.Ordinal));
var external = results.FirstOrDefault(r => r.Name.StartsWith("UrbanTwin external", StringComparison.Ordinal));
if (reference is not null && external is not null)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nUrbanTwin through mosquitto / mosquitto alone: {external.Rate / reference.Rate:P0}"));
}

return 0;

static string Show(double? ms) => ms is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

internal sealed record Result(string Name, int Readings, TimeSpan Elapsed, double? P50, double? P99, double CpuSeconds, double PeakMb, double? BytesPerReading = null)
{
    public double Rate => Readings / Elapsed.TotalSeconds;
}

internal sealed record BenchOptions(int Devices, int ReadingsPerDevice, int Window, string Scenario)
{
    public int Total => Devices * ReadingsPerDevice;

    public bool Runs(string scenario) => Scenario == "all" || Scenario == scenario;

    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var devices = int.Parse(Value("devices", "100"), CultureInfo.InvariantCulture);
        var total = int.Parse(Value("readings", "200000"), CultureInfo.InvariantCulture);
        return new BenchOptions(devices, Math.Max(1, total / devices), int.Parse(Value("window", "32"), CultureInfo.InvariantCulture), Value("scenario", "all"));
    }
}

internal static class Scenarios
{
    public static async Task<Result> MosquittoAloneAsync(BenchOptions options, IPayloadSource payloads)
    {
        await using var broker = await MosquittoServer.StartAsync(["max_queued_messages 10000000", "max_inflight_messages 0"]);
        var devices = Enumerable.Range(0, options.Devices).Select(i => new BenchDevice($"aq-bench-{i:0000}", DeviceKind.AirQuality, "unused")).ToList();
        var sink = Process.Start(new ProcessStartInfo("mosquitto_sub")
        {
            ArgumentList = { "-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-i", "reference-sink", "-t", "ut/v1/#", "-C", options.Total.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var drain = sink.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        await Task.Delay(500); // let mosquitto_sub subscribe (it reports nothing when it has)
        var load = new LoadGenerator(broker.Port, devices, payloads, options.Window);
        await load.PrepareAsync(options.ReadingsPerDevice, CancellationToken.None);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await load.RunAsync(CancellationToken.None);
        await load.DisconnectAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await sink.WaitForExitAsync(timeout.Token);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await drain;
        Console.WriteLine($"mosquitto alone: {options.Total / elapsed.TotalSeconds:N0} readings/s delivered to mosquitto_sub");
        return new Result("mosquitto alone → mosquitto_sub (reference)", options.Total, elapsed, null, null, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, 0);
    }

    public static async Task<Result> UrbanTwinAsync(BenchOptions options, IPayloadSource payloads, bool external)
    {
        MosquittoServer? broker = external ? await MosquittoServer.StartAsync(["max_queued_messages 10000000", "max_inflight_messages 0"]) : null;
        var mqttPort = broker?.Port ?? FreePort.Next();
        var dataDirectory = ServerProcess.CreateDirectory("bench-node");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Storage:DataDirectory"] = dataDirectory,
            ["Mqtt:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:TlsPort"] = "0",
        };
        if (external)
        {
            settings["Mqtt:Mode"] = "external";
            settings["Mqtt:Password"] = "bench";
            settings["Mqtt:ClientId"] = "urbantwin-bench-gateway";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddUrbanTwinSilo();
        builder.AddUrbanTwinGateway();
        using var host = builder.Build();

        var accepted = 0L;
        var handoffs = new List<double>(options.Total);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestionMetrics.MeterName && instrument.Name is "urbantwin.ingest.readings.accepted" or "urbantwin.ingest.handoff.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref accepted, value));
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (handoffs)
            {
                handoffs.Add(value);
            }
        });
        listener.Start();
        await host.StartAsync();

        var provisioner = host.Services.GetRequiredService<DeviceProvisioner>();
        var devices = new List<BenchDevice>();
        for (var i = 0; i < options.Devices; i++)
        {
            var id = $"aq-bench-{i:0000}";
            devices.Add(new BenchDevice(id, DeviceKind.AirQuality, await provisioner.ProvisionAsync(id, "asset-" + id, DeviceKind.AirQuality)));
        }

        if (external)
        {
            var gateway = host.Services.GetRequiredService<ExternalBrokerClient>();
            while (!gateway.IsConnected)
            {
                await Task.Delay(50);
            }
        }

        var load = new LoadGenerator(mqttPort, devices, payloads, options.Window);
        await load.PrepareAsync(options.ReadingsPerDevice, CancellationToken.None);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        await load.RunAsync(CancellationToken.None);
        await load.DisconnectAsync();
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 300);
        while (Interlocked.Read(ref accepted) < options.Total && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var bytesPerReading = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)options.Total;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var peakMb = process.PeakWorkingSet64 / 1024.0 / 1024.0;
        var total = Interlocked.Read(ref accepted);
        await host.StopAsync();
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }

        Directory.Delete(dataDirectory, recursive: true);
        if (total != options.Total)
        {
            throw new InvalidOperationException($"only {total} of {options.Total} readings reached the twins");
        }

        double[] sorted;
        lock (handoffs)
        {
            sorted = [.. handoffs.Order()];
        }

        var name = external ? "UrbanTwin external mode (mosquitto → gateway → twins)" : "UrbanTwin embedded broker (→ twins)";
        Console.WriteLine($"{name}: {total / elapsed.TotalSeconds:N0} readings/s");
        return new Result(name, options.Total, elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99), cpuSeconds, peakMb, bytesPerReading);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
