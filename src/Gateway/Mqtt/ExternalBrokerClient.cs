using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Gateway.Downlink;
using UrbanTwin.Gateway.Ingestion;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// The gateway as a client of an external broker (mosquitto): MQTT 5, a persistent session,
/// QoS 1, a shared subscription (<c>$share/{group}/ut/v1/#</c>) so several gateways split the
/// devices' traffic, and its own reconnect loop with exponential back-off. A message is
/// acknowledged only after its twin accepted it, so a gateway that dies mid-way gets it
/// re-delivered (duplicates are dropped by the ingestion pipeline), never lost. Messages are
/// handled <see cref="MqttOptions.Concurrency"/> at a time, partitioned by device so each
/// device's messages keep their order. The broker authorises devices (password and ACL files
/// generated from the registry), so the topic's device id is the publisher.
/// </summary>
public sealed class ExternalBrokerClient(
    IOptions<MqttOptions> options,
    DeviceDirectory directory,
    MessageIngestion ingestion,
    DownlinkPort downlink,
    ILogger<ExternalBrokerClient> logger) : BackgroundService, IDeviceDownlink
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _disconnected = new(0);
    private Channel<Delivery>[] _lanes = [];

    private long _connections;

    // Which connection attempt a message arrived on (counted before each attempt, unlike
    // _connections): its acknowledgement names a packet id of that connection, so it is sent on
    // that connection or not at all (the broker re-delivers it).
    private long _attempt;

    public bool IsConnected => _client.IsConnected;

    /// <summary>How many times the gateway has connected (1 + reconnects).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>
    /// <c>$share/{group}/ut/v1/#</c>, or plain <c>ut/v1/#</c> when no group is configured (one
    /// gateway). mosquitto 2.0 does not keep shared subscriptions over its own restart: messages
    /// published after a broker restart and before the gateways re-subscribe are not queued for
    /// them. A plain subscription in a persistent session is kept, so a single gateway loses
    /// nothing even then.
    /// </summary>
    public string SubscriptionFilter => string.IsNullOrEmpty(options.Value.SharedGroup) ? "ut/v1/#" : "$share/" + options.Value.SharedGroup + "/ut/v1/#";

    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.PublishAsync(message, cancellationToken);
    }

    public override void Dispose()
    {
        _client.Dispose();
        _disconnected.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        downlink.Attach(this);
        _lanes = [.. Enumerable.Range(0, settings.Concurrency).Select(_ => Channel.CreateBounded<Delivery>(
            new BoundedChannelOptions(256) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))];
        var workers = _lanes.Select(lane => Task.Run(() => DrainAsync(lane.Reader, stoppingToken), CancellationToken.None)).ToArray();

        _client.ApplicationMessageReceivedAsync += ReceiveAsync;
        _client.DisconnectedAsync += _ =>
        {
            _disconnected.Release();
            return Task.CompletedTask;
        };

        try
        {
            await KeepConnectedAsync(settings, stoppingToken);
        }
        finally
        {
            foreach (var lane in _lanes)
            {
                lane.Writer.TryComplete();
            }

            await Task.WhenAll(workers);
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            }
        }
    }

    private async Task KeepConnectedAsync(MqttOptions settings, CancellationToken stoppingToken)
    {
        var clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithCredentials(settings.Username, settings.Password)
            .WithClientId(settings.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(7 * 24 * 3600)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                try
                {
                    Interlocked.Increment(ref _attempt);
                    var result = await _client.ConnectAsync(clientOptions, stoppingToken);
                    if (result.ResultCode != MqttClientConnectResultCode.Success)
                    {
                        throw new InvalidOperationException("the broker refused the gateway: " + result.ResultCode);
                    }

                    // Subscriptions survive in a present session; subscribing again is harmless.
                    await _client.SubscribeAsync(
                        new MqttClientSubscribeOptionsBuilder().WithTopicFilter(SubscriptionFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                        stoppingToken);
                    Interlocked.Increment(ref _connections);
                    IngestionLog.ExternalConnected(logger, settings.Host, settings.Port, SubscriptionFilter, result.IsSessionPresent);
                    delay = TimeSpan.FromMilliseconds(250);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    IngestionLog.ExternalConnectFailed(logger, settings.Host, settings.Port, delay.TotalSeconds, ex.Message);
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.ReconnectMaxDelay.Ticks));
                    continue;
                }
            }

            // Wake on a disconnect, or check again after a while in case the event was missed.
            await _disconnected.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
        }
    }

    private async Task ReceiveAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        var topic = e.ApplicationMessage.Topic;
        var lane = (int)((uint)StringComparer.Ordinal.GetHashCode(DeviceSegment(topic)) % (uint)_lanes.Length);
        await _lanes[lane].Writer.WriteAsync(new Delivery(e, Interlocked.Read(ref _attempt)));
    }

    /// <summary>
    /// Handles a lane's messages in order and acknowledges each on the connection it came on. A
    /// lane never waits for a disconnect: MQTTnet's disconnect waits for the message handler,
    /// which may be waiting for room in this very lane.
    /// </summary>
    private async Task DrainAsync(ChannelReader<Delivery> lane, CancellationToken stoppingToken)
    {
        await foreach (var (e, attempt) in lane.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await HandleAsync(e);
                if (attempt != Interlocked.Read(ref _attempt) || !_client.IsConnected)
                {
                    // Its connection is gone: the broker re-delivers it, and the copy is dropped as a duplicate.
                    continue;
                }

                await e.AcknowledgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Not acknowledged: the broker re-delivers it after the reconnect this forces.
                IngestionLog.HandoffFailed(logger, ex, DeviceSegment(e.ApplicationMessage.Topic));
                if (attempt == Interlocked.Read(ref _attempt))
                {
                    _ = Task.Run(ForceReconnectAsync, CancellationToken.None);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping: unacknowledged messages are re-delivered to the next gateway session.
            }
        }
    }

    private async Task HandleAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (!DeviceTopic.TryParse(topic, out var parsed))
        {
            IngestionLog.UnroutableTopic(logger, topic);
            return;
        }

        if (parsed.Type is MessageType.Errors or MessageType.Command)
        {
            return; // the hub's own replies and commands, echoed by the subscription
        }

        var publisher = parsed.DeviceId;
        var registration = await directory.FindAsync(publisher);
        await ingestion.IngestAsync(parsed, publisher, registration, e.ApplicationMessage.Payload, default);
    }

    private async Task ForceReconnectAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build(), CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            IngestionLog.ExternalConnectFailed(logger, options.Value.Host, options.Value.Port, 0, ex.Message);
        }
    }

    private static string DeviceSegment(string topic)
    {
        var parts = topic.Split('/');
        return parts.Length > 3 ? parts[3] : topic;
    }

    private readonly record struct Delivery(MqttApplicationMessageReceivedEventArgs Message, long Attempt);
}
