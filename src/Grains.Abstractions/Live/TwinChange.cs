using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Grains.Abstractions.Live;

/// <summary>A twin after an accepted batch of readings or a status change: its status and the latest values that changed (none for a status change alone).</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.TwinChange")]
public sealed record TwinChange(string Status, IReadOnlyList<FieldValue> Latest);
