using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace UrbanTwin.Bench.Load;

/// <summary>
/// A minimal MQTT 3.1.1 QoS 1 publisher for load generation: it writes pre-encoded PUBLISH
/// packets straight to the socket, pipelined up to a window of unacknowledged packet ids, and
/// counts PUBACKs. It costs about a microsecond per message, so the benchmark measures the broker
/// and the gateway, not the client library.
/// </summary>
public sealed class RawMqttPublisher : IAsyncDisposable
{
    private readonly List<double> _ackLatencies = [];
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawMqttPublisher(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<RawMqttPublisher> ConnectAsync(int port, string clientId, string userName, string password, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        var publisher = new RawMqttPublisher(socket);
        var body = new List<byte>();
        body.AddRange([0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0xC2, 0, 60]);
        AddString(body, clientId);
        AddString(body, userName);
        AddString(body, password);
        var packet = new List<byte> { 0x10 };
        AddLength(packet, body.Count);
        packet.AddRange(body);
        await publisher._stream.WriteAsync(packet.ToArray(), cancellationToken);
        var connack = new byte[4];
        await publisher._stream.ReadExactlyAsync(connack, cancellationToken);
        if (connack[0] != 0x20 || connack[3] != 0)
        {
            await publisher.DisposeAsync();
            throw new InvalidOperationException($"{clientId}: CONNACK return code {connack[3]}");
        }

        return publisher;
    }

    /// <summary>Publishes every payload at QoS 1 with at most <paramref name="window"/> unacknowledged; returns when all are acknowledged.</summary>
    public Task PublishAllAsync(string topic, IReadOnlyList<byte[]> payloads, int window, CancellationToken cancellationToken) =>
        PublishAsync(topic, payloads, window, null, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Publishes the i-th payload at <paramref name="phase"/> + i × <paramref name="interval"/> after
    /// the call (or as soon as the window allows when late, catching up), at QoS 1; returns when all
    /// are acknowledged.
    /// </summary>
    public Task PublishPacedAsync(string topic, IReadOnlyList<byte[]> payloads, int window, TimeSpan interval, TimeSpan phase, CancellationToken cancellationToken) =>
        PublishAsync(topic, payloads, window, interval, phase, cancellationToken);

    /// <summary>Time from writing each PUBLISH to its PUBACK, in milliseconds, of the last run.</summary>
    public IReadOnlyList<double> AckLatenciesMs => _ackLatencies;

    private async Task PublishAsync(string topic, IReadOnlyList<byte[]> payloads, int window, TimeSpan? interval, TimeSpan phase, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _ackLatencies.Clear();

        // Packet ids cycle over twice the window: with at most a window unacknowledged, an id's
        // previous packet was acknowledged before it comes round again. Small buffers, allocated
        // per run: a benchmark may hold thousands of publishers.
        var ids = Math.Min(ushort.MaxValue, 2 * window);
        var sentAt = new long[ids + 1];
        using var credits = new SemaphoreSlim(window);
        var acknowledged = 0;
        var reader = Task.Run(
            async () =>
            {
                var buffer = new byte[4 * 1024];
                var carry = 0;
                while (acknowledged < payloads.Count)
                {
                    var read = await _stream.ReadAsync(buffer.AsMemory(carry), cancellationToken);
                    if (read == 0)
                    {
                        throw new IOException("the broker closed the connection after " + acknowledged + " PUBACKs");
                    }

                    var length = carry + read;
                    var offset = 0;
                    while (length - offset >= 4)
                    {
                        if (buffer[offset] != 0x40 || buffer[offset + 1] != 2)
                        {
                            throw new InvalidDataException($"expected PUBACK, got 0x{buffer[offset]:x2}");
                        }

                        var id = (buffer[offset + 2] << 8) | buffer[offset + 3];
                        _ackLatencies.Add(Stopwatch.GetElapsedTime(sentAt[id]).TotalMilliseconds);
                        offset += 4;
                        acknowledged++;
                        credits.Release();
                    }

                    carry = length - offset;
                    Array.Copy(buffer, offset, buffer, 0, carry);
                }
            },
            cancellationToken);

        var topicBytes = Encoding.UTF8.GetBytes(topic);
        var batch = new MemoryStream(4 * 1024);
        ushort packetId = 0;
        for (var i = 0; i < payloads.Count; i++)
        {
            if (interval is { } every && phase + (every * i) - Stopwatch.GetElapsedTime(started) is { Ticks: > 0 } wait)
            {
                await FlushAsync(batch, cancellationToken);
                await Task.Delay(wait, cancellationToken);
            }

            if (!credits.Wait(0, CancellationToken.None))
            {
                await FlushAsync(batch, cancellationToken);
                await credits.WaitAsync(cancellationToken);
            }

            packetId = packetId >= ids ? (ushort)1 : (ushort)(packetId + 1);
            sentAt[packetId] = Stopwatch.GetTimestamp();
            WritePublish(batch, topicBytes, packetId, payloads[i]);
            if (batch.Length > 48 * 1024)
            {
                await FlushAsync(batch, cancellationToken);
            }
        }

        await FlushAsync(batch, cancellationToken);
        await reader;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stream.WriteAsync(new byte[] { 0xE0, 0 });
        }
        catch (IOException)
        {
        }

        await _stream.DisposeAsync();
        _socket.Dispose();
    }

    private async Task FlushAsync(MemoryStream batch, CancellationToken cancellationToken)
    {
        if (batch.Length > 0)
        {
            await _stream.WriteAsync(batch.GetBuffer().AsMemory(0, (int)batch.Length), cancellationToken);
            batch.SetLength(0);
        }
    }

    private static void WritePublish(MemoryStream to, byte[] topic, ushort packetId, byte[] payload)
    {
        to.WriteByte(0x32);
        var remaining = 2 + topic.Length + 2 + payload.Length;
        do
        {
            var digit = (byte)(remaining % 128);
            remaining /= 128;
            to.WriteByte(remaining > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (remaining > 0);

        Span<byte> u16 = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(u16, (ushort)topic.Length);
        to.Write(u16);
        to.Write(topic);
        BinaryPrimitives.WriteUInt16BigEndian(u16, packetId);
        to.Write(u16);
        to.Write(payload);
    }

    private static void AddString(List<byte> to, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        to.Add((byte)(bytes.Length >> 8));
        to.Add((byte)bytes.Length);
        to.AddRange(bytes);
    }

    private static void AddLength(List<byte> to, int length)
    {
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            to.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);
    }
}
