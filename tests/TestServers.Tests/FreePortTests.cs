using System.Globalization;
using System.Net;
using System.Net.Sockets;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TestServers.Tests;

public sealed class FreePortTests
{
    [Fact]
    public void Ports_lie_below_the_kernels_ephemeral_range_so_no_outgoing_connection_can_take_one()
    {
        var ephemeralLow = int.Parse(
            File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0],
            CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 50).Select(_ => FreePort.Next()).ToList();

        Assert.All(ports, port => Assert.InRange(port, 1_024, ephemeralLow - 1));
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public void A_port_handed_out_is_free_to_bind_and_reserved_against_other_test_processes()
    {
        var port = FreePort.Next();

        using (var server = new TcpListener(IPAddress.Loopback, port))
        {
            server.Start();
        }

        // Another process would try the same abstract socket name; binding it again must fail.
        using var rival = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var name = new UnixDomainSocketEndPoint("\0urbantwin-test-port-" + port.ToString(CultureInfo.InvariantCulture));
        var refused = Assert.Throws<SocketException>(() => rival.Bind(name));
        Assert.Equal(SocketError.AddressAlreadyInUse, refused.SocketErrorCode);
    }

    [Fact]
    public void A_port_some_other_program_listens_on_is_skipped()
    {
        // Ports are handed out in turn, so the one after a port just handed out is the next candidate;
        // a listener there that did not come from FreePort (another program) must be skipped.
        TcpListener? occupied = null;
        var candidate = 0;
        for (var attempt = 0; occupied is null && attempt < 20; attempt++)
        {
            candidate = FreePort.Next() + 1;
            var listener = new TcpListener(IPAddress.Loopback, candidate);
            try
            {
                listener.Start();
                occupied = listener;
            }
            catch (SocketException)
            {
                listener.Dispose();
            }
        }

        Assert.NotNull(occupied);
        using (occupied)
        {
            Assert.NotEqual(candidate, FreePort.Next());
        }
    }
}
