using System.Text.Json.Nodes;

namespace UrbanTwin.TwinApi.DigitalTwins.Models;

/// <summary>A model as the twin API lists it: its definition, when it was uploaded, whether it is decommissioned, and whether it is one of the product's own.</summary>
public sealed record ModelEntry(ResolvedModel Model, JsonObject Definition, DateTimeOffset UploadTime, bool Decommissioned, bool Shipped)
{
    public string Id => Model.Id;
}
