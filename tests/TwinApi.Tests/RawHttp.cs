using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>
/// HTTP/1.1 written by hand over a socket, for the requests HttpClient will not send as they are
/// (a NUL or a control character in the path, a malformed request line, a broken chunked body, a
/// Content-Length it would have to upload). The request closes the connection, so the answer ends
/// where the stream does.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawAnswer> SendAsync(Uri baseUri, string head, string body = "")
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        using var client = new TcpClient();
        await client.ConnectAsync(baseUri.Host, baseUri.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head + body), timeout.Token);

        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // The server may reset the connection once it has answered a request it refuses.
        }

        return Parse(Encoding.Latin1.GetString(received.ToArray()));
    }

    /// <summary>A request head: the request line, <c>Host</c>, <c>Connection: close</c>, then <paramref name="headers"/>.</summary>
    public static string Head(string method, string target, params string[] headers) =>
        $"{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";

    /// <param name="text">The answer as Latin-1, one character a byte, so that chunk sizes count characters.</param>
    private static RawAnswer Parse(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"no complete answer: '{text}'");
        var lines = text[..end].Split("\r\n");
        var status = (HttpStatusCode)int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = text[(end + 4)..];
        body = headers.GetValueOrDefault("Transfer-Encoding") == "chunked" ? Unchunk(body) : body;
        return new RawAnswer(status, headers, Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body)));
    }

    private static string Unchunk(string body)
    {
        var whole = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = int.Parse(body[at..lineEnd], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return whole.ToString();
            }

            whole.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
