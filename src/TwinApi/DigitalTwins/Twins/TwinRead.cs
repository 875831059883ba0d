using System.Text.Json.Nodes;
using UrbanTwin.TwinApi.DigitalTwins.Http;

namespace UrbanTwin.TwinApi.DigitalTwins.Twins;

/// <summary>
/// A twin as read for one request: a stored twin's JSON as stored (or its document as this node's
/// index holds it), or an asset's document built from its grain.
/// </summary>
public sealed class TwinRead(string id, string etag, string? areaCode, string? json, JsonObject? document, bool isAsset)
{
    private JsonObject? _document = document;

    public string Id { get; } = id;

    public string ETag { get; } = etag;

    public string? AreaCode { get; } = areaCode;

    /// <summary>An asset's twin (its grain's state), not a stored one.</summary>
    public bool IsAsset { get; } = isAsset;

    /// <summary>The twin as JSON text.</summary>
    public string Json => json ?? _document!.ToJsonString(AdtJson.Options);

    /// <summary>The twin as a document (parsed once; do not change it: <see cref="JsonNode.DeepClone"/> it first).</summary>
    public JsonObject Document => _document ??= (JsonObject)JsonNode.Parse(json!)!;

    public string ModelId => (string)Document["$metadata"]!["$model"]!;
}
