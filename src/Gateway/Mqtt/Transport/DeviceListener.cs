using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace UrbanTwin.Gateway.Mqtt.Transport;

/// <summary>
/// The broker's network side, in place of MQTTnet's own TCP listener: it listens on exactly the
/// configured addresses (an IPv6 address too, and nothing else), and applies the limits that must
/// hold before MQTT is read: unauthenticated connections are counted and given
/// <see cref="ConnectionAdmission.ConnectTimeout"/> to complete TLS and CONNECT, and every packet's
/// size is checked on its fixed header (<see cref="PacketLimits"/>).
/// </summary>
public sealed partial class DeviceListener(
    IReadOnlyList<ListenerEndpoint> endpoints,
    ConnectionAdmission admission,
    TransportMetrics metrics,
    ILogger logger) : IMqttServerAdapter
{
    private readonly List<Socket> _sockets = [];
    private CancellationTokenSource? _stopping;
    private MqttServerOptions? _options;
    private IMqttNetLogger? _mqttLogger;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    /// <summary>The endpoints actually bound (a configured port 0 becomes the port the system chose).</summary>
    public IReadOnlyList<IPEndPoint> BoundEndpoints => [.. _sockets.Select(s => (IPEndPoint)s.LocalEndPoint!)];

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        _options = options;
        _mqttLogger = logger;
        _stopping = new CancellationTokenSource();
        foreach (var endpoint in endpoints)
        {
            var socket = new Socket(endpoint.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (endpoint.Address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    // Only the IPv6 address configured, never the IPv4 side of a dual-mode socket.
                    socket.DualMode = false;
                }

                socket.Bind(new IPEndPoint(endpoint.Address, endpoint.Port));
                socket.Listen(1024);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            _sockets.Add(socket);
            _ = AcceptAsync(socket, endpoint, _stopping.Token);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => Stop();

    private void Stop()
    {
        _stopping?.Cancel();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _sockets.Clear();
        _stopping?.Dispose();
        _stopping = null;
    }

    private async Task AcceptAsync(Socket listener, ListenerEndpoint endpoint, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                Log.AcceptFailed(logger, ex.SocketErrorCode.ToString());
                continue;
            }

            if (!admission.TryAdmit())
            {
                metrics.Refused("too-many-pending");
                Log.TooManyPending(logger, client.RemoteEndPoint?.ToString(), admission.MaxPending);
                client.Dispose();
                continue;
            }

            _ = Task.Run(() => ServeAsync(client, endpoint, stopping), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket socket, ListenerEndpoint endpoint, CancellationToken stopping)
    {
        var released = 0;
        void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                admission.Release();
            }
        }

        var remote = socket.RemoteEndPoint;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(admission.ConnectTimeout);
        var authenticated = false;

        // Closing the socket is the one way to stop a read or a handshake that never ends. Its
        // slot is free from then on: a device that connects the moment it sees the close is
        // admitted, however long the handler takes to unwind.
        var closeOnDeadline = deadline.Token.Register(() =>
        {
            if (!Volatile.Read(ref authenticated))
            {
                Release();
                socket.Dispose();
            }
        });
        Stream? stream = null;
        GuardedChannel? channel = null;
        try
        {
            socket.NoDelay = true;
            stream = new NetworkStream(socket, ownsSocket: true);
            if (endpoint.Certificate is { } certificate)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions
                    {
                        ServerCertificate = certificate,
                        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                        EncryptionPolicy = EncryptionPolicy.RequireEncryption,
                    },
                    deadline.Token).ConfigureAwait(false);
            }

            var handler = ClientHandler;
            if (handler is null || _options is null)
            {
                return;
            }

            var meter = new InboundPacketMeter(PacketLimits.MaxConnectPacketBytes, PacketLimits.MaxPacketBytes);
            channel = new GuardedChannel(new MqttTcpChannel(stream, socket.LocalEndPoint, remote, null), meter, accepted =>
            {
                if (accepted)
                {
                    Volatile.Write(ref authenticated, true);
                    closeOnDeadline.Dispose();
                }

                Release();
            })
            { IsSecureConnection = endpoint.IsTls };
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(_options.WriterBufferSize, _options.WriterBufferSizeMax));
            using var adapter = new MqttChannelAdapter(channel, formatter, _mqttLogger!);
            await handler(adapter).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            // A handshake that failed or ran out of time, or a connection the peer dropped.
        }
        finally
        {
            closeOnDeadline.Dispose();
            if (channel?.Violation is { } violation)
            {
                metrics.Refused("packet-too-large");
                Log.LimitBroken(logger, remote?.ToString(), violation);
            }
            else if (!Volatile.Read(ref authenticated) && deadline.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                metrics.Refused("connect-timeout");
                Log.ConnectTimedOut(logger, remote?.ToString(), admission.ConnectTimeout.TotalSeconds);
            }

            Release();
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Warning, "MQTT connection from {Endpoint} refused: {MaxPending} connections are already waiting to authenticate")]
        public static partial void TooManyPending(ILogger logger, string? endpoint, int maxPending);

        [LoggerMessage(41, LogLevel.Debug, "MQTT connection from {Endpoint} closed: {Violation}")]
        public static partial void LimitBroken(ILogger logger, string? endpoint, string violation);

        [LoggerMessage(42, LogLevel.Debug, "MQTT connection from {Endpoint} closed: no CONNECT accepted within {Seconds} s")]
        public static partial void ConnectTimedOut(ILogger logger, string? endpoint, double seconds);

        [LoggerMessage(43, LogLevel.Warning, "The MQTT listener could not accept a connection: {Error}")]
        public static partial void AcceptFailed(ILogger logger, string error);
    }
}
