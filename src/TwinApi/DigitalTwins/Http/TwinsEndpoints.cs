using System.Security.Claims;
using System.Text.Json.Nodes;
using UrbanTwin.TwinApi.DigitalTwins.Twins;

namespace UrbanTwin.TwinApi.DigitalTwins.Http;

/// <summary><c>/digitaltwins/{id}</c>: get, create or replace (If-None-Match), patch (If-Match), delete; its components; telemetry.</summary>
public static class TwinsEndpoints
{
    public static async Task<IResult> Get(string id, DigitalTwinService twins, ClaimsPrincipal user) =>
        await twins.ReadAsync(id, TwinScope.Of(user)) is { } twin ? AdtResults.Json(twin.Json, twin.ETag) : AdtErrors.TwinNotFound(id);

    public static async Task<IResult> Put(string id, HttpRequest request, DigitalTwinService twins, ClaimsPrincipal user)
    {
        var (ifNoneMatch, badHeader) = AdtRequest.IfNoneMatch(request);
        var (body, badBody) = badHeader is null ? await AdtRequest.BodyAsync(request) : (null, null);
        if ((badHeader ?? badBody) is { } error)
        {
            return error;
        }

        var (twin, problem) = await twins.PutAsync(id, body, ifNoneMatch, TwinScope.Of(user));
        return problem ?? AdtResults.Json(twin!.Json, twin.ETag);
    }

    public static Task<IResult> Patch(string id, HttpRequest request, TwinPatcher patcher, ClaimsPrincipal user) =>
        PatchAsync(id, component: null, request, patcher, user);

    public static async Task<IResult> Delete(string id, HttpRequest request, DigitalTwinService twins, ClaimsPrincipal user)
    {
        var (ifMatch, badHeader) = AdtRequest.IfMatch(request);
        return badHeader ?? await twins.DeleteAsync(id, ifMatch, TwinScope.Of(user)) ?? AdtResults.NoContent();
    }

    public static async Task<IResult> GetComponent(string id, string component, DigitalTwinService twins, ClaimsPrincipal user)
    {
        if (await twins.ReadAsync(id, TwinScope.Of(user)) is not { } twin)
        {
            return AdtErrors.TwinNotFound(id);
        }

        return component.StartsWith('$') || twin.Document[component] is not JsonObject value
            ? AdtErrors.ComponentNotFound(id, component)
            : AdtResults.Json(value.ToJsonString(AdtJson.Options), twin.ETag);
    }

    public static Task<IResult> PatchComponent(string id, string component, HttpRequest request, TwinPatcher patcher, ClaimsPrincipal user) =>
        PatchAsync(id, component.StartsWith('$') ? "" : component, request, patcher, user);

    /// <summary>
    /// Telemetry published to a twin is accepted (204) once the twin is known to the caller; this
    /// node routes no events, so it goes no further (docs/adt.md). Any JSON body is taken, as the
    /// npm client 1.1.0 sends a component's telemetry with its body and message id swapped.
    /// </summary>
    public static async Task<IResult> Telemetry(string id, HttpRequest request, DigitalTwinService twins, ClaimsPrincipal user)
    {
        var (_, badBody) = await AdtRequest.BodyAsync(request);
        return badBody ?? (await twins.ReadAsync(id, TwinScope.Of(user)) is null ? AdtErrors.TwinNotFound(id) : AdtResults.NoContent());
    }

    public static Task<IResult> ComponentTelemetry(string id, string component, HttpRequest request, DigitalTwinService twins, ClaimsPrincipal user) =>
        Telemetry(id, request, twins, user);

    private static async Task<IResult> PatchAsync(string id, string? component, HttpRequest request, TwinPatcher patcher, ClaimsPrincipal user)
    {
        var (ifMatch, badHeader) = AdtRequest.IfMatch(request);
        var (body, badBody) = badHeader is null ? await AdtRequest.BodyAsync(request) : (null, null);
        if ((badHeader ?? badBody) is { } error)
        {
            return error;
        }

        var (etag, problem) = await patcher.PatchAsync(id, component, body, ifMatch, TwinScope.Of(user));
        return problem ?? AdtResults.NoContent(etag);
    }
}
