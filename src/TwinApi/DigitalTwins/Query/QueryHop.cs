namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>One hop of a MATCH: its relationship alias, the names it may have (any when empty), and its direction.</summary>
public sealed record QueryHop(string? Alias, IReadOnlyList<string> Names, QueryDirection Direction);
