namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>
/// A parsed query: what it selects, what it reads (<c>FROM DIGITALTWINS</c> or <c>FROM
/// RELATIONSHIPS</c>, with an optional alias), its JOINs or its MATCH pattern, and its WHERE.
/// </summary>
public sealed record TwinQuery(
    QuerySelect Select,
    bool FromRelationships,
    string? Alias,
    IReadOnlyList<QueryJoin> Joins,
    QueryMatch? Match,
    QueryExpression? Where)
{
    /// <summary>The alias of the twins or relationships the query reads first: its FROM alias, or a MATCH's first twin.</summary>
    public string? RootAlias => Match?.Nodes[0] ?? Alias;
}
