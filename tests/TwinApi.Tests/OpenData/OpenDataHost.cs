using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.OpenData;

/// <summary>A running host with open-data settings of its own (see the subclasses), and clients of it from any loopback address.</summary>
public abstract class OpenDataHost : IAsyncLifetime
{
    public TwinHost Host { get; private set; } = null!;

    protected abstract IReadOnlyDictionary<string, string> OpenDataSettings { get; }

    public async ValueTask InitializeAsync() =>
        Host = await TwinHost.StartAsync(new Dictionary<string, string>(OpenDataSettings) { ["Auth:AdminKey"] = HostFixture.AdminKey });

    public HttpClient Admin() => Host.CreateClient(HostFixture.AdminKey);

    public HttpClient Anonymous() => Host.CreateClient();

    /// <summary>
    /// A client whose connections come from <paramref name="address"/>: on Linux every address of
    /// 127.0.0.0/8 is loopback, so each test can be a client address of its own.
    /// </summary>
    public HttpClient From(string address, string? apiKey = null)
    {
        var local = new IPEndPoint(IPAddress.Parse(address), 0);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(local);
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = Host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
