using System.Security.Claims;
using System.Text.Json.Nodes;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.DigitalTwins.Models;

namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary>
/// <c>/models</c>: upload DTDL models in batches, list them (with their dependencies), get one,
/// decommission and delete. Without an api-version, <c>GET /models</c> is the product's own DTDL
/// (a JSON array of its Interfaces) for integrators' tools, served to anyone.
/// </summary>
public static class ModelsEndpoints
{
    /// <summary>The most models one page lists, as the service.</summary>
    public const int PageCap = 100;

    /// <summary>The most models one upload may hold, as the service.</summary>
    public const int MaxModelsPerUpload = 250;

    public static async Task<IResult> Upload(HttpRequest request, ModelCatalog catalog)
    {
        var (body, error) = await AdtRequest.BodyAsync(request);
        if (error is not null)
        {
            return error;
        }

        if (body is not JsonArray { Count: > 0 and <= MaxModelsPerUpload } definitions)
        {
            return AdtErrors.InvalidArgument($"The body must be a JSON array of 1 to {MaxModelsPerUpload} DTDL Interfaces.");
        }

        var (added, problem) = await catalog.UploadAsync(definitions);
        return problem ?? (IResult)AdtResults.Json(new JsonArray([.. added!.Select(e => Describe(e, includeDefinition: false))]).ToJsonString(AdtJson.Options), status: StatusCodes.Status201Created);
    }

    /// <summary>Without an api-version: the shipped DTDL. With one: the twin API's model list (for a key that may read).</summary>
    public static async Task<IResult> List(HttpRequest request, ModelCatalog catalog, ShippedModels shipped, ClaimsPrincipal user)
    {
        if (!request.Query.ContainsKey(ApiVersions.Parameter))
        {
            return AdtResults.Json(new JsonArray([.. shipped.Definitions.Select(d => d.DeepClone())]).ToJsonString(AdtJson.Options));
        }

        if (ApiVersions.Check(request) is { } refused)
        {
            return refused;
        }

        if (!(user.Identity?.IsAuthenticated ?? false))
        {
            return Results.Challenge();
        }

        if (!user.IsInRole(AccessRoles.Admin) && !user.IsInRole(AccessRoles.Operator))
        {
            return Results.Forbid();
        }

        var snapshot = await catalog.CurrentAsync();
        var includeDefinition = bool.TryParse(request.Query["includeModelDefinition"].ToString(), out var include) && include;
        var dependenciesFor = request.Query["dependenciesFor"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        IEnumerable<ModelEntry> models = snapshot.Entries;
        if (dependenciesFor.Count > 0)
        {
            if (dependenciesFor.FirstOrDefault(id => snapshot.Find(id) is null) is { } missing)
            {
                return AdtErrors.ModelNotFound(missing);
            }

            models = Dependencies(snapshot, dependenciesFor);
        }

        if (AdtRequest.Offset(request) is not { } offset)
        {
            return AdtErrors.InvalidContinuationToken();
        }

        var all = models.ToList();
        var size = AdtRequest.PageSize(request, PageCap);
        var page = all.Skip(offset).Take(size).Select(e => (JsonNode?)Describe(e, includeDefinition)).ToList();
        return AdtResults.Page(page, offset + size < all.Count ? AdtRequest.NextLink(request, offset + size) : null);
    }

    public static async Task<IResult> Get(string id, HttpRequest request, ModelCatalog catalog)
    {
        var includeDefinition = bool.TryParse(request.Query["includeModelDefinition"].ToString(), out var include) && include;
        return (await catalog.CurrentAsync()).Find(id) is { } entry
            ? AdtResults.Json(Describe(entry, includeDefinition).ToJsonString(AdtJson.Options))
            : AdtErrors.ModelNotFound(id);
    }

    /// <summary>The one patch the service takes on a model: <c>replace /decommissioned true</c>.</summary>
    public static async Task<IResult> Decommission(string id, HttpRequest request, ModelCatalog catalog)
    {
        var (body, error) = await AdtRequest.BodyAsync(request);
        if (error is not null)
        {
            return error;
        }

        if (body is not JsonArray { Count: 1 } array || array[0] is not JsonObject op || op["op"]?.ToString() != "replace" || op["path"]?.ToString() != "/decommissioned" || op["value"]?.ToJsonString(AdtJson.Options) != "true")
        {
            return AdtErrors.JsonPatchInvalid("A model takes one patch: [{\"op\":\"replace\",\"path\":\"/decommissioned\",\"value\":true}].");
        }

        return await catalog.DecommissionAsync(id) ?? AdtResults.NoContent();
    }

    public static async Task<IResult> Delete(string id, ModelCatalog catalog) => await catalog.DeleteAsync(id) ?? AdtResults.NoContent();

    private static JsonObject Describe(ModelEntry entry, bool includeDefinition)
    {
        var data = new JsonObject
        {
            ["id"] = entry.Id,
            ["displayName"] = entry.Model.Model.DisplayName?.DeepClone() ?? new JsonObject(),
            ["description"] = entry.Model.Model.Description?.DeepClone() ?? new JsonObject(),
            ["uploadTime"] = entry.UploadTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture),
            ["decommissioned"] = entry.Decommissioned,
        };
        if (includeDefinition)
        {
            data["model"] = entry.Definition.DeepClone();
        }

        return data;
    }

    /// <summary>The models and everything they depend on (what they extend, their components' and relationships' targets), each once.</summary>
    private static List<ModelEntry> Dependencies(ModelSnapshot snapshot, List<string> roots)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<ModelEntry>();
        var pending = new Stack<string>(roots.AsEnumerable().Reverse());
        while (pending.TryPop(out var id))
        {
            if (!seen.Add(id) || snapshot.Find(id) is not { } entry)
            {
                continue;
            }

            order.Add(entry);
            foreach (var content in entry.Model.Model.Contents)
            {
                if (content.Schema is DtdlSchema.Interface component)
                {
                    pending.Push(component.Id);
                }
            }

            foreach (var parent in entry.Model.Model.Extends)
            {
                pending.Push(parent);
            }
        }

        return order;
    }
}
