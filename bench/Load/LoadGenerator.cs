using System.Diagnostics;

namespace UrbanTwin.Bench.Load;

/// <summary>
/// Simulated devices publishing QoS 1 readings over loopback: one MQTT connection per device
/// (<see cref="RawMqttPublisher"/>), <see cref="Window"/> unacknowledged publishes per device, the
/// payloads from an <see cref="IPayloadSource"/>, each reading with its own seq. Payloads are
/// encoded and devices connected before the clock starts.
/// </summary>
public sealed class LoadGenerator(int port, IReadOnlyList<BenchDevice> devices, IPayloadSource source, int window)
{
    private readonly List<(RawMqttPublisher Client, string Topic, byte[][] Payloads)> _publishers = [];

    public int Window { get; } = window;

    /// <summary>Readings prepared for the next run, all devices together.</summary>
    public int Total => _publishers.Sum(p => p.Payloads.Length);

    /// <summary>
    /// Timestamps of readings taken one millisecond apart and ending now, as a device catching up
    /// would send them: realistic, unique per device, and well within the hub's maximum age.
    /// </summary>
    public static Func<int, long> EndingNow(int readingsPerDevice)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return i => now - readingsPerDevice + i;
    }

    /// <summary>Encodes every payload (seq from 0, timestamps ending now) and connects every device.</summary>
    public Task PrepareAsync(int readingsPerDevice, CancellationToken cancellationToken) =>
        PrepareAsync(readingsPerDevice, 0, EndingNow(readingsPerDevice), cancellationToken);

    /// <summary>
    /// Encodes readings <paramref name="firstSeq"/> onwards of every device, the i-th at
    /// <paramref name="timestampOf"/>(i), and connects every device not yet connected.
    /// </summary>
    public async Task PrepareAsync(int readingsPerDevice, uint firstSeq, Func<int, long> timestampOf, CancellationToken cancellationToken)
    {
        for (var d = 0; d < devices.Count; d++)
        {
            var payloads = new byte[readingsPerDevice][];
            for (var i = 0; i < readingsPerDevice; i++)
            {
                payloads[i] = source.Telemetry(d, firstSeq + (uint)i, timestampOf(i));
            }

            if (d < _publishers.Count)
            {
                _publishers[d] = _publishers[d] with { Payloads = payloads };
            }
            else
            {
                var device = devices[d];
                var client = await RawMqttPublisher.ConnectAsync(port, device.Id, device.Id, device.Secret, cancellationToken);
                _publishers.Add((client, device.TelemetryTopic, payloads));
            }
        }
    }

    /// <summary>Publishes everything as fast as the window allows; returns the time from the first publish to the last PUBACK.</summary>
    public Task<TimeSpan> RunAsync(CancellationToken cancellationToken) => RunAsync(null, cancellationToken);

    /// <summary>
    /// Publishes everything, at <paramref name="readingsPerSecond"/> all devices together when
    /// given (each device at its share, their sends spread over the interval); returns the time
    /// from the first publish to the last PUBACK. Connections stay open for another run.
    /// </summary>
    public async Task<TimeSpan> RunAsync(double? readingsPerSecond, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var interval = readingsPerSecond is { } rate ? TimeSpan.FromSeconds(_publishers.Count / rate) : (TimeSpan?)null;
        await Task.WhenAll(_publishers.Select((p, d) => interval is { } every
            ? p.Client.PublishPacedAsync(p.Topic, p.Payloads, Window, every, every * d / _publishers.Count, cancellationToken)
            : p.Client.PublishAllAsync(p.Topic, p.Payloads, Window, cancellationToken)));
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Every device's time from PUBLISH to PUBACK in the last run, in milliseconds.</summary>
    public List<double> AckLatenciesMs() => [.. _publishers.SelectMany(p => p.Client.AckLatenciesMs)];

    /// <summary>Disconnects every device.</summary>
    public async Task DisconnectAsync()
    {
        foreach (var (client, _, _) in _publishers)
        {
            await client.DisposeAsync();
        }

        _publishers.Clear();
    }
}
