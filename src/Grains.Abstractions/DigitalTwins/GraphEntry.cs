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

    public static string RelationshipKey(string sourceId, string relationshipId) => sourceId + "\u001f" + relationshipId;
}
