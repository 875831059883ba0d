using UrbanTwin.Grains.Abstractions.Twins;

namespace UrbanTwin.Gateway.Journal;

/// <summary>One acknowledged device message as the journal keeps it: its position and what its twin must apply.</summary>
public sealed record JournalEntry(long Lsn, string AssetId, TelemetryBatch Batch);
