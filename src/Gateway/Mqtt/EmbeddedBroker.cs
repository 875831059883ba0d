using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Orleans;
using UrbanTwin.Gateway.Downlink;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Gateway.Mqtt.Transport;
using UrbanTwin.Gateway.Sessions;
using UrbanTwin.ServiceDefaults;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// The single-node broker: an MQTTnet server in the host process, listening through
/// <see cref="DeviceListener"/> (exact addresses, packet and unauthenticated-connection limits).
/// It wires the server to its collaborators: devices authenticate with their id and secret at
/// CONNECT and may only use their own client ids, and lose their connections when their
/// credentials are revoked (<see cref="DeviceAuthentication"/>); device → hub publishes are
/// ingested in the server's publish interception and acknowledged only once kept
/// (<see cref="DevicePublishes"/>); subscriptions are limited to the device's own errors and
/// commands (<see cref="SubscriptionAcl"/>). Only messages the hub injects itself are routed: they
/// are told apart by their session items, an object no client can present.
/// </summary>
public sealed class EmbeddedBroker(
    IOptions<MqttOptions> options,
    IOptions<StorageOptions> storage,
    IGrainFactory grains,
    MessageIngestion ingestion,
    DownlinkPort downlink,
    TransportMetrics transportMetrics,
    ConnectionAdmission admission,
    ILogger<EmbeddedBroker> logger) : IHostedService, IDeviceDownlink, IDeviceSessionControl, IAsyncDisposable
{
    /// <summary>The sender id of messages the hub itself publishes (for logs; it grants nothing).</summary>
    public const string HubClientId = "urbantwin-hub";

    // The hub's own messages carry this dictionary as their session items. A client's publish
    // carries its session's items, so no CONNECT, client id or user name can present this one.
    private readonly IDictionary _hubOrigin = new ConcurrentDictionary<object, object>();
    private readonly DeviceConnections _connections = new();

    private MqttServer? _server;
    private DeviceAuthentication? _authentication;
    private DeviceListener? _listener;
    private X509Certificate2? _certificate;

    /// <summary>Whether the broker is listening.</summary>
    public bool IsRunning => _server?.IsStarted == true;

    /// <summary>The addresses and ports the broker listens on.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints => _listener?.BoundEndpoints ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var address = IPAddress.Parse(settings.BindAddress);
        var endpoints = new List<ListenerEndpoint>();
        if (settings.PlainTcp)
        {
            endpoints.Add(new ListenerEndpoint(address, settings.Port, null));
        }

        if (settings.TlsPort > 0)
        {
            _certificate = BrokerCertificate.LoadOrCreate(settings, storage.Value.EnsureDataDirectory());
            endpoints.Add(new ListenerEndpoint(address, settings.TlsPort, _certificate));
        }

        var serverOptions = new MqttServerOptionsBuilder()
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(settings.MaxPendingMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage)
            .Build();

        // Each connection encodes what it sends (PUBACKs, error replies, commands) in a buffer of
        // its own, which grows to the largest packet it has sent: start it small (MQTTnet's 4 KiB
        // was the largest single item of a connected device's memory).
        serverOptions.WriterBufferSize = PacketLimits.InitialWriterBufferBytes;

        _listener = new DeviceListener(endpoints, admission, transportMetrics, logger);
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, [_listener]);
        _authentication = new DeviceAuthentication(grains, _connections, logger);
        var publishes = new DevicePublishes(_server, _hubOrigin, _connections, ingestion, logger);
        _server.ValidatingConnectionAsync += _authentication.ValidateConnectionAsync;
        _server.InterceptingPublishAsync += publishes.InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        _server.InterceptingOutboundPacketAsync += publishes.InterceptOutboundAsync;
        _server.ClientDisconnectedAsync += ClientDisconnectedAsync;
        await _server.StartAsync();
        downlink.Attach(this);
        if (settings.PlainTcp)
        {
            IngestionLog.BrokerListening(logger, settings.BindAddress, settings.Port);
        }

        if (settings.TlsPort > 0)
        {
            IngestionLog.BrokerListeningTls(logger, settings.BindAddress, settings.TlsPort, _certificate!.Subject);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true })
        {
            await _server.StopAsync(new MqttServerStopOptions());
        }
    }

    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var server = _server ?? throw new InvalidOperationException("the broker is not started");
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await server.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(message) { SenderClientId = HubClientId, CustomSessionItems = _hubOrigin },
            cancellationToken);
    }

    /// <summary>Ends the device's connections whose credentials no longer hold (<see cref="DeviceAuthentication.EndSessionsAsync"/>).</summary>
    public async Task EndSessionsAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true } server && _authentication is { } authentication)
        {
            await authentication.EndSessionsAsync(server, deviceId);
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _listener?.Dispose();
        _certificate?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A device whose last connection ends is offline, whether it said goodbye or its Last Will
    /// would say so; a session taken over by the same device's new connection is not, nor a device
    /// that still has another connection open.
    /// </summary>
    private async Task ClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.DisconnectType == MqttClientDisconnectType.Takeover || _connections.Find(e.ClientId) is not { } device)
        {
            return;
        }

        _connections.Unbind(e.ClientId, device);
        try
        {
            if (!_connections.IsConnected(device.DeviceId))
            {
                await ingestion.DisconnectedAsync(device);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            IngestionLog.HandoffFailed(logger, ex, device.DeviceId);
        }
        finally
        {
            transportMetrics.Disconnected();
        }
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (_connections.Find(e.ClientId) is { } device && SubscriptionAcl.IsAllowed(device, e.TopicFilter.Topic))
        {
            return Task.CompletedTask;
        }

        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        IngestionLog.SubscriptionRefused(logger, e.TopicFilter.Topic, e.UserName);
        return Task.CompletedTask;
    }
}
