using System.Collections;
using Microsoft.Extensions.Logging;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using UrbanTwin.Gateway.Ingestion;
using UrbanTwin.Gateway.Mqtt.Transport;

namespace UrbanTwin.Gateway.Mqtt;

/// <summary>
/// What devices publish to the embedded broker: each message is handed to ingestion in the
/// server's publish interception (no loop-back subscriber) and never routed or retained, and its
/// acknowledgement leaves only once the message is kept (<see cref="PendingAcknowledgements"/>;
/// MQTT 5: with a reason code that says whether it was refused). A message that could not be kept
/// closes the connection unacknowledged, so the device re-sends. Messages the hub injects itself
/// are told apart by their session items (<paramref name="hubOrigin"/>) and routed as usual.
/// </summary>
internal sealed class DevicePublishes(
    MqttServer server,
    IDictionary hubOrigin,
    DeviceConnections connections,
    MessageIngestion ingestion,
    ILogger logger)
{
    /// <summary>The server's publish interception: takes a device's message into ingestion and sets its acknowledgement's reason code.</summary>
    public async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (ReferenceEquals(e.SessionItems, hubOrigin))
        {
            return; // the hub's own errors and commands: route them to the device
        }

        e.ProcessPublish = false;
        var registration = connections.Find(e.ClientId);
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
    public async Task InterceptOutboundAsync(InterceptingPacketEventArgs e)
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
            await server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.UnspecifiedError, ReasonString = "a message could not be kept; send it again" });
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // Gone already.
        }
    }
}
