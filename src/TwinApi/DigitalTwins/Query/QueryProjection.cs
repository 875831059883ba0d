namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>One projected column: an alias (the twin or relationship itself) or a property path, under <see cref="Name"/>.</summary>
public sealed record QueryProjection(QueryExpression.Path Path, string Name);
