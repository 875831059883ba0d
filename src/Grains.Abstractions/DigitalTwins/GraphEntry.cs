namespace UrbanTwin.Grains.Abstractions.DigitalTwins;

/// <summary>
/// A stored twin or relationship of the twin graph, kept as the JSON the twin API serves (its
/// <c>$etag</c> and <c>$metadata</c> included), with what the graph needs to find it without
/// reading the JSON: its ETag, its source (the twin, or the relationship's source twin), and for
/// a relationship its id, name and target; for a twin its area (by which area-scoped keys see it). A twin's <see cref="Key"/> is its id; a relationship's
/// is <see cref="RelationshipKey"/>: the source and relationship ids joined by a unit separator, which no id holds.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ut.GraphEntry")]
public sealed record GraphEntry(string Key, string ETag, string SourceId, string? RelationshipId, string? Name, string? TargetId, string Json, string? AreaCode)
{
    public bool IsRelationship => RelationshipId is not null;

    private const char Separator = '\u001f';

    public static string RelationshipKey(string sourceId, string relationshipId) => sourceId + Separator + relationshipId;

    /// <summary>Whether a key names a relationship (not a twin).</summary>
    public static bool IsRelationshipKey(string key) => key.Contains(Separator, StringComparison.Ordinal);

    /// <summary>The twin a key names, or the source twin of the relationship it names (the twin whose shard holds it).</summary>
    public static string SourceOf(string key) => key.IndexOf(Separator, StringComparison.Ordinal) is var at and >= 0 ? key[..at] : key;
}
