using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;
using MQTTnet.Exceptions;

namespace UrbanTwin.Gateway.Mqtt.Transport;

/// <summary>
/// A device connection's byte channel with the broker's limits applied below MQTTnet: every
/// received packet is measured by its fixed header before its body is read
/// (<see cref="InboundPacketMeter"/>), and the CONNACK sent is watched to learn when the device
/// has authenticated (<see cref="ConnAckWatch"/>), which ends the connection's unauthenticated time.
/// </summary>
public sealed class GuardedChannel(IMqttChannel inner, InboundPacketMeter meter, Action<bool> connAckSent) : IMqttChannel
{
    private readonly ConnAckWatch _connAck = new();
    private bool _reported;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection { get; init; }

    /// <summary>Why the connection was closed for breaking a limit, or null.</summary>
    public string? Violation { get; private set; }

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        if (meter.Observe(buffer.AsSpan(offset, read)) is { } violation)
        {
            Violation = violation;
            throw new MqttProtocolViolationException("connection closed: " + violation);
        }

        return read;
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        if (!_reported)
        {
            foreach (var segment in buffer)
            {
                _connAck.Observe(segment.Span);
            }

            if (_connAck.Accepted is { } accepted)
            {
                _reported = true;
                connAckSent(accepted);
            }
        }

        return inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);
    }

    public void Dispose() => inner.Dispose();
}
