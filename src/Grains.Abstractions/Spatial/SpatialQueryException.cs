namespace UrbanTwin.Grains.Abstractions.Spatial;

/// <summary>
/// A map query refused before it ran, for a reason the caller can fix: <see cref="Reason"/> is one
/// of <see cref="SpatialQueryReasons"/> (stable, for problem types), the message says what was wrong.
/// </summary>
public sealed class SpatialQueryException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
