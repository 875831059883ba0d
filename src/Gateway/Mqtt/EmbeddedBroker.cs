using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Orleans;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Downlink;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Gateway.Mqtt.Transport;
using UrbanTwin.Gateway.Sessions;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.ServiceDefaults;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// The single-node broker: an MQTTnet server in the host process, listening through
/// <see cref="DeviceListener"/> (exact addresses, packet and unauthenticated-connection limits).
/// Devices authenticate with their id and secret at CONNECT and may only use their own client ids
/// (<see cref="DeviceClientIds"/>); device → hub publishes are ingested in the server's publish
/// interception (no loop-back subscriber) and never routed or retained; subscriptions are limited
/// to the device's own errors and commands. Only messages the hub injects itself are routed: they
/// are told apart by their session items, an object no client can present. The PUBACK of a QoS 1
/// message goes out only once the message is kept (its readings fsync'd in the journal and
/// applied by its twin; MQTT 5: with a reason code that says whether it was refused), while the
/// connection's next publishes are read and journalled meanwhile (<see cref="PendingAcknowledgements"/>); a message that
/// could not be kept closes the connection unacknowledged, so the device re-sends.
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

    // Revocations handled so far: a CONNECT whose check spans one looks at the record again.
    private long _revocations;

    private MqttServer? _server;
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
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        _server.InterceptingOutboundPacketAsync += InterceptOutboundAsync;
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

    /// <summary>
    /// Disconnects at once (MQTT 5: reason 0x87 Not authorized) every live connection of the device
    /// whose credentials no longer hold. A revocation may arrive after the device has already come
    /// back with its new secret: that connection was checked against the record as it is now, and
    /// stays.
    /// </summary>
    public async Task EndSessionsAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server)
        {
            return;
        }

        // Counted before the record is read: a CONNECT checked against the record before this
        // point and bound after the scan below sees the count change and checks again.
        Interlocked.Increment(ref _revocations);
        var current = await CurrentRecordAsync(deviceId);
        foreach (var clientId in _connections.ClientIdsOf(deviceId))
        {
            if (_connections.FindBinding(clientId) is not { } binding || Holds(binding, current))
            {
                continue;
            }

            _connections.Unbind(clientId, binding.Device);
            try
            {
                await server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized, ReasonString = "credentials revoked" });
            }
            catch (InvalidOperationException)
            {
                // Gone already.
            }

            IngestionLog.SessionEnded(logger, deviceId, clientId);
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _listener?.Dispose();
        _certificate?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var deviceId = e.UserName;
        if (string.IsNullOrEmpty(deviceId) || !DeviceId.IsValid(deviceId))
        {
            Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, "not a device id");
            return;
        }

        var revocationsSeen = Interlocked.Read(ref _revocations);
        var record = await grains.GetGrain<IDeviceGrain>(deviceId).GetAsync();
        if (record is null || !DeviceSecrets.Verify(e.Password, record.SecretSalt, record.SecretHash))
        {
            Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, "unknown device or wrong secret");
            return;
        }

        if (!record.Active)
        {
            Refuse(e, MqttConnectReasonCode.NotAuthorized, "device decommissioned");
            return;
        }

        var clientId = e.ClientId;
        if (string.IsNullOrEmpty(clientId))
        {
            // MQTT 5 lets a client leave its id to the server (mosquitto_pub does); 3.1.1 is refused by MQTTnet.
            clientId = e.AssignedClientIdentifier = DeviceClientIds.Assign(deviceId);
        }
        else if (!DeviceClientIds.BelongsTo(clientId, deviceId))
        {
            // Refused before MQTTnet looks for a session: the owner of that client id keeps its connection and session.
            Refuse(e, MqttConnectReasonCode.ClientIdentifierNotValid, "client id is not the device id or the device id followed by ':'");
            return;
        }

        var binding = new DeviceConnections.Binding(new DeviceRegistration(record.DeviceId, record.AssetId, record.Kind, record.Active), record.SecretHash);
        _connections.Bind(clientId, binding.Device, binding.SecretHash);
        if (Interlocked.Read(ref _revocations) != revocationsSeen && !Holds(binding, await CurrentRecordAsync(deviceId)))
        {
            // Revoked between the check above and the binding, which the revocation's scan may have missed.
            _connections.Unbind(clientId, binding.Device);
            Refuse(e, MqttConnectReasonCode.NotAuthorized, "credentials revoked");
            return;
        }

        e.ReasonCode = MqttConnectReasonCode.Success;
        IngestionLog.DeviceConnected(logger, deviceId, e.RemoteEndPoint?.ToString());
    }

    /// <summary>Whether the credentials a connection was authenticated with are the ones the record holds now.</summary>
    private static bool Holds(DeviceConnections.Binding binding, DeviceRecord? record) =>
        record is { Active: true }
        && record.AssetId == binding.Device.AssetId
        && record.Kind == binding.Device.Kind
        && record.SecretHash.AsSpan().SequenceEqual(binding.SecretHash);

    /// <summary>The device's record now; none when the cluster cannot say (its sessions are then ended, the safe side).</summary>
    private async Task<DeviceRecord?> CurrentRecordAsync(string deviceId)
    {
        try
        {
            return await grains.GetGrain<IDeviceGrain>(deviceId).GetAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            IngestionLog.RevocationLookupFailed(logger, ex, deviceId);
            return null;
        }
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (ReferenceEquals(e.SessionItems, _hubOrigin))
        {
            return; // the hub's own errors and commands: route them to the device
        }

        e.ProcessPublish = false;
        var registration = _connections.Find(e.ClientId);
        if (registration is null)
        {
            // A connection whose registration was revoked while its publish was on the way.
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            e.CloseConnection = true;
            return;
        }

        var message = e.ApplicationMessage;
        var qos = (int)message.QualityOfServiceLevel;
        var flags = new PublishFlags(message.Retain, message.QualityOfServiceLevel == MqttQualityOfServiceLevel.ExactlyOnce);

        // A Last Will is dispatched by MQTTnet itself (no token: its connection is gone) and is
        // never acknowledged, so it must not queue an acknowledgement for the session.
        var fromConnection = e.CancellationToken.CanBeCanceled;
        var pending = PendingAcknowledgements.Of(e.SessionItems);
        await pending.EnterAsync(e.CancellationToken);
        IngestionTicket ticket;
        try
        {
            ticket = ingestion.Accept(message.Topic, registration.DeviceId, registration, message.Payload, flags);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            pending.Leave();
            IngestionLog.HandoffFailed(logger, ex, registration.DeviceId);
            e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
            e.CloseConnection = true;
            return;
        }

        pending.Add(ticket, fromConnection ? qos : 0);
        e.Response.ReasonCode = ticket.Outcome switch
        {
            PublishOutcome.Accepted => MqttPubAckReasonCode.Success,
            PublishOutcome.NotAuthorized => MqttPubAckReasonCode.NotAuthorized,
            PublishOutcome.UnsupportedQos => MqttPubAckReasonCode.ImplementationSpecificError,
            _ => MqttPubAckReasonCode.PayloadFormatInvalid,
        };
    }

    /// <summary>
    /// Outbound packets: an acknowledgement of a device's publish leaves only once what it
    /// acknowledges is kept (<see cref="PendingAcknowledgements"/>); if it could not be kept the
    /// acknowledgement is dropped and the connection closed, so the device sends the message again.
    /// MQTT 5 clients learn the broker's limits in CONNACK: the largest packet, and QoS 1 at most.
    /// </summary>
    private async Task InterceptOutboundAsync(InterceptingPacketEventArgs e)
    {
        var qos = e.Packet switch
        {
            MqttPubAckPacket => 1,
            MqttPubRecPacket => 2,
            _ => 0,
        };
        if (qos == 0)
        {
            if (e.Packet is MqttConnAckPacket connAck)
            {
                connAck.MaximumPacketSize = (uint)PacketLimits.MaxPacketBytes;
                connAck.MaximumQoS = MqttQualityOfServiceLevel.AtLeastOnce;
            }

            return;
        }

        if (PendingAcknowledgements.Find(e.SessionItems) is not { } pending)
        {
            return;
        }

        var kept = pending.Next(qos);
        if (!kept.IsCompleted)
        {
            await kept.WaitAsync(e.CancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            e.CancellationToken.ThrowIfCancellationRequested();
        }

        if (!kept.IsCompletedSuccessfully)
        {
            e.ProcessPacket = false;
            IngestionLog.NotKept(logger, kept.Exception?.GetBaseException(), e.ClientId);
            _ = Task.Run(() => DisconnectUnkeptAsync(e.ClientId));
        }
    }

    private async Task DisconnectUnkeptAsync(string clientId)
    {
        try
        {
            await _server!.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.UnspecifiedError, ReasonString = "a message could not be kept; send it again" });
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // Gone already.
        }
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

    /// <summary>Refuses the CONNECT; MQTT 5 clients also read why in the CONNACK's reason string.</summary>
    private void Refuse(ValidatingConnectionEventArgs e, MqttConnectReasonCode code, string reason)
    {
        e.ReasonCode = code;
        e.ReasonString = reason;
        IngestionLog.ConnectionRefused(logger, e.UserName, e.RemoteEndPoint?.ToString(), reason);
    }
}
