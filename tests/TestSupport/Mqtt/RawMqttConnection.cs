using System.Net.Sockets;
using System.Text;

namespace UrbanTwin.TestSupport.Mqtt;

/// <summary>
/// A TCP connection that speaks MQTT byte by byte, for what a client library refuses to send:
/// fixed headers that declare huge packets, a CONNECT that never comes, packets in any order.
/// </summary>
public sealed class RawMqttConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawMqttConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawMqttConnection> OpenAsync(int port, string host = "127.0.0.1")
    {
        var tcp = new TcpClient(host.Contains(':', StringComparison.Ordinal) ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        await tcp.ConnectAsync(host, port, TestContext.Current.CancellationToken);
        return new RawMqttConnection(tcp);
    }

    /// <summary>An MQTT 3.1.1 CONNECT (clean session off, keep-alive 60 s).</summary>
    public static byte[] Connect311(string clientId, string userName, string password)
    {
        var body = new List<byte>();
        AddString(body, "MQTT");
        body.Add(4);
        body.Add(0b1100_0000);
        body.AddRange([0, 60]);
        AddString(body, clientId);
        AddString(body, userName);
        AddString(body, password);
        return Packet(0x10, body);
    }

    /// <summary>A PUBLISH at QoS 1 with packet id 1.</summary>
    public static byte[] Publish(string topic, byte[] payload, int qos = 1, bool retain = false)
    {
        var body = new List<byte>();
        AddString(body, topic);
        if (qos > 0)
        {
            body.AddRange([0, 1]);
        }

        body.AddRange(payload);
        return Packet((byte)(0x30 | (qos << 1) | (retain ? 1 : 0)), body);
    }

    public Task SendAsync(byte[] bytes) => _stream.WriteAsync(bytes, TestContext.Current.CancellationToken).AsTask();

    /// <summary>Reads the next packet's bytes (fixed header included); null if the server closed the connection.</summary>
    public async Task<byte[]?> ReadPacketAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        var header = new byte[1];
        if (await ReadExactlyOrEndAsync(header, cts.Token) == 0)
        {
            return null;
        }

        var packet = new List<byte> { header[0] };
        int length = 0, multiplier = 1;
        var one = new byte[1];
        do
        {
            if (await ReadExactlyOrEndAsync(one, cts.Token) == 0)
            {
                return null;
            }

            packet.Add(one[0]);
            length += (one[0] & 0x7F) * multiplier;
            multiplier *= 128;
        }
        while ((one[0] & 0x80) != 0);

        var body = new byte[length];
        if (length > 0 && await ReadExactlyOrEndAsync(body, cts.Token) == 0)
        {
            return null;
        }

        packet.AddRange(body);
        return [.. packet];
    }

    /// <summary>Whether the server closes the connection within <paramref name="timeout"/> (any packets before are skipped).</summary>
    public async Task<bool> ClosedByServerWithinAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                if (await _stream.ReadAsync(buffer, cts.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return true; // reset by the server
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private static byte[] Packet(byte header, List<byte> body)
    {
        var packet = new List<byte> { header };
        var length = body.Count;
        do
        {
            var encoded = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(encoded | 0x80) : encoded);
        }
        while (length > 0);

        packet.AddRange(body);
        return [.. packet];
    }

    private static void AddString(List<byte> body, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        body.Add((byte)(bytes.Length >> 8));
        body.Add((byte)bytes.Length);
        body.AddRange(bytes);
    }

    private async Task<int> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = await _stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            }
            catch (IOException)
            {
                return 0;
            }

            if (n == 0)
            {
                return 0;
            }

            read += n;
        }

        return read;
    }
}
