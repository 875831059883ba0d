using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using UrbanTwin.TwinApi.Reference;
using static UrbanTwin.TwinApi.Reference.ApiSchemas;

namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>
/// The twin API in the OpenAPI document: its tag and the schemas of what it reads and writes
/// (twins, relationships, models, pages, queries and its error shape). Twins and relationships
/// carry their models' properties, which no fixed schema can list: their schemas name the
/// envelope and leave the rest open.
/// </summary>
internal sealed class AdtSchemas : IOpenApiDocumentTransformer
{
    public const string Tag = "Digital twins (ADT)";
    public const string Error = "AdtError";
    public const string Twin = "DigitalTwin";
    public const string Component = "DigitalTwinComponent";
    public const string Relationship = "DigitalTwinRelationship";
    public const string Model = "DtdlInterface";
    public const string ModelData = "ModelData";
    public const string ModelPage = "ModelDataPage";
    public const string RelationshipPage = "RelationshipPage";
    public const string IncomingPage = "IncomingRelationshipPage";
    public const string QueryResult = "QueryResult";
    public const string Patch = "JsonPatch";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag
        {
            Name = Tag,
            Description = "The Azure Digital Twins data-plane API (api-versions 2020-10-31 to 2023-10-31) over the twin graph: DTDL models, the assets' twins and stored twins, relationships, components and queries. Errors here are `{\"error\":{\"code\",\"message\"}}`, as the service's (docs/adt.md).",
        });
        var schemas = document.Components!.Schemas!;
        schemas[Error] = ApiSchemas.Object("An error as Azure Digital Twins answers it; the code is also in the `x-ms-error-code` header.", ("*error", ApiSchemas.Object(null, ("*code", String("The error code (`DigitalTwinNotFound`, `ValidationFailed`, `SqlQueryError`, …).")), ("*message", String()))));
        schemas[Twin] = Open(
            "A digital twin: `$dtId`, `$etag`, its model's properties and components, and `$metadata` (its `$model`, `$lastUpdateTime` and each property's `lastUpdateTime`).",
            ("*$dtId", String()),
            ("*$etag", String("A weak ETag, `W/\"…\"`.")),
            ("*$metadata", Open(null, ("*$model", String("The DTMI of the twin's model.")), ("$lastUpdateTime", String(format: "date-time")))));
        schemas[Component] = Open("A component of a twin: its properties and its `$metadata`.", ("$metadata", Open(null)));
        schemas[Relationship] = Open(
            "A relationship: its id, ETag, source and target twins and name, and its properties.",
            ("*$relationshipId", String()),
            ("*$etag", String()),
            ("*$sourceId", String()),
            ("*$targetId", String()),
            ("*$relationshipName", String()));
        schemas[Model] = Open("A DTDL Interface (DTDL v3, or v2).", ("*@id", String("Its DTMI.")), ("*@type", String()), ("*@context", new OpenApiSchema { Description = "The DTDL context, or a list starting with it." }));
        schemas[ModelData] = ApiSchemas.Object(
            "A model as the model store lists it.",
            ("*id", String()),
            ("*displayName", Map(String(), "By language code.")),
            ("*description", Map(String(), "By language code.")),
            ("*uploadTime", String("When it was uploaded (the product's own: when the node started).")),
            ("*decommissioned", Boolean()),
            ("model", Ref(Model)));
        schemas[ModelPage] = PageOf(Ref(ModelData));
        schemas[RelationshipPage] = PageOf(Ref(Relationship));
        schemas[IncomingPage] = PageOf(ApiSchemas.Object(null, ("*$relationshipId", String()), ("*$sourceId", String()), ("*$relationshipName", String()), ("*$relationshipLink", String())));
        schemas[QueryResult] = ApiSchemas.Object(
            "A page of a query's rows (twins, relationships, or objects of the projected columns).",
            ("*value", Array(Open(null))),
            ("*continuationToken", Nullable(String("Send it with the next request for the next page; null on the last page."))));
        schemas[Patch] = Array(ApiSchemas.Object(
            "A JSON Patch operation (RFC 6902): add, replace or remove.",
            ("*op", ApiSchemas.Enum(null, "add", "replace", "remove")),
            ("*path", String("A JSON Pointer.")),
            ("value", new OpenApiSchema { Description = "The value, for add and replace." })));
        return Task.CompletedTask;
    }

    /// <summary>An object with these properties and any others.</summary>
    private static OpenApiSchema Open(string? description, params (string Name, IOpenApiSchema Schema)[] properties)
    {
        var schema = ApiSchemas.Object(description, properties);
        schema.AdditionalProperties = new OpenApiSchema();
        return schema;
    }

    private static OpenApiSchema PageOf(IOpenApiSchema item) => ApiSchemas.Object(
        "A page of a list, and the absolute link to the next page (null on the last).",
        ("*value", Array(item)),
        ("*nextLink", Nullable(String(format: "uri"))));

    private static OpenApiSchema Nullable(OpenApiSchema schema)
    {
        schema.Type |= JsonSchemaType.Null;
        return schema;
    }

    /// <summary>An example error body.</summary>
    public static JsonObject Example(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
}
