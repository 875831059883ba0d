using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace UrbanTwin.Gateway.Bench;

/// <summary>
/// Simulated air-quality stations publishing QoS 1 readings over loopback: one MQTT connection
/// per device (<see cref="RawMqttPublisher"/>), <see cref="Window"/> unacknowledged publishes per
/// device, each reading a real London Westminster NO2 value with its own seq and a current
/// timestamp. Payloads are encoded before the clock starts.
/// </summary>
public sealed class LoadGenerator(int port, IReadOnlyList<(string DeviceId, string Secret)> devices, int readingsPerDevice, int window, double[] no2)
{
    public int Window { get; } = window;

    public int Total => devices.Count * readingsPerDevice;

    private readonly List<(RawMqttPublisher Client, string Topic, byte[][] Payloads)> _publishers = [];

    /// <summary>Encodes every payload and connects every device, before any clock starts.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (deviceId, secret) in devices)
        {
            var payloads = new byte[readingsPerDevice][];
            for (var seq = 0; seq < readingsPerDevice; seq++)
            {
                payloads[seq] = Encoding.UTF8.GetBytes(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{{\"seq\":{seq},\"ts\":{now - (readingsPerDevice - seq)},\"no2\":{no2[seq % no2.Length]},\"pm2_5\":{(seq % 40) + 3}}}"));
            }

            var client = await RawMqttPublisher.ConnectAsync(port, deviceId, deviceId, secret, cancellationToken);
            _publishers.Add((client, "ut/v1/air-quality/" + deviceId + "/telemetry", payloads));
        }
    }

    /// <summary>Publishes everything; returns the time from the first publish to the last PUBACK.</summary>
    public async Task<TimeSpan> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(_publishers.Select(p => p.Client.PublishAllAsync(p.Topic, p.Payloads, Window, cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (var (client, _, _) in _publishers)
        {
            await client.DisposeAsync();
        }

        return elapsed;
    }
}
