namespace UrbanTwin.Gateway.Mqtt.Transport;

/// <summary>
/// Follows the MQTT framing of the bytes a connection receives (fixed header byte, remaining
/// length, body) and refuses a packet as soon as its remaining length is known to exceed the
/// limit, before the broker reads the body. The first packet must be a CONNECT.
/// </summary>
public sealed class InboundPacketMeter
{
    private const int ConnectType = 1;

    private State _state = State.FixedHeader;
    private bool _first = true;
    private int _lengthBytes;
    private int _multiplier;
    private long _remaining;

    /// <param name="connectLimit">The limit of the first packet (the CONNECT).</param>
    /// <param name="limit">The limit of every later packet.</param>
    public InboundPacketMeter(int connectLimit, int limit)
    {
        ConnectLimit = connectLimit;
        Limit = limit;
    }

    public int ConnectLimit { get; }

    public int Limit { get; }

    private enum State
    {
        FixedHeader,
        RemainingLength,
        Body,
    }

    /// <summary>Passes received bytes through the framing; returns why the connection must close, or null.</summary>
    public string? Observe(ReadOnlySpan<byte> received)
    {
        var i = 0;
        while (i < received.Length)
        {
            switch (_state)
            {
                case State.FixedHeader:
                    if (_first && received[i] >> 4 != ConnectType)
                    {
                        return "the first packet is not a CONNECT";
                    }

                    _state = State.RemainingLength;
                    _lengthBytes = 0;
                    _multiplier = 1;
                    _remaining = 0;
                    i++;
                    break;

                case State.RemainingLength:
                    var encoded = received[i++];
                    _remaining += (encoded & 0x7F) * (long)_multiplier;
                    _multiplier *= 128;
                    _lengthBytes++;
                    var limit = _first ? ConnectLimit : Limit;
                    if (_remaining > limit)
                    {
                        return _first
                            ? $"a CONNECT of more than {limit} bytes"
                            : $"a packet of more than {limit} bytes";
                    }

                    if ((encoded & 0x80) != 0)
                    {
                        if (_lengthBytes == 4)
                        {
                            return "a remaining length longer than four bytes";
                        }

                        break;
                    }

                    _first = false;
                    _state = _remaining == 0 ? State.FixedHeader : State.Body;
                    break;

                case State.Body:
                    var take = (int)Math.Min(_remaining, received.Length - i);
                    _remaining -= take;
                    i += take;
                    if (_remaining == 0)
                    {
                        _state = State.FixedHeader;
                    }

                    break;
            }
        }

        return null;
    }
}
