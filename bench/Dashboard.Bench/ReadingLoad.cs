using System.Diagnostics;
using System.Globalization;
using UrbanTwin.TestSupport.Mqtt;

namespace UrbanTwin.Dashboard.Bench;

/// <summary>
/// Air-quality stations reporting over MQTT at a fixed total rate (each device a reading every
/// devices ÷ rate seconds, on schedule, QoS 1): every accepted reading is one twin change on the
/// live feed.
/// </summary>
internal sealed class ReadingLoad(IReadOnlyList<DeviceClient> devices, double rate)
{
    private long _sent;
    private long _late;

    /// <summary>Readings published (and acknowledged).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Readings a whole period behind their schedule (the load generator could not keep up).</summary>
    public long Late => Interlocked.Read(ref _late);

    public static async Task<ReadingLoad> ConnectAsync(int mqttPort, IReadOnlyList<(string Id, string Secret)> stations, double rate)
    {
        var devices = new List<DeviceClient>();
        foreach (var batch in stations.Chunk(50))
        {
            devices.AddRange(await Task.WhenAll(batch.Select(s => DeviceClient.ConnectAsync(mqttPort, s.Id, s.Secret))));
        }

        return new ReadingLoad(devices, rate);
    }

    public async Task RunAsync(TimeSpan duration)
    {
        var period = TimeSpan.FromSeconds(devices.Count / rate);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(devices.Select((device, index) => ReportAsync(device, index, period, duration, clock)));
    }

    private async Task ReportAsync(DeviceClient device, int index, TimeSpan period, TimeSpan duration, Stopwatch clock)
    {
        var random = new Random(index);
        var topic = $"ut/v1/air-quality/{device.DeviceId}/telemetry";
        var offset = period * index / devices.Count;
        for (var seq = 1; ; seq++)
        {
            var due = offset + (period * (seq - 1));
            if (due >= duration)
            {
                return;
            }

            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            else if (wait < -period)
            {
                Interlocked.Increment(ref _late);
            }

            var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var no2 = (20 + (random.NextDouble() * 60)).ToString("F1", CultureInfo.InvariantCulture);
            var pm25 = (5 + (random.NextDouble() * 20)).ToString("F1", CultureInfo.InvariantCulture);
            await device.PublishAsync(topic, $"{{\"seq\":{seq},\"ts\":{ts},\"no2\":{no2},\"pm2_5\":{pm25}}}");
            Interlocked.Increment(ref _sent);
        }
    }

    public async Task DisconnectAsync()
    {
        foreach (var device in devices)
        {
            await device.DisposeAsync();
        }
    }
}
