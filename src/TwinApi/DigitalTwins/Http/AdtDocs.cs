using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>How each twin API route describes itself in the OpenAPI document (see <see cref="AdtSchemas"/>).</summary>
public static class AdtDocs
{
    public static readonly ParameterDoc ApiVersion = new(
        ApiVersions.Parameter,
        "The Azure Digital Twins data-plane version: 2020-10-31, 2022-05-31, 2023-06-30 or 2023-10-31.",
        () => ApiSchemas.Enum(null, [.. ApiVersions.Supported]),
        Required: true,
        Example: "2022-05-31");

    public static readonly ParameterDoc TwinId = new("id", "The twin's id.", () => ApiSchemas.String(), Example: "camden-market", In: ParameterLocation.Path);

    public static readonly ParameterDoc ModelId = new("id", "The model's DTMI.", () => ApiSchemas.String(), Example: "dtmi:urbantwin:place:Site;1", In: ParameterLocation.Path);

    public static readonly ParameterDoc RelationshipId = new("relationshipId", "The relationship's id.", () => ApiSchemas.String(), Example: "part-of-camden", In: ParameterLocation.Path);

    public static readonly ParameterDoc ComponentName = new("component", "The component's name.", () => ApiSchemas.String(), Example: "priorityPolicy", In: ParameterLocation.Path);

    public static readonly ParameterDoc IfMatch = new("If-Match", "Only if the twin (or relationship) still has this ETag, or `*`.", () => ApiSchemas.String(), In: ParameterLocation.Header);

    public static readonly ParameterDoc IfNoneMatch = new("If-None-Match", "`*`: only if it does not exist yet.", () => ApiSchemas.Enum(null, "*"), In: ParameterLocation.Header);

    public static readonly ParameterDoc PageSize = new("max-items-per-page", "The most items a page may hold (at most the route's own cap).", () => ApiSchemas.Integer(minimum: 1), In: ParameterLocation.Header);

    public static readonly ParameterDoc ContinuationToken = new("continuationToken", "Where the page starts: set by the previous page's next link.", () => ApiSchemas.String());

    /// <summary>Names and describes a route, its success answer and the error codes it answers with besides api-version, access and availability.</summary>
    public static RouteHandlerBuilder Adt(
        this RouteHandlerBuilder builder,
        string operationId,
        string summary,
        string description,
        (int Status, string Description, string? Schema) success,
        params (int Status, string[] Codes)[] errors)
    {
        var codes = new Dictionary<int, string[]> { [400] = ["MissingApiVersionParameter", "UnsupportedApiVersion"] };
        foreach (var (status, list) in errors)
        {
            codes[status] = codes.TryGetValue(status, out var known) ? [.. known, .. list] : list;
        }

        builder.Documented(operationId, summary, description).WithTags(AdtSchemas.Tag).WithMetadata(new AdtOperation(codes));
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (success.Status != 200)
            {
                operation.Responses?.Remove("200");
            }

            return Task.CompletedTask;
        });
        return success.Schema is { } schema
            ? builder.Responds(success.Status, success.Description, ("application/json", () => ApiSchemas.Ref(schema)))
            : builder.Responds(success.Status, success.Description);
    }
}
