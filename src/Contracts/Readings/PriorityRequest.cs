namespace UrbanTwin.Contracts.Readings;

/// <summary>
/// A decoded bus priority request. <see cref="Vehicle"/> is personal data (a fleet number ties a
/// driver to a place and time): it is never published and never a time-series tag.
/// </summary>
public sealed record PriorityRequest(
    uint Seq,
    long TimestampMs,
    string Vehicle,
    string Route,
    Approach Approach,
    double EtaSeconds,
    double LateSeconds);
