using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Grains.Abstractions.Serialization;

/// <summary>Converts <see cref="PriorityRequest"/> to and from <see cref="PriorityRequestSurrogate"/> for Orleans.</summary>
[RegisterConverter]
public sealed class PriorityRequestConverter : IConverter<PriorityRequest, PriorityRequestSurrogate>
{
    public PriorityRequest ConvertFromSurrogate(in PriorityRequestSurrogate surrogate) =>
        new(surrogate.Seq, surrogate.TimestampMs, surrogate.Vehicle, surrogate.Route, surrogate.Approach, surrogate.EtaSeconds, surrogate.LateSeconds);

    public PriorityRequestSurrogate ConvertToSurrogate(in PriorityRequest value) =>
        new(value.Seq, value.TimestampMs, value.Vehicle, value.Route, value.Approach, value.EtaSeconds, value.LateSeconds);
}
