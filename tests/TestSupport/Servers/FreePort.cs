using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace UrbanTwin.TestSupport.Servers;

/// <summary>
/// Free TCP ports on 127.0.0.1 for servers started by tests and benchmarks.
/// </summary>
/// <remarks>
/// A port the kernel hands out for port 0 lies in the ephemeral range, the same range the kernel
/// takes client ports from: between choosing it and the server binding it, any outgoing
/// connection on the machine (another test assembly talking to its influxd, say) may take it,
/// and the server fails with "address already in use". Ports are therefore taken from below the
/// ephemeral range, where the kernel never assigns one by itself, and each is reserved for the
/// life of this process by binding an abstract Unix socket named after it, so that test
/// processes running side by side never hand out the same port. The kernel drops the
/// reservation when the process ends, however it ends.
/// </remarks>
public static class FreePort
{
    private const int Lowest = 10_000;
    private static readonly object Gate = new();
    private static readonly List<Socket> Reservations = [];
    private static readonly (int Low, int High) Range = ChooseRange();
    private static int _next = Range.Low + Random.Shared.Next(Range.High - Range.Low);

    public static int Next()
    {
        lock (Gate)
        {
            var span = Range.High - Range.Low;
            for (var tried = 0; tried < span; tried++)
            {
                var port = _next;
                _next = _next + 1 >= Range.High ? Range.Low : _next + 1;
                if (TryReserve(port))
                {
                    return port;
                }
            }

            throw new InvalidOperationException($"no free port left between {Range.Low} and {Range.High}");
        }
    }

    public static async Task<bool> IsAcceptingAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool TryReserve(int port)
    {
        var reservation = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            reservation.Bind(new UnixDomainSocketEndPoint("\0urbantwin-test-port-" + port.ToString(CultureInfo.InvariantCulture)));
        }
        catch (SocketException)
        {
            reservation.Dispose();
            return false;
        }

        if (!IsBindable(port))
        {
            reservation.Dispose();
            return false;
        }

        Reservations.Add(reservation);
        return true;
    }

    private static bool IsBindable(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>From <see cref="Lowest"/> up to the start of the kernel's ephemeral range.</summary>
    private static (int Low, int High) ChooseRange()
    {
        var high = 32_768;
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            var first = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            high = int.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Keep the kernel's default start of the ephemeral range.
        }

        return high - Lowest >= 1_000 ? (Lowest, high) : (1_024, Math.Max(high, 2_024));
    }
}
