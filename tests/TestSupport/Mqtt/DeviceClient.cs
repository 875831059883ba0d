using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;

namespace UrbanTwin.TestSupport.Mqtt;

/// <summary>
/// A device as firmware would drive it, over real MQTT with MQTTnet's client: it authenticates
/// with its id and secret, subscribes to its errors topic and collects what arrives there.
/// </summary>
public sealed class DeviceClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();

    private DeviceClient(IMqttClient client, string deviceId)
    {
        _client = client;
        DeviceId = deviceId;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public string DeviceId { get; }

    public bool IsConnected => _client.IsConnected;

    public static async Task<DeviceClient> ConnectAsync(int port, string deviceId, string secret, Action<MqttClientOptionsBuilder>? configure = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(deviceId + ":" + Guid.NewGuid().ToString("N")[..8])
            .WithCredentials(deviceId, secret)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10));
        configure?.Invoke(options);
        try
        {
            var result = await client.ConnectAsync(options.Build(), TestContext.Current.CancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new ConnectionRefusedException(result.ResultCode, result.ReasonString);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return new DeviceClient(client, deviceId);
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string topicFilter)
    {
        var result = await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            TestContext.Current.CancellationToken);
        return result.Items.Single().ResultCode;
    }

    public Task<MqttClientSubscribeResultCode> SubscribeErrorsAsync(DeviceKind kind) => SubscribeAsync(DeviceTopic.Errors(kind, DeviceId));

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain = false, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos)
            .WithRetainFlag(retain)
            .Build();
        return await _client.PublishAsync(message, TestContext.Current.CancellationToken);
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload) => PublishAsync(topic, Encoding.UTF8.GetBytes(payload));

    /// <summary>
    /// Returns every error reply that arrives before a sentinel's: a status message with a unique
    /// unknown field, which the hub must reject. Replies to one device arrive in order, so when the
    /// sentinel's reply is here, every earlier reply is too: no waiting on a guess.
    /// </summary>
    public async Task<List<JsonElement>> ErrorsUntilSentinelAsync(DeviceKind kind, TimeSpan timeout)
    {
        var errors = new List<JsonElement>();
        foreach (var message in await MessagesUntilSentinelAsync(kind, timeout))
        {
            using var document = JsonDocument.Parse(message.Payload);
            errors.Add(document.RootElement.Clone());
        }

        return errors;
    }

    /// <summary>
    /// Every message on any subscribed topic (errors, commands) that arrives before the sentinel's
    /// error reply (see <see cref="ErrorsUntilSentinelAsync"/>): what the hub had queued for this
    /// device up to now. The device must be subscribed to its errors topic.
    /// </summary>
    public async Task<List<MqttApplicationMessage>> MessagesUntilSentinelAsync(DeviceKind kind, TimeSpan timeout)
    {
        var marker = "sentinel" + Guid.NewGuid().ToString("N");
        await PublishAsync(DeviceTopic.Status(kind, DeviceId), $$"""{"state":"online","{{marker}}":1}""");
        var messages = new List<MqttApplicationMessage>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        while (true)
        {
            var message = await _received.Reader.ReadAsync(cts.Token);
            if (Encoding.UTF8.GetString(message.Payload).Contains(marker, StringComparison.Ordinal))
            {
                return messages;
            }

            messages.Add(message);
        }
    }

    /// <summary>Waits for the next message on any subscribed topic.</summary>
    public async Task<MqttApplicationMessage> NextMessageAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        return await _received.Reader.ReadAsync(cts.Token);
    }

    public Task DisconnectWithWillAsync() =>
        _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build(), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), patience.Token);
            }
        }
        catch (MqttCommunicationException)
        {
            // The broker went away first (a test stopped its node): there is nobody to say goodbye to.
        }
        catch (OperationCanceledException)
        {
            // The goodbye could not be sent in time (the connection is stuck behind unacknowledged
            // publishes, as when a test fills the hub's journal): the connection is dropped instead.
        }

        _client.Dispose();
    }
}
