namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary><c>JOIN {Alias} RELATED {Source}.{Relationship} [{RelationshipAlias}]</c>.</summary>
public sealed record QueryJoin(string Alias, string Source, string Relationship, string? RelationshipAlias);
