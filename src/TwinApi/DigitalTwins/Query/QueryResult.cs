using System.Text.Json.Nodes;

namespace UrbanTwin.TwinApi.DigitalTwins.Query;

/// <summary>A page of a query's rows, whether more follow, and how many twins and relationships the query looked at.</summary>
public sealed record QueryResult(IReadOnlyList<JsonNode?> Rows, bool More, int Examined);
