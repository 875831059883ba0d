using System.Security.Claims;
using System.Text.Json.Nodes;
using UrbanTwin.TwinApi.DigitalTwins.Twins;

namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary><c>/digitaltwins/{id}/relationships</c> and <c>/incomingrelationships</c>: create or replace, get, patch, delete, list.</summary>
public static class RelationshipsEndpoints
{
    /// <summary>The most relationships one page lists.</summary>
    public const int PageCap = 100;

    public static async Task<IResult> Put(string id, string relationshipId, HttpRequest request, RelationshipService relationships, ClaimsPrincipal user)
    {
        var (ifNoneMatch, badHeader) = AdtRequest.IfNoneMatch(request);
        var (body, badBody) = badHeader is null ? await AdtRequest.BodyAsync(request) : (null, null);
        if ((badHeader ?? badBody) is { } error)
        {
            return error;
        }

        var (relationship, problem) = await relationships.PutAsync(id, relationshipId, body, ifNoneMatch, TwinScope.Of(user));
        return problem ?? AdtResults.Json(relationship!.ToJsonString(AdtJson.Options), (string)relationship["$etag"]!);
    }

    public static async Task<IResult> Get(string id, string relationshipId, RelationshipService relationships, ClaimsPrincipal user) =>
        await relationships.ReadAsync(id, relationshipId, TwinScope.Of(user)) is { } relationship
            ? AdtResults.Json(relationship.Document.ToJsonString(AdtJson.Options), relationship.ETag)
            : AdtErrors.RelationshipNotFound(id, relationshipId);

    public static async Task<IResult> Patch(string id, string relationshipId, HttpRequest request, RelationshipService relationships, ClaimsPrincipal user)
    {
        var (ifMatch, badHeader) = AdtRequest.IfMatch(request);
        var (body, badBody) = badHeader is null ? await AdtRequest.BodyAsync(request) : (null, null);
        if ((badHeader ?? badBody) is { } error)
        {
            return error;
        }

        var (etag, problem) = await relationships.PatchAsync(id, relationshipId, body, ifMatch, TwinScope.Of(user));
        return problem ?? AdtResults.NoContent(etag);
    }

    public static async Task<IResult> Delete(string id, string relationshipId, HttpRequest request, RelationshipService relationships, ClaimsPrincipal user)
    {
        var (ifMatch, badHeader) = AdtRequest.IfMatch(request);
        return badHeader ?? await relationships.DeleteAsync(id, relationshipId, ifMatch, TwinScope.Of(user)) ?? AdtResults.NoContent();
    }

    public static async Task<IResult> List(string id, HttpRequest request, RelationshipService relationships, ClaimsPrincipal user)
    {
        var name = request.Query["relationshipName"].ToString();
        var found = await relationships.ListAsync(id, name.Length == 0 ? null : name, TwinScope.Of(user));
        return found is null ? AdtErrors.TwinNotFound(id) : Page(request, found.Select(r => (JsonNode?)r.Document).ToList());
    }

    public static async Task<IResult> Incoming(string id, HttpRequest request, RelationshipService relationships, ClaimsPrincipal user)
    {
        var found = await relationships.IncomingAsync(id, TwinScope.Of(user));
        return found is null ? AdtErrors.TwinNotFound(id) : Page(request, found.Select(r => (JsonNode?)new JsonObject
        {
            ["$relationshipId"] = r.Id,
            ["$sourceId"] = r.SourceId,
            ["$relationshipName"] = r.Name,
            ["$relationshipLink"] = $"/digitaltwins/{Uri.EscapeDataString(r.SourceId)}/relationships/{Uri.EscapeDataString(r.Id)}",
        }).ToList());
    }

    private static IResult Page(HttpRequest request, List<JsonNode?> all)
    {
        if (AdtRequest.Offset(request) is not { } offset)
        {
            return AdtErrors.InvalidContinuationToken();
        }

        var size = AdtRequest.PageSize(request, PageCap);
        return AdtResults.Page([.. all.Skip(offset).Take(size)], offset + size < all.Count ? AdtRequest.NextLink(request, offset + size) : null);
    }
}
