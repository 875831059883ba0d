using System.Text.Json.Nodes;

namespace UrbanTwin.TwinApi.DigitalTwins.Graph;

/// <summary>A relationship as the query engine sees it: ends, name and whole document.</summary>
public sealed record IndexedRelationship(string Key, string Id, string SourceId, string TargetId, string Name, JsonObject Document, string ETag);
