using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using UrbanTwin.Contracts;

namespace UrbanTwin.CityScale.Bench;

/// <summary>
/// One device of the city: an MQTT 3.1.1 connection from its own loopback source address (so the
/// ephemeral ports of one address are not the limit), publishing one QoS 1 reading at a time and
/// reading its PUBACK. A few hundred bytes of state besides the socket: the load generator must
/// hold as many as the node does.
/// </summary>
public sealed class CityDevice(string id, DeviceKind kind, string secret, IPAddress source)
{
    private readonly byte[] _ack = new byte[4];
    private Socket? _socket;
    private ushort _packetId;

    public string Id { get; } = id;

    public DeviceKind Kind { get; } = kind;

    /// <summary>Readings acknowledged, and the reading time of the last one.</summary>
    public int Acknowledged { get; private set; }

    public uint Seq { get; private set; }

    /// <summary>A reading sent whose PUBACK never came (the connection broke): sent again after reconnecting.</summary>
    public (uint Seq, long Ts)? Unacknowledged { get; private set; }

    public bool IsConnected => _socket is not null;

    public async Task ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            await socket.SendAsync(Connect(), cancellationToken);
            await ReadExactlyAsync(socket, _ack, cancellationToken);
            if (_ack[0] != 0x20 || _ack[3] != 0)
            {
                throw new IOException($"{Id}: CONNACK return code {_ack[3]}");
            }

            _socket = socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Publishes the next reading (or the one left unacknowledged) and waits for its PUBACK; false when the connection broke.</summary>
    public async Task<bool> PublishAsync(long timestampMs, CancellationToken cancellationToken)
    {
        if (_socket is not { } socket)
        {
            return false;
        }

        var (seq, ts) = Unacknowledged ?? (++Seq, timestampMs);
        Unacknowledged = (seq, ts);
        _packetId = (ushort)(_packetId % ushort.MaxValue + 1);
        try
        {
            await socket.SendAsync(Publish(seq, ts, _packetId), cancellationToken);
            await ReadExactlyAsync(socket, _ack, cancellationToken);
            if (_ack[0] != 0x40 || BinaryPrimitives.ReadUInt16BigEndian(_ack.AsSpan(2)) != _packetId)
            {
                throw new IOException($"{Id}: expected PUBACK {_packetId}, got {Convert.ToHexString(_ack)}");
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            Drop();
            return false;
        }

        Unacknowledged = null;
        Acknowledged++;
        return true;
    }

    /// <summary>Forgets the connection (the node went away).</summary>
    public void Drop()
    {
        Interlocked.Exchange(ref _socket, null)?.Dispose();
    }

    private static async Task ReadExactlyAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                throw new IOException("connection closed");
            }

            read += n;
        }
    }

    private byte[] Connect()
    {
        var body = new List<byte>();
        body.AddRange([0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0xC2, 0x01, 0x2C]); // user, password, clean session; keep-alive 300 s
        AddString(body, Id);
        AddString(body, Id);
        AddString(body, secret);
        return Packet(0x10, body);
    }

    private byte[] Publish(uint seq, long ts, ushort packetId)
    {
        var reading = Kind switch
        {
            DeviceKind.AirQuality => $$"""{"seq":{{seq}},"ts":{{ts}},"no2":{{30 + (seq % 40)}},"pm2_5":{{8 + (seq % 9)}}.5}""",
            DeviceKind.Footfall => $$"""{"seq":{{seq}},"ts":{{ts}},"interval":60,"countIn":{{seq % 30}},"countOut":{{seq % 25}}}""",
            _ => $$"""{"seq":{{seq}},"ts":{{ts}},"occupancy":{{seq % 90}}.5,"queue":{{seq % 8}}}""",
        };
        var body = new List<byte>();
        AddString(body, $"ut/v1/{Kind.ToSegment()}/{Id}/telemetry");
        body.Add((byte)(packetId >> 8));
        body.Add((byte)packetId);
        body.AddRange(Encoding.UTF8.GetBytes(reading));
        return Packet(0x32, body);
    }

    private static byte[] Packet(byte header, List<byte> body)
    {
        var packet = new List<byte>(body.Count + 5) { header };
        var length = body.Count;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);
        packet.AddRange(body);
        return [.. packet];
    }

    private static void AddString(List<byte> body, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        body.Add((byte)(bytes.Length >> 8));
        body.Add((byte)bytes.Length);
        body.AddRange(bytes);
    }
}
