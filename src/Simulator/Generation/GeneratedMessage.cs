using UrbanTwin.Contracts.Readings;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Simulator.Readings;

namespace UrbanTwin.Simulator.Generation;

/// <summary>
/// One encoded device → hub message and what went into it: the reading or request it carries
/// (null for a bad payload), the sensor fault it shows, or the kind of bad payload it is.
/// </summary>
public sealed record GeneratedMessage(
    string Topic,
    byte[] Payload,
    MessageType Type,
    uint Seq,
    long TimestampMs,
    Reading? Reading,
    PriorityRequest? Request,
    SensorFault Fault,
    BadPayloadKind? Bad);
