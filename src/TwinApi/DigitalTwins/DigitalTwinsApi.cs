using Microsoft.OpenApi;
using UrbanTwin.ServiceDefaults;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.DigitalTwins.Graph;
using UrbanTwin.TwinApi.DigitalTwins.Http;
using UrbanTwin.TwinApi.DigitalTwins.Models;
using UrbanTwin.TwinApi.DigitalTwins.Query;
using UrbanTwin.TwinApi.DigitalTwins.Twins;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.DigitalTwins;

/// <summary>
/// The Azure-Digital-Twins-compatible twin API (docs/adt.md): DTDL models, digital twins (the
/// assets' grains and the twins stored in the graph), relationships, components and queries, on
/// the data plane's own routes, with the same API keys, roles and area scopes as the rest of the API.
/// </summary>
public static class DigitalTwinsApi
{
    private static readonly string[] Roots = ["/models", "/digitaltwins", "/query", "/eventroutes", "/jobs"];

    public static IServiceCollection AddDigitalTwins(this IServiceCollection services)
    {
        // Before the problem details writer, so the twin API's routes answer in their own error shape.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, AdtErrorWriter>());
        services.AddSingleton(_ => new ShippedModels());
        services.AddSingleton<ModelCatalog>();
        services.AddValidatedOptions<DigitalTwinsOptions>(DigitalTwinsOptions.Section);
        services.AddSingleton<TwinGraphIndex>();
        services.AddHostedService<TwinGraphSync>();
        services.AddSingleton<AssetTwinSet>();
        services.AddSingleton<DigitalTwinService>();
        services.AddSingleton<AssetTwinPatch>();
        services.AddSingleton<TwinPatcher>();
        services.AddSingleton<RelationshipService>();
        services.AddSingleton<QueryEngine>();
        return services;
    }

    /// <summary>Whether the request is for the twin API (whose errors take its own shape): under its routes, except the anonymous DTDL download.</summary>
    public static bool IsTwinApiPath(HttpRequest request) =>
        Array.Exists(Roots, root => request.Path.StartsWithSegments(root, StringComparison.OrdinalIgnoreCase))
        && !(request.Path.Equals("/models", StringComparison.OrdinalIgnoreCase) && !request.Query.ContainsKey(ApiVersions.Parameter));

