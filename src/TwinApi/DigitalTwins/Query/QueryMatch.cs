namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>A MATCH pattern: twins and, between each two, one relationship hop.</summary>
public sealed record QueryMatch(IReadOnlyList<string> Nodes, IReadOnlyList<QueryHop> Hops);
