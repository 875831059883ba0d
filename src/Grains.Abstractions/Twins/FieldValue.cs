namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>The latest value of one field, with the time the reading was taken (epoch ms).</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.FieldValue")]
public sealed record FieldValue(string Field, double Value, long TimestampMs);
