using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Grains.Abstractions.Serialization;

/// <summary>The wire form of the contract's <see cref="PriorityRequest"/> (the contract library knows nothing of Orleans).</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.PriorityRequest")]
public readonly record struct PriorityRequestSurrogate(
    [property: Id(0)] uint Seq,
    [property: Id(1)] long TimestampMs,
    [property: Id(2)] string Vehicle,
    [property: Id(3)] string Route,
    [property: Id(4)] Approach Approach,
    [property: Id(5)] double EtaSeconds,
    [property: Id(6)] double LateSeconds);
