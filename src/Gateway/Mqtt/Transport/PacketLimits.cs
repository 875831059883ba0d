using UrbanTwin.Contracts.Decoding;

namespace UrbanTwin.Gateway.Mqtt.Transport;

/// <summary>
/// The largest MQTT packets the broker reads. The limit is checked on the packet's fixed header,
/// before its body is read, so an oversized packet costs the hub a few bytes, never its size.
/// </summary>
public static class PacketLimits
{
    /// <summary>Room for the fixed header, the topic and MQTT 5 properties around a payload.</summary>
    public const int HeaderAllowance = 4 * 1024;

    /// <summary>
    /// Any packet of an authenticated device: the contract's largest payload plus
    /// <see cref="HeaderAllowance"/>. A payload between the contract's limit and this is answered
    /// <c>payload-too-large</c>; a larger packet closes the connection. MQTT 5 clients are told it
    /// in CONNACK (Maximum Packet Size).
    /// </summary>
    public static int MaxPacketBytes { get; } = DecoderOptions.Default.MaxPayloadBytes + HeaderAllowance;

    /// <summary>
    /// The first packet of a connection, its CONNECT, read before the credentials are checked:
    /// client id, user name, secret, Last Will and properties fit in far less.
    /// </summary>
    public const int MaxConnectPacketBytes = 8 * 1024;

    /// <summary>
    /// A connection's messages read ahead of reaching their twin (their acknowledgements wait
    /// until each is kept): enough for many to share one journal fsync, few enough to bound what
    /// one connection holds in memory. The next publish waits on TCP.
    /// </summary>
    public const int InFlightPerConnection = 64;

    /// <summary>
    /// The first size of a connection's send buffer: a PUBACK is 4 bytes and an error reply a few
    /// hundred; the buffer grows for a larger packet and keeps that size.
    /// </summary>
    public const int InitialWriterBufferBytes = 256;
}
