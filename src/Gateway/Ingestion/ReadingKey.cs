namespace UrbanTwin.Gateway.Ingestion;

/// <summary>What makes a reading the same one again for <see cref="DuplicateFilter"/>: its device's (<c>seq</c>, <c>ts</c>).</summary>
internal readonly record struct ReadingKey(uint Seq, long TimestampMs);
