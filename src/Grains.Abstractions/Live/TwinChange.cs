using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Grains.Abstractions.Live;

/// <summary>A twin after an accepted batch of readings or a status change: its status, the latest values that changed (none for a status change alone) and, for an air-quality station with an index, its DAQI band now (<c>Low</c>, <c>Moderate</c>, <c>High</c>, <c>VeryHigh</c>).</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.TwinChange")]
public sealed record TwinChange(string Status, IReadOnlyList<FieldValue> Latest, string? Band = null);
