namespace UrbanTwin.Gateway.Mqtt.Transport;

/// <summary>
/// Reads the broker's first packet to a connection, its CONNACK, from the bytes sent: whether the
/// connection was accepted (reason code 0) or refused. Bytes after the CONNACK are not looked at.
/// </summary>
public sealed class ConnAckWatch
{
    private const byte ConnAckHeader = 0x20;

    private int _seen;
    private int _lengthBytesLeft = 4;
    private bool _lengthDone;
    private int _variableHeaderSeen;

    /// <summary>Null until the CONNACK's reason code has been sent; then whether it accepted the connection.</summary>
    public bool? Accepted { get; private set; }

    public void Observe(ReadOnlySpan<byte> sent)
    {
        for (var i = 0; i < sent.Length && Accepted is null; i++)
        {
            var b = sent[i];
            if (_seen++ == 0)
            {
                if (b != ConnAckHeader)
                {
                    Accepted = false;
                }

                continue;
            }

            if (!_lengthDone)
            {
                _lengthDone = (b & 0x80) == 0 || --_lengthBytesLeft == 0;
                continue;
            }

            // Variable header: acknowledge flags, then the reason (3.1.1: return) code.
            if (_variableHeaderSeen++ == 1)
            {
                Accepted = b == 0;
            }
        }
    }
}
