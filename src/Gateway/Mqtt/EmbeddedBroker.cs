using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Orleans;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Downlink;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Grains.Abstractions.Devices;
using UrbanTwin.ServiceDefaults;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// The single-node broker: an MQTTnet server in the host process. Devices authenticate with their
/// id and secret at CONNECT; device → hub publishes are ingested in the server's publish
/// interception (no loop-back subscriber) and not routed further; subscriptions are limited to
/// the device's own errors and commands. The PUBACK of a QoS 1 message goes out only after the
/// twin accepted its readings; if the hand-off fails the connection is closed unacknowledged, so
/// the device re-sends.
/// </summary>
public sealed class EmbeddedBroker(
    IOptions<MqttOptions> options,
    IOptions<StorageOptions> storage,
    IGrainFactory grains,
    IServiceProvider services,
    ILogger<EmbeddedBroker> logger) : IHostedService, IDeviceDownlink, IAsyncDisposable
{
    /// <summary>The sender id of messages the hub itself publishes.</summary>
    public const string HubClientId = "urbantwin-hub";

    private const string DeviceSessionKey = "urbantwin.device";

    private MqttServer? _server;
    private X509Certificate2? _certificate;
    private MessageIngestion? _ingestion;

    /// <summary>Whether the broker is listening.</summary>
    public bool IsRunning => _server?.IsStarted == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var address = IPAddress.Parse(settings.BindAddress);
        var builder = new MqttServerOptionsBuilder()
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(settings.MaxPendingMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage);
        if (settings.PlainTcp)
        {
            builder.WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(address).WithDefaultEndpointPort(settings.Port);
        }

        if (settings.TlsPort > 0)
        {
            _certificate = BrokerCertificate.LoadOrCreate(settings, storage.Value.EnsureDataDirectory());
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(address)
                .WithEncryptedEndpointPort(settings.TlsPort)
                .WithEncryptionCertificate(_certificate)
                .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13);
        }

        var serverOptions = builder.Build();

        // Resolved here, not in the constructor: the pipeline publishes its replies through this broker.
        _ingestion = services.GetService(typeof(MessageIngestion)) as MessageIngestion
            ?? throw new InvalidOperationException("MessageIngestion is not registered");
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        _server.ClientDisconnectedAsync += ClientDisconnectedAsync;
        await _server.StartAsync();
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
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = HubClientId }, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _certificate?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var deviceId = e.UserName;
        if (string.IsNullOrEmpty(deviceId) || !DeviceId.IsValid(deviceId) || deviceId == HubClientId)
        {
            Refuse(e, MqttConnectReasonCode.BadUserNameOrPassword, "not a device id");
            return;
        }

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

        e.SessionItems[DeviceSessionKey] = new DeviceRegistration(record.DeviceId, record.AssetId, record.Kind, record.Active);
        if (string.IsNullOrEmpty(e.ClientId))
        {
            // MQTT 5 lets a client leave its id to the server (mosquitto_pub does).
            e.AssignedClientIdentifier = deviceId + "-" + Guid.NewGuid().ToString("N")[..12];
        }

        e.ReasonCode = MqttConnectReasonCode.Success;
        IngestionLog.DeviceConnected(logger, deviceId, e.RemoteEndPoint?.ToString());
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == HubClientId)
        {
            return; // the hub's own errors and commands: route them to the device
        }

        e.ProcessPublish = false;
        var registration = e.SessionItems[DeviceSessionKey] as DeviceRegistration;
        var publisher = registration?.DeviceId ?? e.UserName ?? "";
        try
        {
            await _ingestion!.IngestAsync(e.ApplicationMessage.Topic, publisher, registration, e.ApplicationMessage.Payload, e.CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            IngestionLog.HandoffFailed(logger, ex, publisher);
            e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
            e.CloseConnection = true;
        }
    }

    /// <summary>
    /// A device whose connection ends is offline, whether it said goodbye or its Last Will would
    /// say so; a session taken over by the same device's new connection is not.
    /// </summary>
    private async Task ClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.DisconnectType == MqttClientDisconnectType.Takeover || e.SessionItems[DeviceSessionKey] is not DeviceRegistration device)
        {
            return;
        }

        try
        {
            await _ingestion!.DisconnectedAsync(device);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            IngestionLog.HandoffFailed(logger, ex, device.DeviceId);
        }
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (e.SessionItems[DeviceSessionKey] is DeviceRegistration device && SubscriptionAcl.IsAllowed(device, e.TopicFilter.Topic))
        {
            return Task.CompletedTask;
        }

        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        IngestionLog.SubscriptionRefused(logger, e.TopicFilter.Topic, e.UserName);
        return Task.CompletedTask;
    }

    private void Refuse(ValidatingConnectionEventArgs e, MqttConnectReasonCode code, string reason)
    {
        e.ReasonCode = code;
        IngestionLog.ConnectionRefused(logger, e.UserName, e.RemoteEndPoint?.ToString(), reason);
    }
}
