using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Grains.Abstractions.Twins;

/// <summary>
/// What one device message hands to its twin: the accepted, de-duplicated readings (a backlog
/// array is one batch, not 500 calls) and how many of the message's readings were dropped as
/// duplicates or rejected, for the twin's counters. <see cref="Journal"/> is its place in the
/// acknowledging node's journal: a twin applies each position once.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.TelemetryBatch")]
public sealed record TelemetryBatch(
    string DeviceId,
    DeviceKind Kind,
    long ReceivedAtMs,
    Reading[] Readings,
    int Duplicates,
    int Rejected,
    JournalPosition? Journal = null);
