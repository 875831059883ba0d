using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using UrbanTwin.Bench.Load;
using UrbanTwin.Contracts;
using UrbanTwin.TimeSeries.LineProtocol;
using UrbanTwin.TimeSeries.Series;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// InfluxDB's limit: the load's readings as line protocol (measurement per kind, tags area, asset
/// and kind, the readings' numeric fields as floats, as twins write them), pre-built in batches of
/// 5,000 points and posted two at a time, then counted.
/// </summary>
public static class InfluxAlone
{
    private const int BatchSize = 5_000;
    private const int ConcurrentWrites = 2;

    public static async Task<ScenarioResult> RunAsync(E2eOptions options, BenchFleet fleet, IPayloadSource payloads, InfluxDatabase database, ProcessUsage influx, CancellationToken cancellationToken)
    {
        await database.CreateAsync(cancellationToken);
        var batches = Encode(fleet, payloads, options.ReadingsPerDevice);
        var points = (long)fleet.Load.Count * options.ReadingsPerDevice;
        var cpu = CpuMeter.Start(influx, null);
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentWrites, CancellationToken = cancellationToken }, async (batch, ct) => await database.WriteAsync(batch, ct));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuSeconds = cpu.Read();
        var counted = await database.CountAsync(fleet.Measurements, BenchFleet.WarmupId, null, cancellationToken);
        return new ScenarioResult(
            $"influxd alone, {BatchSize:N0}-point batches, {ConcurrentWrites} at a time",
            "limit",
            points,
            counted,
            elapsed,
            null,
            null,
            influx.Name,
            cpuSeconds,
            influx.PeakMemoryMiB(),
            "points/s; peak memory is influxd's over the whole run");
    }

    /// <summary>The same readings the devices publish, interleaved by device as they arrive, in batches.</summary>
    private static List<ReadOnlyMemory<byte>> Encode(BenchFleet fleet, IPayloadSource payloads, int readingsPerDevice)
    {
        var timestamps = LoadGenerator.EndingNow(readingsPerDevice);
        var batches = new List<ReadOnlyMemory<byte>>();
        var buffer = new ArrayBufferWriter<byte>(BatchSize * 128);
        var inBatch = 0;
        for (var i = 0; i < readingsPerDevice; i++)
        {
            for (var d = 0; d < fleet.Load.Count; d++)
            {
                var device = fleet.Load[d];
                var ts = timestamps(i);
                var line = LinePoint.Start(buffer, SeriesSchema.MeasurementOf(device.Kind)).Tag("area", fleet.AreaOf(device.Id)).Tag("asset", device.Id).Tag("kind", device.Kind.ToSegment());
                using var reading = JsonDocument.Parse(payloads.Telemetry(d, (uint)i, ts));
                foreach (var field in reading.RootElement.EnumerateObject())
                {
                    if (field.Name is not ("seq" or "ts") && field.Value.ValueKind == JsonValueKind.Number)
                    {
                        line = line.Field(field.Name, field.Value.GetDouble());
                    }
                }

                line.End(ts);
                if (++inBatch == BatchSize)
                {
                    batches.Add(buffer.WrittenMemory.ToArray());
                    buffer.ResetWrittenCount();
                    inBatch = 0;
                }
            }
        }

        if (inBatch > 0)
        {
            batches.Add(buffer.WrittenMemory.ToArray());
        }

        return batches;
    }
}
