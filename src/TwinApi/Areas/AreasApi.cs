using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NetTopologySuite.Geometries;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Audit;
using UrbanTwin.TwinApi.GeoJson;
using UrbanTwin.TwinApi.Json;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.Areas;

/// <summary><c>/api/areas</c>: the named areas assets are placed in (boroughs by default), and how each one's assets are now.</summary>
public static class AreasApi
{
    public static RouteGroupBuilder MapAreasApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/areas").WithTags("Areas").RequireAuthorization(AccessPolicies.Read);
        group.MapGet("/", List);
        group.MapGet("/{areaId}", Get);
        group.MapGet("/{areaId}/summary", AreaStatusEndpoint.GetAsync);
        group.MapPost("/", Add).RequireAuthorization(AccessPolicies.Admin);
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
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WriteString("id", area.AreaId);
            writer.WritePropertyName("geometry");
            GeoJsonWriter.Write(writer, area.Boundary);
            writer.WriteStartObject("properties");
            writer.WriteString("name", area.Name);
            writer.WriteString("source", area.Source);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
