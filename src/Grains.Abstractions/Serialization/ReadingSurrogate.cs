using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Grains.Abstractions.Serialization;

/// <summary>
/// The wire form of <see cref="Reading"/> (whose values live in an inline array the serializer
/// cannot see): the eight value slots as plain fields.
/// </summary>
[GenerateSerializer]
[Alias("ut.Reading")]
public struct ReadingSurrogate
{
    [Id(0)] public uint Seq { get; set; }
    [Id(1)] public long TimestampMs { get; set; }
    [Id(2)] public byte PresentMask { get; set; }
    [Id(3)] public double V0 { get; set; }
    [Id(4)] public double V1 { get; set; }
    [Id(5)] public double V2 { get; set; }
    [Id(6)] public double V3 { get; set; }
    [Id(7)] public double V4 { get; set; }
    [Id(8)] public double V5 { get; set; }
    [Id(9)] public double V6 { get; set; }
    [Id(10)] public double V7 { get; set; }
}
