using System.Globalization;
using System.Net;

namespace UrbanTwin.TestSupport.Servers;

/// <summary>The TCP sockets listening on this machine, read from <c>/proc/net/tcp</c> and <c>tcp6</c> (what <c>ss -ltn</c> shows).</summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    /// <summary>Every local address listening on <paramref name="port"/>.</summary>
    public static List<IPAddress> On(int port)
    {
        var addresses = new List<IPAddress>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] == Listen && int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    addresses.Add(Parse(local[0]));
                }
            }
        }

        return addresses;
    }

    // The kernel prints each 32-bit word of the address in host (little-endian) order.
    private static IPAddress Parse(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        return new IPAddress(bytes);
    }
}
