using System.Buffers;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Readings;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Simulator.Generation;
using UrbanTwin.Simulator.Readings;

namespace UrbanTwin.Simulator.Devices;

/// <summary>
/// One simulated device on the air, as the contract asks firmware to behave: connects with its own
/// id and secret (MQTT 5, persistent session, Last Will <c>{"state":"offline"}</c> retained on its
/// status topic), says it is online (retained), subscribes to its errors and commands, publishes a
/// reading every report interval and, at a junction, a priority request per bus, all at QoS 1.
/// Now and then its network drops (the broker publishes its Last Will); it keeps taking readings
/// and, once back, uploads them as backlog arrays, oldest first, before going on.
/// </summary>
internal sealed partial class SimulatedDeviceRunner(
    DeviceGenerator generator,
    string secret,
    FleetRunOptions options,
    TimeProvider time,
    SimulatorMetrics metrics,
    ILogger logger)
{
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly SimulationRandom _network = new(options.Generator.Seed, (generator.Device.Index * 8L) + 6);
    private readonly List<Reading> _backlog = [];
    private DateTimeOffset _nextReading;
    private DateTimeOffset _nextBus = DateTimeOffset.MaxValue;
    private DateTimeOffset _nextOutage = DateTimeOffset.MaxValue;

    public async Task RunAsync(TimeSpan startDelay, CancellationToken cancellationToken)
    {
        await Task.Delay(startDelay, time, cancellationToken);
        var now = time.GetUtcNow();
        _nextReading = now;
        if (generator.RequestTopic is not null)
        {
            _nextBus = now + generator.NextBusAfter(now.ToUnixTimeMilliseconds());
        }

        ScheduleOutage(now);
        var retry = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = new MqttClientFactory().CreateMqttClient();
            client.ApplicationMessageReceivedAsync += OnMessageAsync;
            try
            {
                if (!await ConnectAsync(client, cancellationToken))
                {
                    await Task.Delay(retry, time, cancellationToken);
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxReconnectDelay.Ticks));
                    continue;
                }

                retry = TimeSpan.FromSeconds(1);
                metrics.ConnectionChanged(true);
                try
                {
                    await UploadBacklogAsync(client, cancellationToken);
                    await ReportUntilOutageAsync(client, cancellationToken);
                }
                finally
                {
                    metrics.ConnectionChanged(false);
                }

                // The network drops: no goodbye, so the broker publishes the Last Will.
                metrics.OutageStarted();
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.DisconnectWithWillMessage).Build(), cancellationToken);
                await KeepReadingOfflineAsync(time.GetUtcNow() + options.OutageDuration, cancellationToken);
                ScheduleOutage(time.GetUtcNow());
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
            {
                // Stopping; MQTTnet may report a cancelled publish as a broken connection.
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
                }

                return;
            }
            catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
            {
                // The connection broke under us (the broker went away): keep what was taken, connect again.
                Log.ConnectionLost(logger, generator.Device.DeviceId, ex.Message);
                try
                {
                    await Task.Delay(retry, time, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> ConnectAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var device = generator.Device;
        var connectOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Broker.Host, options.Broker.Port)
            .WithClientId(device.DeviceId)
            .WithCredentials(device.DeviceId, secret)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)TimeSpan.FromDays(1).TotalSeconds)
            .WithWillTopic(generator.StatusTopic)
            .WithWillPayload(DeviceGenerator.OfflineStatus)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(15))
            .Build();
        try
        {
            var result = await client.ConnectAsync(connectOptions, cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                Log.Refused(logger, device.DeviceId, result.ResultCode.ToString());
                return false;
            }
        }
        catch (Exception ex) when (ex is MqttCommunicationException or MqttConnectingFailedException)
        {
            Log.Refused(logger, device.DeviceId, ex.Message);
            return false;
        }

        await PublishAsync(client, generator.StatusTopic, DeviceGenerator.OnlineStatus, retain: true, cancellationToken);
        await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(DeviceTopic.Errors(device.Kind, device.DeviceId), MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(DeviceTopic.Prefix + device.Kind.ToSegment() + "/" + device.DeviceId + "/cmd/#", MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            cancellationToken);
        return true;
    }

    private async Task UploadBacklogAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        if (_backlog.Count == 0)
        {
            return;
        }

        foreach (var payload in generator.EncodeBacklog(_backlog))
        {
            await PublishAsync(client, generator.TelemetryTopic, payload, retain: false, cancellationToken);
            metrics.BacklogUploaded();
        }

        _backlog.Clear();
    }

    private async Task ReportUntilOutageAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = Min(_nextReading, Min(_nextBus, _nextOutage));
            await WaitUntilAsync(due, cancellationToken);
            var now = time.GetUtcNow();
            if (now >= _nextOutage)
            {
                return;
            }

            if (now >= _nextReading)
            {
                _nextReading += generator.ReportInterval;
                if (generator.NextTelemetry(now.ToUnixTimeMilliseconds()) is { } message)
                {
                    await PublishAsync(client, message, cancellationToken);
                }
            }

            if (now >= _nextBus)
            {
                await PublishAsync(client, generator.NextRequest(now.ToUnixTimeMilliseconds()), cancellationToken);
                _nextBus = now + generator.NextBusAfter(now.ToUnixTimeMilliseconds());
            }
        }
    }

    /// <summary>Offline: readings are still taken on time and kept; buses pass without asking.</summary>
    private async Task KeepReadingOfflineAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (true)
        {
            await WaitUntilAsync(Min(_nextReading, until), cancellationToken);
            var now = time.GetUtcNow();
            if (now >= until)
            {
                break;
            }

            _nextReading += generator.ReportInterval;
            if (generator.TakeReading(now.ToUnixTimeMilliseconds()) is var (reading, _))
            {
                _backlog.Add(reading);
            }
        }

        if (_nextBus != DateTimeOffset.MaxValue)
        {
            _nextBus = until + generator.NextBusAfter(until.ToUnixTimeMilliseconds());
        }
    }

    private async Task PublishAsync(IMqttClient client, GeneratedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await PublishAsync(client, message.Topic, message.Payload, retain: false, cancellationToken);
            metrics.Published(message.Type == MessageType.Request ? "request" : "telemetry", message.Bad is not null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && message.Reading is { } reading)
        {
            _backlog.Add(reading);
            throw;
        }
    }

    private static async Task PublishAsync(IMqttClient client, string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        var result = await client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"publish on {topic} not acknowledged: {result.ReasonCode}");
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (topic.EndsWith("/errors", StringComparison.Ordinal))
        {
            metrics.ErrorReplied();
        }
        else if (topic.EndsWith("/cmd/priority", StringComparison.Ordinal))
        {
            var payload = e.ApplicationMessage.Payload;
            metrics.Decided(payload.Length < 1024 && payload.ToArray().AsSpan().IndexOf("\"granted\""u8) >= 0);
        }

        return Task.CompletedTask;
    }

    private void ScheduleOutage(DateTimeOffset now) =>
        _nextOutage = options.OutageInterval > TimeSpan.Zero
            ? now + TimeSpan.FromSeconds(_network.Exponential(options.OutageInterval.TotalSeconds))
            : DateTimeOffset.MaxValue;

    private Task WaitUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        var wait = due - time.GetUtcNow();
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Simulated device {DeviceId} could not connect: {Reason}; trying again")]
        public static partial void Refused(ILogger logger, string deviceId, string reason);

        [LoggerMessage(2, LogLevel.Debug, "Simulated device {DeviceId} lost its connection: {Reason}; connecting again")]
        public static partial void ConnectionLost(ILogger logger, string deviceId, string reason);
    }
}
