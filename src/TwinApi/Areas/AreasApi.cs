using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NetTopologySuite.Geometries;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Audit;
using UrbanTwin.TwinApi.GeoJson;
using UrbanTwin.TwinApi.Json;
using UrbanTwin.TwinApi.Problems;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.Areas;

/// <summary><c>/api/areas</c>: the named areas assets are placed in (boroughs by default), and how each one's assets are now.</summary>
public static class AreasApi
{
    public static RouteGroupBuilder MapAreasApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/areas").WithTags(ApiTags.Areas).RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/", List)
            .Documented("listAreas", "List the areas", "The named areas (an area-scoped key sees its own): id, name, where the boundary came from and its bounding box.");
        group.MapGet("/{areaId}", Get)
            .Documented("getArea", "Get an area's boundary", "One area as a GeoJSON Feature.")
            .Parameters(ApiParameters.AreaId)
            .Responds(200, "The area.", ("application/geo+json", () => ApiSchemas.Ref(ApiSchemas.AreaFeature)))
            .Answers(ApiProblems.AreaNotFound);
        group.MapGet("/{areaId}/summary", AreaStatusEndpoint.GetAsync)
            .Documented(
                "getAreaSummary",
                "How an area's assets of a kind are now",
                "Computed when asked from the live twins of every asset of the kind on the map in the area: how many are `ok`, in `alert` or `offline`; per field the mean, min and max of their latest values; for air quality the worst index band, for footfall the current hour's counts.")
            .Parameters(ApiParameters.AreaId, ApiParameters.Kind.Describe("The kind of asset to sum up.").Require())
            .Answers(ApiProblems.BadQuery, ApiProblems.AreaNotFound);
        group.MapPost("/", Add).RequireAuthorization(AccessPolicies.Admin)
            .Documented(
                "addArea",
                "Add an area",
                "Adds a named area. Its boundary must be valid: closed rings of at least 4 positions, no self-intersection, at most 100,000 vertices, no edge spanning more than 180° of longitude. Assets registered or moved later get it; assets in place keep theirs.")
            .Body("The area: an id (letters, digits, `.`, `_`, `-`, up to 64), a name and a boundary.")
            .Answers(ApiProblems.InvalidArea, ApiProblems.BadGeometry, ApiProblems.AreaExists);
        return group;
    }

    /// <summary>The areas the caller may see (all of them unless its key is limited to some).</summary>
    public static Ok<List<AreaSummary>> List(AreaCatalog catalog, ClaimsPrincipal user)
    {
        var scope = user.AreaScope();
        return TypedResults.Ok(catalog.Current.Areas.Where(a => scope is null || scope.Contains(a.AreaId)).Select(AreaSummary.Of).ToList());
    }

    /// <summary>One area as a GeoJSON Feature.</summary>
    public static Results<FileContentHttpResult, ProblemHttpResult> Get(string areaId, AreaCatalog catalog, ClaimsPrincipal user)
    {
        if (catalog.Current.Find(areaId) is not { } area || !user.CanSeeArea(area.AreaId))
        {
            return ApiProblems.AreaNotFound.Result($"no area '{areaId}'");
        }

        return TypedResults.File(Feature(area), "application/geo+json");
    }

    public static async Task<Results<Created<AreaSummary>, ProblemHttpResult>> Add(AddAreaRequest request, AreaCatalog catalog, GeometryFactory factory, AuditLog audit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!AreaId.IsValid(request.Id))
        {
            return ApiProblems.InvalidArea.Result($"id must match {AreaId.Pattern}");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return ApiProblems.InvalidArea.Result("name must be 1 to 200 characters");
        }

        Geometry boundary;
        try
        {
            boundary = new GeoJsonReader(factory).ReadArea(request.Geometry, "$.geometry");
        }
        catch (GeoJsonException ex)
        {
            return ApiProblems.BadGeometry.Result(ex.Message, new Dictionary<string, object?> { ["path"] = ex.Path });
        }

        if (!await catalog.AddAsync(request.Id!, request.Name, boundary, "api", cancellationToken))
        {
            return ApiProblems.AreaExists.Result($"area '{request.Id}' already exists");
        }

        await audit.RecordAsync(user, AuditActions.AreaAdded, $"area:{request.Id}", request.Name);
        return TypedResults.Created($"/api/areas/{request.Id}", AreaSummary.Of(catalog.Current.Find(request.Id!)!));
    }

    private static byte[] Feature(Area area)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ApiJson.WriterOptions))
        {
            GeoJsonWriter.StartFeature(writer, area.AreaId, area.Boundary);
            writer.WriteString("name", area.Name);
            writer.WriteString("source", area.Source);
            GeoJsonWriter.EndFeature(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
