namespace UrbanTwin.Grains.Twins;

/// <summary>How far a twin has applied one node's ingestion journal: an entry at or below <see cref="Lsn"/> is a replay.</summary>
[GenerateSerializer]
[Alias("ut.JournalMark")]
public readonly record struct JournalMark(string JournalId, long Lsn);