    public static IEndpointRouteBuilder MapDigitalTwinsApi(this IEndpointRouteBuilder app)
    {
        const string NotFound = "DigitalTwinNotFound";
        app.MapGet("/models", ModelsEndpoints.List).AllowAnonymous()
            .Adt("listModels", "List the models, or get the product's DTDL", "Without an api-version: the product's own DTDL models, a JSON array of Interfaces, to anyone. With one: the models the node knows (the product's and those uploaded), in pages of at most 100, optionally only those `dependenciesFor` needs, with their definitions (`includeModelDefinition=true`); needs an `admin` or `operator` key.", (200, "The DTDL Interfaces, or a page of models.", null), (401, ["Unauthorized"]), (403, ["Forbidden"]), (404, ["ModelNotFound"]))
            .Responds(200, "Without an api-version, the DTDL Interfaces; with one, a page of models.", ("application/json", () => new OpenApiSchema { OneOf = [ApiSchemas.Array(ApiSchemas.Ref(AdtSchemas.Model)), ApiSchemas.Ref(AdtSchemas.ModelPage)] }))
            .Parameters(AdtDocs.ApiVersion.Describe("The data-plane version; leave it out for the product's DTDL.") with { Required = false }, new ParameterDoc("dependenciesFor", "Only these models (comma-separated DTMIs) and what they extend or contain.", () => ApiSchemas.String()), new ParameterDoc("includeModelDefinition", "Include each model's DTDL.", () => ApiSchemas.Boolean()), AdtDocs.ContinuationToken, AdtDocs.PageSize);

        var read = app.MapGroup("").AddEndpointFilter<ApiVersions>().RequireAuthorization(AccessPolicies.Read);
        var write = app.MapGroup("").AddEndpointFilter<ApiVersions>().RequireAuthorization(AccessPolicies.Manage);

        write.MapPost("/models", ModelsEndpoints.Upload)
            .Adt("createModels", "Upload models", "Checks the DTDL Interfaces (docs/adt.md lists the rules) and stores all of them or none, at most 250.", (201, "The models stored.", null), (400, ["DTDLParserError", "InvalidArgument"]), (409, ["ModelIdAlreadyExists"]))
            .Responds(201, "The models stored.", ("application/json", () => ApiSchemas.Array(ApiSchemas.Ref(AdtSchemas.ModelData))))
            .Reads("The DTDL Interfaces.", ("application/json", () => ApiSchemas.Array(ApiSchemas.Ref(AdtSchemas.Model))))
            .Parameters(AdtDocs.ApiVersion);
        read.MapGet("/models/{id}", ModelsEndpoints.Get)
            .Adt("getModel", "Get a model", "The model, with its DTDL when `includeModelDefinition=true`.", (200, "The model.", AdtSchemas.ModelData), (404, ["ModelNotFound"]))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.ModelId, new ParameterDoc("includeModelDefinition", "Include the model's DTDL.", () => ApiSchemas.Boolean()));
        write.MapPatch("/models/{id}", ModelsEndpoints.Decommission)
            .Adt("decommissionModel", "Decommission a model", "No new twin may use it; its twins stay. The product's own models cannot be decommissioned.", (204, "Decommissioned.", null), (400, ["JsonPatchInvalid", "OperationNotAllowed", "InvalidArgument"]), (404, ["ModelNotFound"]))
            .Reads("`[{\"op\":\"replace\",\"path\":\"/decommissioned\",\"value\":true}]`", ("application/json-patch+json", () => ApiSchemas.Ref(AdtSchemas.Patch)))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.ModelId);
        write.MapDelete("/models/{id}", ModelsEndpoints.Delete)
            .Adt("deleteModel", "Delete a model", "Unless another model extends, contains or targets it; the product's own models cannot be deleted.", (204, "Deleted.", null), (400, ["OperationNotAllowed"]), (404, ["ModelNotFound"]), (409, ["ModelReferencesNotDeleted"]))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.ModelId);

        read.MapGet("/digitaltwins/{id}", TwinsEndpoints.Get)
            .Adt("getDigitalTwin", "Get a twin", "A stored twin, or an asset's twin as its grain holds it now; the `ETag` header is its `$etag`.", (200, "The twin.", AdtSchemas.Twin), (404, [NotFound]))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId);
        write.MapPut("/digitaltwins/{id}", TwinsEndpoints.Put)
            .Adt("upsertDigitalTwin", "Create or replace a twin", "Checked against its model (`$metadata.$model`). Assets' twins are made by registering assets.", (200, "The twin stored.", AdtSchemas.Twin), (400, ["ValidationFailed", "InvalidArgument", "ModelDecommissioned", "OperationNotAllowed"]), (412, ["PreconditionFailed"]))
            .Reads("The twin: `$metadata.$model`, properties and components.", ("application/json", () => ApiSchemas.Ref(AdtSchemas.Twin)))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, AdtDocs.IfNoneMatch);
        write.MapPatch("/digitaltwins/{id}", TwinsEndpoints.Patch)
            .Adt("updateDigitalTwin", "Patch a twin", "A JSON Patch of its properties and components (of an asset's twin: a junction's `priorityPolicy` only).", (204, "Patched; the `ETag` header is the new one.", null), (400, ["JsonPatchInvalid", "ValidationFailed", "InvalidArgument"]), (404, [NotFound]), (412, ["PreconditionFailed"]))
            .Reads("The JSON Patch.", ("application/json-patch+json", () => ApiSchemas.Ref(AdtSchemas.Patch)))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, AdtDocs.IfMatch);
        write.MapDelete("/digitaltwins/{id}", TwinsEndpoints.Delete)
            .Adt("deleteDigitalTwin", "Delete a twin", "A stored twin without relationships; assets are decommissioned through the fleet API.", (204, "Deleted.", null), (400, ["RelationshipsNotDeleted", "OperationNotAllowed", "InvalidArgument"]), (404, [NotFound]), (412, ["PreconditionFailed"]))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, AdtDocs.IfMatch);
        read.MapGet("/digitaltwins/{id}/components/{component}", TwinsEndpoints.GetComponent)
            .Adt("getComponent", "Get a component", "The component, with the twin's ETag.", (200, "The component.", AdtSchemas.Component), (404, [NotFound, "ComponentNotFound"]))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, AdtDocs.ComponentName);
        write.MapPatch("/digitaltwins/{id}/components/{component}", TwinsEndpoints.PatchComponent)
            .Adt("updateComponent", "Patch a component", "A JSON Patch of the component's properties.", (204, "Patched; the `ETag` header is the twin's new one.", null), (400, ["JsonPatchInvalid", "ValidationFailed", "InvalidArgument"]), (404, [NotFound, "ComponentNotFound"]), (412, ["PreconditionFailed"]))
            .Reads("The JSON Patch.", ("application/json-patch+json", () => ApiSchemas.Ref(AdtSchemas.Patch)))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, AdtDocs.ComponentName, AdtDocs.IfMatch);
        write.MapPost("/digitaltwins/{id}/telemetry", TwinsEndpoints.Telemetry)
            .Adt("publishTelemetry", "Publish telemetry to a twin", "Accepted for a twin the key sees; this node routes no events, so it goes no further.", (204, "Accepted.", null), (400, ["InvalidArgument"]), (404, [NotFound]))
            .Reads("Any JSON.", ("application/json", () => new OpenApiSchema()))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId);
        write.MapPost("/digitaltwins/{id}/components/{component}/telemetry", TwinsEndpoints.ComponentTelemetry)
            .Adt("publishComponentTelemetry", "Publish telemetry to a component", "As a twin's telemetry.", (204, "Accepted.", null), (400, ["InvalidArgument"]), (404, [NotFound]))
            .Reads("Any JSON.", ("application/json", () => new OpenApiSchema()))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, AdtDocs.ComponentName);

        read.MapGet("/digitaltwins/{id}/relationships", RelationshipsEndpoints.List)
            .Adt("listRelationships", "List a twin's relationships", "Those whose target the key sees too, optionally of one `relationshipName`, in pages of at most 100.", (200, "A page of relationships.", AdtSchemas.RelationshipPage), (404, [NotFound]))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, new ParameterDoc("relationshipName", "Only relationships of this name.", () => ApiSchemas.String()), AdtDocs.ContinuationToken, AdtDocs.PageSize);
        read.MapGet("/digitaltwins/{id}/incomingrelationships", RelationshipsEndpoints.Incoming)
            .Adt("listIncomingRelationships", "List the relationships to a twin", "Those whose source the key sees too, in pages of at most 100.", (200, "A page of incoming relationships.", AdtSchemas.IncomingPage), (404, [NotFound]))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, AdtDocs.ContinuationToken, AdtDocs.PageSize);
        read.MapGet("/digitaltwins/{id}/relationships/{relationshipId}", RelationshipsEndpoints.Get)
            .Adt("getRelationship", "Get a relationship", "With its ETag.", (200, "The relationship.", AdtSchemas.Relationship), (404, ["RelationshipNotFound"]))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, AdtDocs.RelationshipId);
        write.MapPut("/digitaltwins/{id}/relationships/{relationshipId}", RelationshipsEndpoints.Put)
            .Adt("upsertRelationship", "Create or replace a relationship", "Declared by the source's model: its name, its target's model, at most its `maxMultiplicity`.", (200, "The relationship stored.", AdtSchemas.Relationship), (400, ["ValidationFailed", "InvalidArgument", "OperationNotAllowed"]), (404, [NotFound, "TargetTwinNotFound"]), (412, ["PreconditionFailed"]))
            .Reads("`$targetId`, `$relationshipName` and properties.", ("application/json", () => ApiSchemas.Ref(AdtSchemas.Relationship)))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, AdtDocs.RelationshipId, AdtDocs.IfNoneMatch);
        write.MapPatch("/digitaltwins/{id}/relationships/{relationshipId}", RelationshipsEndpoints.Patch)
            .Adt("updateRelationship", "Patch a relationship", "A JSON Patch of its properties.", (204, "Patched; the `ETag` header is the new one.", null), (400, ["JsonPatchInvalid", "InvalidArgument"]), (404, ["RelationshipNotFound"]), (412, ["PreconditionFailed"]))
            .Reads("The JSON Patch.", ("application/json-patch+json", () => ApiSchemas.Ref(AdtSchemas.Patch)))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, AdtDocs.RelationshipId, AdtDocs.IfMatch);
        write.MapDelete("/digitaltwins/{id}/relationships/{relationshipId}", RelationshipsEndpoints.Delete)
            .Adt("deleteRelationship", "Delete a relationship", "If the key sees both its twins.", (204, "Deleted.", null), (400, ["InvalidArgument"]), (404, ["RelationshipNotFound"]), (412, ["PreconditionFailed"]))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.TwinId, AdtDocs.RelationshipId, AdtDocs.IfMatch);

        read.MapPost("/query", QueryEndpoint.Query)
            .Adt("queryTwins", "Query the twin graph", "The query language subset of docs/adt.md, over the twins the key sees; pages of at most 1,000 rows, the next asked for with the `continuationToken`. The `query-charge` header gives the cost in query units.", (200, "A page of rows.", AdtSchemas.QueryResult), (400, ["SqlQueryError", "BadRequest", "InvalidArgument"]))
            .Reads("`{\"query\": \"SELECT ...\"}`, or `{\"continuationToken\": \"...\"}` for the next page.", ("application/json", () => ApiSchemas.Object(null, ("query", ApiSchemas.String()), ("continuationToken", ApiSchemas.String()))))
            .Parameters(AdtDocs.ApiVersion, AdtDocs.PageSize);
        return app;
    }
}
