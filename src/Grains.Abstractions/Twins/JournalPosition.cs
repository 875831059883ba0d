namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>Where an acknowledged batch stands in the journal of the node that acknowledged it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.JournalPosition")]
public sealed record JournalPosition(string JournalId, long Lsn);
