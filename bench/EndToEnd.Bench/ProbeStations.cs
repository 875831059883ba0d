using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using UrbanTwin.Bench.Load;

namespace UrbanTwin.EndToEnd.Bench;

/// <summary>
/// Probe stations: a few devices beside the load, each publishing one QoS 1 reading every
/// interval whose <c>ts</c> is the moment it is published, with their own credentials over their
/// own connections. Each acknowledged reading is recorded with its publish time, so where it is
/// seen later (the twin's live stream, InfluxDB, a subscriber) gives its latency.
/// </summary>
public sealed class ProbeStations : IAsyncDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(60);
    private readonly List<(BenchDevice Device, IMqttClient Client)> _stations;
    private readonly IPayloadSource _payloads;
    private readonly long[] _lastTimestamps;
    private uint _seq;

    private ProbeStations(List<(BenchDevice, IMqttClient)> stations, IPayloadSource payloads, uint firstSeq)
    {
        _stations = stations;
        _lastTimestamps = new long[stations.Count];
        _payloads = payloads;
        _seq = firstSeq;
    }

    public static async Task<ProbeStations> ConnectAsync(int port, IEnumerable<BenchDevice> devices, IPayloadSource payloads, uint firstSeq, CancellationToken cancellationToken)
    {
        var stations = new List<(BenchDevice, IMqttClient)>();
        foreach (var device in devices)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", port)
                .WithClientId(device.Id)
                .WithCredentials(device.Id, device.Secret)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithTimeout(TimeSpan.FromSeconds(10))
                .Build();
            var result = await client.ConnectAsync(options, cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                client.Dispose();
                throw new InvalidOperationException($"{device.Id}: connection refused ({result.ResultCode})");
            }

            stations.Add((device, client));
        }

        return new ProbeStations(stations, payloads, firstSeq);
    }

    /// <summary>The next sequence number; a later run on the same devices starts there.</summary>
    public uint NextSeq => _seq;

    /// <summary>Publishes one reading from every station, now; returns once all are acknowledged.</summary>
    public async Task PublishOnceAsync(CancellationToken cancellationToken)
    {
        var seq = _seq++;
        await Task.WhenAll(_stations.Select((s, i) => PublishAsync(i, seq, null, cancellationToken)));
    }

    /// <summary>
    /// Each station publishes every <paramref name="interval"/> until <paramref name="cancellationToken"/>
    /// is cancelled (its next reading waits for the last one's PUBACK), then finishes the publish under way.
    /// </summary>
    public async Task RunAsync(TimeSpan interval, LatencyRecorder recorder, CancellationToken cancellationToken)
    {
        var first = _seq;
        var sent = await Task.WhenAll(_stations.Select((_, i) => LoopAsync(i, first, interval, recorder, cancellationToken)));
        _seq = first + (sent.Length == 0 ? 0 : sent.Max());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, client) in _stations)
        {
            try
            {
                await client.DisconnectAsync();
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
            {
                // the broker is already gone
            }

            client.Dispose();
        }
    }

    private async Task<uint> LoopAsync(int index, uint seq, TimeSpan interval, LatencyRecorder recorder, CancellationToken cancellationToken)
    {
        var sent = 0u;
        // Stations start spread over one interval so their readings do not arrive together.
        var next = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency * index / _stations.Count);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next) is { Ticks: > 0 } wait)
            {
                try
                {
                    await Task.Delay(wait, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            // A station held up by a slow PUBACK does not catch up in a burst: it keeps its pace from now.
            next = Math.Max(next, Stopwatch.GetTimestamp()) + (long)(interval.TotalSeconds * Stopwatch.Frequency);
            // A publish under way is not cancelled with the run, so every recorded reading ends acknowledged or taken back.
            using var timeout = new CancellationTokenSource(PublishTimeout);
            await PublishAsync(index, seq + sent, recorder, timeout.Token);
            sent++;
        }

        return sent;
    }

    private async Task PublishAsync(int index, uint seq, LatencyRecorder? recorder, CancellationToken cancellationToken)
    {
        var (device, client) = _stations[index];
        // The reading time is the publish time, kept unique per station (a point with the same
        // series and time would overwrite another in InfluxDB).
        var ts = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _lastTimestamps[index] + 1);
        _lastTimestamps[index] = ts;
        var publishedAt = Stopwatch.GetTimestamp();
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(device.TelemetryTopic)
            .WithPayload(_payloads.Telemetry(index, seq, ts))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        // Recorded before the PUBACK: the embedded broker acknowledges after the twin has the reading,
        // so the twin's live event can arrive first.
        recorder?.RecordPublished(device.Id, ts, publishedAt);
        var succeeded = false;
        try
        {
            succeeded = (await client.PublishAsync(message, cancellationToken)).IsSuccess;
        }
        finally
        {
            if (!succeeded)
            {
                recorder?.Forget(device.Id, ts);
            }
        }
    }
}
