namespace UrbanTwin.Grains.Abstractions.DigitalTwins;

/// <summary>
/// Where a node's copy of a graph shard stands: the shard's activation (<see cref="Epoch"/>) and
/// the last row of changes the copy holds (<see cref="Through"/>).
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.GraphCursor")]
public sealed record GraphCursor(Guid Epoch, long Through);

/// <summary>
/// What changed in a graph shard after a <see cref="GraphCursor"/>: each entry changed since, as
/// it is now, and each key removed since; or, when <see cref="Whole"/>, every entry the shard holds
/// (the cursor was of another activation, or older than the changes the shard keeps). Either way
/// the state is the shard's as of <see cref="GraphCursor.Through"/> of <see cref="Cursor"/> or
/// newer, and <see cref="Cursor"/> is where to ask from next.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.GraphChanges")]
public sealed record GraphChanges(GraphCursor Cursor, bool Whole, IReadOnlyList<GraphEntry> Entries, IReadOnlyList<string> Removed);

/// <summary>
/// How a graph write ended and, when written and still the shard's current state of its key, the
/// row of changes that stored it (its <see cref="GraphCursor.Through"/>); 0 when a later write of
/// the same key superseded it.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.GraphWriteResult")]
public sealed record GraphWriteResult(GraphWriteOutcome Outcome, long Version);
