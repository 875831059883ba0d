using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Grains.Abstractions.Serialization;

/// <summary>Converts <see cref="Reading"/> to and from <see cref="ReadingSurrogate"/> for Orleans.</summary>
[RegisterConverter]
public sealed class ReadingConverter : IConverter<Reading, ReadingSurrogate>
{
    public Reading ConvertFromSurrogate(in ReadingSurrogate surrogate)
    {
        var values = default(FieldValues);
        values[0] = surrogate.V0;
        values[1] = surrogate.V1;
        values[2] = surrogate.V2;
        values[3] = surrogate.V3;
        values[4] = surrogate.V4;
        values[5] = surrogate.V5;
        values[6] = surrogate.V6;
        values[7] = surrogate.V7;
        return new Reading(surrogate.Seq, surrogate.TimestampMs, values, surrogate.PresentMask);
    }

    public ReadingSurrogate ConvertToSurrogate(in Reading value) => new()
    {
        Seq = value.Seq,
        TimestampMs = value.TimestampMs,
        PresentMask = value.PresentMask,
        V0 = value.TryGet(0, out var v0) ? v0 : 0,
        V1 = value.TryGet(1, out var v1) ? v1 : 0,
        V2 = value.TryGet(2, out var v2) ? v2 : 0,
        V3 = value.TryGet(3, out var v3) ? v3 : 0,
        V4 = value.TryGet(4, out var v4) ? v4 : 0,
        V5 = value.TryGet(5, out var v5) ? v5 : 0,
        V6 = value.TryGet(6, out var v6) ? v6 : 0,
        V7 = value.TryGet(7, out var v7) ? v7 : 0,
    };
}
