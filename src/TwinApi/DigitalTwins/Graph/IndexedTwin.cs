using System.Text.Json.Nodes;

namespace UrbanTwin.TwinApi.DigitalTwins.Graph;

/// <summary>
/// A twin as the query engine sees it: its id, model, area (by which area-scoped keys see it),
/// whole document (never changed once built: a change makes a new one) and ETag.
/// </summary>
public sealed record IndexedTwin(string Id, string ModelId, string? AreaCode, JsonObject Document, string ETag, bool IsAsset)
{
    public static IndexedTwin FromDocument(JsonObject document, bool isAsset)
    {
        var metadata = document["$metadata"] as JsonObject;
        return new IndexedTwin(
            (string)document["$dtId"]!,
            (string)metadata!["$model"]!,
            document["areaCode"] is JsonValue area && area.TryGetValue<string>(out var code) ? code : null,
            document,
            (string)document["$etag"]!,
            isAsset);
    }
}
