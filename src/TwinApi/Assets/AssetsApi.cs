using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using UrbanTwin.Contracts;
using UrbanTwin.Contracts.Topics;
using UrbanTwin.Grains.Abstractions.Twins;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Audit;
using UrbanTwin.TwinApi.Problems;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.Assets;

/// <summary><c>/api/assets</c>: the fleet (register, change, decommission, import, rotate secrets) and each asset's twin.</summary>
public static class AssetsApi
{
    public static RouteGroupBuilder MapAssetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assets").WithTags(ApiTags.Fleet).RequireAuthorization(AccessPolicies.Read);
        group.MapPost("/", Register).RequireAuthorization(AccessPolicies.Manage)
            .Documented(
                "registerAsset",
                "Register an asset and provision its device",
                "Registers a street asset and provisions the device that reports for it. The answer holds the device's secret: the only time it is shown (it is stored hashed). The area is not sent: it is the named area the location lies in.")
            .Body("The asset: `deviceId` defaults to the id; `metadata` holds at most 32 entries.", "id", "kind")
            .Answers(ApiProblems.InvalidAsset, ApiProblems.OutOfScope, ApiProblems.AssetExists, ApiProblems.DeviceInUse);
        group.MapPost("/import", AssetImportEndpoint.Import).RequireAuthorization(AccessPolicies.Manage).DisableAntiforgery()
            .Documented(
                "importAssets",
                "Import many assets at once",
                $"Registers up to {AssetImportEndpoint.MaxRows:N0} assets from CSV (a header row with `id, kind, name, lon, lat`, optional `deviceId` and `meta.<key>` columns) or a GeoJSON FeatureCollection of points. Every row is checked before any is registered: a bad import registers nothing and lists every bad row.")
            .Reads(
                "The assets, as CSV or as GeoJSON.",
                ("text/csv", () => ApiSchemas.String("RFC 4180 CSV with a header row.")),
                ("application/geo+json", () => ApiSchemas.Ref(ApiSchemas.AssetImportCollection)),
                ("application/json", () => ApiSchemas.Ref(ApiSchemas.AssetImportCollection)))
            .Answers(ApiProblems.InvalidImport);
        group.MapGet("/{id}", Get)
            .Documented("getAsset", "Get an asset", "The asset as registered: kind, name, location, area, device, status (`ok`, `alert`, `offline`, `decommissioned`) and metadata.")
            .Parameters(ApiParameters.AssetId)
            .Answers(ApiProblems.InvalidAsset, ApiProblems.AssetNotFound);
        group.MapPut("/{id}", Update).RequireAuthorization(AccessPolicies.Manage)
            .Documented("updateAsset", "Change an asset", "Replaces the asset's name, location (the area follows) and metadata (left out, it becomes empty). The id, kind and device never change.")
            .Parameters(ApiParameters.AssetId)
            .Body("The asset's name, location and metadata; `id`, `kind` and `deviceId`, if sent, must be the asset's own.")
            .Answers(ApiProblems.InvalidAsset, ApiProblems.OutOfScope, ApiProblems.AssetNotFound, ApiProblems.AssetDecommissioned);
        group.MapDelete("/{id}", Decommission).RequireAuthorization(AccessPolicies.Manage)
            .Documented("decommissionAsset", "Decommission an asset", "Takes the asset off the map and refuses its device from then on (its live sessions are ended); the twin and its history stay readable. Ids are never reused. Decommissioning a decommissioned asset changes nothing.")
            .Parameters(ApiParameters.AssetId)
            .Answers(ApiProblems.InvalidAsset, ApiProblems.AssetNotFound);
        group.MapPost("/{id}/secret", RotateSecret).RequireAuthorization(AccessPolicies.Manage)
            .Documented("rotateDeviceSecret", "Issue the asset's device a new secret", "Issues a new device secret, shown this once; the old one stops working at once and the device's live sessions opened with it are ended.")
            .Parameters(ApiParameters.AssetId)
            .Answers(ApiProblems.InvalidAsset, ApiProblems.AssetNotFound, ApiProblems.AssetDecommissioned);
        app.MapGroup("/api/assets").WithTags(ApiTags.Twins).RequireAuthorization(AccessPolicies.Read).MapGet("/{id}/twin", GetTwin)
            .Documented(
                "getTwin",
                "Get an asset's live twin",
                "The live twin: the latest value of every field with its unit and time, whether the device is online (from its first reading or `online` status while at least one of its connections is open), when it was last seen, its firmware, the derived status of its kind (air quality index, footfall totals, bus priority statistics), its active alerts and its message counters.")
            .Parameters(ApiParameters.AssetId)
            .Answers(ApiProblems.InvalidAsset, ApiProblems.AssetNotFound);
        return group;
    }

    public static async Task<Results<Created<RegisteredAsset>, ProblemHttpResult>> Register(AssetRequest request, Fleet fleet, AreaCatalog areas, AuditLog audit, ClaimsPrincipal user)
    {
        var errors = new List<FieldError>();
        if (AssetValidator.Validate(request, errors) is not { } draft)
        {
            return Invalid(errors);
        }

        var area = areas.AreaOf(draft.Longitude, draft.Latitude);
        if (!user.CanSeeArea(area))
        {
            return OutOfScope(area);
        }

        var (outcome, secret) = await fleet.RegisterAsync(draft, area);
        if (outcome == Fleet.Outcome.AssetExists)
        {
            return ApiProblems.AssetExists.Result($"asset '{draft.Id}' is already registered (ids of decommissioned assets are not reused)");
        }

        if (outcome == Fleet.Outcome.DeviceInUse)
        {
            return ApiProblems.DeviceInUse.Result($"device '{draft.DeviceId}' reports for another asset; decommission that asset first");
        }

        await audit.RecordAsync(user, AuditActions.AssetRegistered, $"asset:{draft.Id}", $"{draft.Kind.ToSegment()} device {draft.DeviceId} area {area ?? "none"}");
        var view = new AssetView(draft.Id, draft.Kind, draft.Name, new AssetLocation(draft.Longitude, draft.Latitude), area, draft.DeviceId, "offline", draft.Metadata);
        return TypedResults.Created($"/api/assets/{draft.Id}", new RegisteredAsset(view, new DeviceCredentials(draft.DeviceId, secret!)));
    }

    public static async Task<Results<Ok<AssetView>, ProblemHttpResult>> Get(string id, Fleet fleet, ClaimsPrincipal user)
    {
        var (twin, problem) = await FindVisibleAsync(id, fleet, user);
        return problem ?? (Results<Ok<AssetView>, ProblemHttpResult>)TypedResults.Ok(AssetView.Of(twin!)!);
    }

    public static async Task<Results<Ok<AssetView>, ProblemHttpResult>> Update(string id, AssetRequest request, Fleet fleet, AreaCatalog areas, AuditLog audit, ClaimsPrincipal user)
    {
        var (twin, problem) = await FindVisibleAsync(id, fleet, user);
        if (problem is not null)
        {
            return problem;
        }

        if (twin!.Decommissioned)
        {
            return ApiProblems.AssetDecommissioned.Result($"asset '{id}' is decommissioned");
        }

        var r = twin.Registration!;
        var errors = new List<FieldError>();
        if (request.Id is not null && request.Id != id)
        {
            errors.Add(new FieldError("id", "an asset's id cannot change"));
        }

        var existing = new AssetDraft(r.AssetId, r.Kind, r.Name, r.Longitude, r.Latitude, twin.DeviceId ?? r.AssetId, r.Metadata);
        if (AssetValidator.Validate(request, errors, existing) is not { } draft || errors.Count > 0)
        {
            return Invalid(errors);
        }

        var area = areas.AreaOf(draft.Longitude, draft.Latitude);
        if (!user.CanSeeArea(area))
        {
            return OutOfScope(area);
        }

        await fleet.UpdateAsync(draft, area);
        await audit.RecordAsync(user, AuditActions.AssetUpdated, $"asset:{id}", area == r.AreaId ? null : $"area {r.AreaId ?? "none"} → {area ?? "none"}");
        return TypedResults.Ok(AssetView.Of((await fleet.FindAsync(id))!)!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Decommission(string id, Fleet fleet, AuditLog audit, ClaimsPrincipal user)
    {
        var (twin, problem) = await FindVisibleAsync(id, fleet, user);
        if (problem is not null)
        {
            return problem;
        }

        if (!twin!.Decommissioned)
        {
            await fleet.DecommissionAsync(twin);
            await audit.RecordAsync(user, AuditActions.AssetDecommissioned, $"asset:{id}", twin.DeviceId is { } device ? $"device {device}" : null);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<DeviceCredentials>, ProblemHttpResult>> RotateSecret(string id, Fleet fleet, AuditLog audit, ClaimsPrincipal user)
    {
        var (twin, problem) = await FindVisibleAsync(id, fleet, user);
        if (problem is not null)
        {
            return problem;
        }

        if (twin!.Decommissioned || twin.DeviceId is null)
        {
            return ApiProblems.AssetDecommissioned.Result($"asset '{id}' is decommissioned: its device may not connect");
        }

        var secret = await fleet.RotateSecretAsync(twin);
        await audit.RecordAsync(user, AuditActions.DeviceSecretRotated, $"asset:{id}", $"device {twin.DeviceId}");
        return TypedResults.Ok(new DeviceCredentials(twin.DeviceId, secret));
    }

    public static async Task<Results<Ok<TwinView>, ProblemHttpResult>> GetTwin(string id, Fleet fleet, ClaimsPrincipal user)
    {
        var (twin, problem) = await FindVisibleAsync(id, fleet, user);
        return problem ?? (Results<Ok<TwinView>, ProblemHttpResult>)TypedResults.Ok(TwinView.Of(AssetView.Of(twin!)!, twin!));
    }

    /// <summary>The asset's twin if it exists and the caller may see it; assets outside a caller's areas are answered as not found.</summary>
    internal static async Task<(TwinSnapshot? Twin, ProblemHttpResult? Problem)> FindVisibleAsync(string id, Fleet fleet, ClaimsPrincipal user)
    {
        if (!DeviceId.IsValid(id))
        {
            return (null, ApiProblems.InvalidAsset.Result($"asset ids match {DeviceId.Pattern}"));
        }

        var twin = await fleet.FindAsync(id);
        return twin is null || !user.CanSeeArea(twin.Registration!.AreaId)
            ? (null, ApiProblems.AssetNotFound.Result($"no asset '{id}'"))
            : (twin, null);
    }

    internal static ProblemHttpResult Invalid(List<FieldError> errors) =>
        ApiProblems.InvalidAsset.Result(string.Join("; ", errors.Take(5).Select(e => $"{e.Field}: {e.Reason}")), new Dictionary<string, object?> { ["errors"] = errors });

    private static ProblemHttpResult OutOfScope(string? area) =>
        ApiProblems.OutOfScope.Result(area is null ? "the location is outside every area, and this key is limited to some areas" : $"the location is in area '{area}', which this key may not manage");
}
