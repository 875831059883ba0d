using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace UrbanTwin.TwinApi.Reference;

/// <summary>
/// The document as a whole: the product's title and introduction, the groups of operations with
/// what each is for, the hand-written schemas, and properties that the API leaves out when they
/// have no value (it writes no JSON nulls) declared optional rather than required.
/// </summary>
internal sealed class ApiDocument : IOpenApiDocumentTransformer
{
    public const string Title = "UrbanTwin API";

    public static readonly (string Name, string Description)[] Tags =
    [
        (ApiTags.Fleet, "Register, change and decommission the city's street assets and their devices; import many at once; issue a device a new secret."),
        (ApiTags.Twins, "The live twin of each asset: its latest readings, online state, derived status and active alerts."),
        (ApiTags.Map, "Find assets by place: in a box, around a point, the nearest, inside a drawn shape or a named area. Pages of up to 1,000, in a stable order."),
        (ApiTags.Areas, "The named areas (London's boroughs by default) assets are grouped by, and how each area's assets are now."),
        (ApiTags.History, "Readings over time, per asset or over an area's assets, raw or per window."),
        (ApiTags.Alerts, "Alerts raised and cleared by the twins, and a live feed of the twins' changes (server-sent events)."),
        (ApiTags.Sessions, "Browser sessions: a dashboard exchanges its API key for a short-lived HttpOnly cookie, so the key never goes into a URL and a browser's EventSource can follow the live feed."),
        (ApiTags.Keys, "API keys: who may call this API, with which role and over which areas. Admins only."),
        (ApiTags.Audit, "Every change made through this API: who, what, when. Admins only."),
        (ApiTags.OpenData, "Non-personal readings for anyone to republish, under the open licence: no key needed, rate limited per address."),
        (ApiTags.Health, "Whether the node is alive and ready, for load balancers and orchestrators: no key needed."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = Title,
            Version = "v1",
            Description = """
                The HTTP API of an UrbanTwin node: the fleet of street assets and their devices, each
                asset's live twin, the map, areas, history, alerts and a live feed, access keys and the
                audit log, and the open data anyone may republish.

                Every `/api` route needs an API key (`Authorization: Bearer <key>`); open data is
                anonymous. Coordinates are WGS84 longitude/latitude in degrees, times RFC 3339 in UTC,
                kinds kebab-case (`air-quality`, `footfall`, `bus-priority`). Errors are problem details
                (RFC 9457) whose `type` names the problem. A property without a value is left out,
                never written as `null`.

                Devices do not use this API: they speak MQTT (see the firmware contract).
                """,
        };

        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, schema) in ApiSchemas.Components())
        {
            document.Components.Schemas[name] = schema;
        }

        AddHealth(document);
        var requests = RequestSchemas(document);
        foreach (var (name, schema) in document.Components.Schemas)
        {
            if (schema is OpenApiSchema concrete)
            {
                OptionalWhenEmpty(concrete, dropNull: !requests.Contains(name));
            }
        }

        RequestShapes(document.Components.Schemas);
        return Task.CompletedTask;
    }

    /// <summary>The health routes are health-check endpoints, which the framework leaves out of the document.</summary>
    private static void AddHealth(OpenApiDocument document)
    {
        document.Components!.Schemas!["HealthReport"] = ApiSchemas.Object(
            "The node's health and, for readiness, each check's.",
            ("*status", HealthStatus()),
            ("*checks", ApiSchemas.Map(ApiSchemas.Object(
                null,
                ("*status", HealthStatus()),
                ("description", new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "Why, when the check is not healthy." })))));
        document.Paths ??= [];
        document.Paths["/health"] = HealthPath(
            "getReadiness",
            "Is the node ready",
            "Every check: `silo` answers, `storage` takes a write, `broker` listens or is connected to mosquitto, `time-series` store answers, `journal` hands readings on. `Degraded` (InfluxDB away while readings are spooled, say) is still `200`.",
            "Ready (`Healthy` or `Degraded`).",
            "Not ready: a check failed (`Unhealthy`).",
            document);
        document.Paths["/health/live"] = HealthPath(
            "getLiveness",
            "Is the process alive",
            "Answers as soon as the process serves HTTP; checks nothing (`checks` is empty).",
            "Alive.",
            null,
            document);
    }

    private static OpenApiPathItem HealthPath(string id, string summary, string description, string ok, string? unavailable, OpenApiDocument document)
    {
        var responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse { Description = ok, Content = HealthContent() },
        };
        if (unavailable is not null)
        {
            responses["503"] = new OpenApiResponse { Description = unavailable, Content = HealthContent() };
        }

        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new OpenApiOperation
                {
                    OperationId = id,
                    Summary = summary,
                    Description = description,
                    Tags = new HashSet<OpenApiTagReference> { new(ApiTags.Health, document) },
                    Security = [],
                    Responses = responses,
                },
            },
        };
    }

    private static Dictionary<string, OpenApiMediaType> HealthContent() =>
        new() { ["application/json"] = new OpenApiMediaType { Schema = ApiSchemas.Ref("HealthReport") } };

    private static OpenApiSchema HealthStatus() => ApiSchemas.Enum(null, "Healthy", "Degraded", "Unhealthy");

    /// <summary>
    /// What a request must hold and may say. The request types take every property as optional so
    /// that what is missing gets a precise problem rather than a binding failure; the document
    /// says what a valid request is.
    /// </summary>
    private static void RequestShapes(IDictionary<string, IOpenApiSchema> schemas)
    {
        Require(schemas, "AssetRequest", "name", "location");
        Require(schemas, "AssetLocation", "lon", "lat");
        Require(schemas, "ApiKeyRequest", "name", "role");
        Require(schemas, "AddAreaRequest", "id", "name", "geometry");
        Property(schemas, "AssetRequest", "kind", ApiSchemas.Ref("DeviceKind"));
        Property(schemas, "ApiKeyRequest", "role", ApiSchemas.Enum("`admin` (everything), `operator` (reads, manages assets; optionally limited to `areas`) or `monitor` (the metrics only).", "admin", "operator", "monitor"));
        Property(schemas, "AddAreaRequest", "geometry", ApiSchemas.Ref(ApiSchemas.AreaGeometry));
        schemas.Remove("JsonElement");
    }

    private static void Require(IDictionary<string, IOpenApiSchema> schemas, string name, params string[] properties)
    {
        if (schemas.TryGetValue(name, out var schema) && schema is OpenApiSchema concrete)
        {
            concrete.Required = properties.ToHashSet();
        }
    }

    private static void Property(IDictionary<string, IOpenApiSchema> schemas, string name, string property, IOpenApiSchema value)
    {
        if (schemas.TryGetValue(name, out var schema) && schema is OpenApiSchema { Properties: { } properties } && properties.ContainsKey(property))
        {
            properties[property] = value;
        }
    }

    /// <summary>
    /// The API writes no nulls: a property that may have no value is optional. In what the API
    /// answers it is never <c>null</c>; in what it reads, <c>null</c> means "not given".
    /// </summary>
    private static void OptionalWhenEmpty(OpenApiSchema schema, bool dropNull)
    {
        if (schema.Properties is null)
        {
            return;
        }

        foreach (var (name, property) in schema.Properties.ToList())
        {
            if (property is not OpenApiSchema value)
            {
                continue;
            }

            if (value.Type is { } type && type.HasFlag(JsonSchemaType.Null) && type != JsonSchemaType.Null)
            {
                schema.Required?.Remove(name);
                if (dropNull)
                {
                    value.Type = type & ~JsonSchemaType.Null;
                }
            }
            else if (value.OneOf is { Count: 2 } choices && choices.FirstOrDefault(IsNull) is { } nullChoice)
            {
                schema.Required?.Remove(name);
                if (dropNull)
                {
                    schema.Properties[name] = choices.First(c => c != nullChoice);
                }
            }
        }
    }

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };

    /// <summary>The component schemas a request body refers to, directly or through others.</summary>
    private static HashSet<string> RequestSchemas(OpenApiDocument document)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>();
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                if (media.Schema is { } schema)
                {
                    pending.Push(schema);
                }
            }
        }

        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference reference)
            {
                if (reference.Reference.Id is { } id && found.Add(id) && document.Components?.Schemas?.TryGetValue(id, out var target) == true)
                {
                    pending.Push(target);
                }

                continue;
            }

            foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []))
            {
                pending.Push(child);
            }

            if (schema.Items is { } items)
            {
                pending.Push(items);
            }

            if (schema.AdditionalProperties is { } additional)
            {
                pending.Push(additional);
            }
        }

        return found;
    }
}

/// <summary>The groups of operations, named for what people do with them.</summary>
public static class ApiTags
{
    public const string Fleet = "Fleet";
    public const string Twins = "Twins";
    public const string Map = "Map";
    public const string Areas = "Areas";
    public const string History = "History";
    public const string Alerts = "Alerts and live feed";
    public const string Sessions = "Browser sessions";
    public const string Keys = "API keys";
    public const string Audit = "Audit log";
    public const string OpenData = "Open data";
    public const string Health = "Health";
}
