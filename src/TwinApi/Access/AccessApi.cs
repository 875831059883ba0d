using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using UrbanTwin.Grains.Abstractions.Access;
using UrbanTwin.TwinApi.Audit;
using UrbanTwin.TwinApi.Problems;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// API keys, admin only: <c>POST /api/keys</c> issues one (the key is in the answer and nowhere
/// else), <c>GET /api/keys</c> and <c>GET /api/keys/{id}</c> show them without secret or hash,
/// <c>DELETE /api/keys/{id}</c> revokes one for good. Every change goes to the audit log.
/// </summary>
public static class AccessApi
{
    public static IEndpointRouteBuilder MapAccessApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags(ApiTags.Keys).RequireAuthorization(AccessPolicies.Admin);
        var keyId = new ParameterDoc("id", "The key's id (16 hexadecimal digits, as listed).", () => ApiSchemas.String(), Example: "6ae58223c9701ea3", In: Microsoft.OpenApi.ParameterLocation.Path);
        keys.MapPost("/", CreateAsync)
            .Documented("createKey", "Issue an API key", "Issues a key with a name for people, a role and, for an operator, optionally the areas it is limited to. The answer holds the key itself: the only time it is shown (it is stored hashed).")
            .Body("The key to issue.")
            .Answers(ApiProblems.InvalidKey);
        keys.MapGet("/", ListAsync)
            .Documented("listKeys", "List the API keys", "Every key, revoked ones included, oldest first; never the key itself nor its hash.");
        keys.MapGet("/{id}", GetAsync)
            .Documented("getKey", "Get an API key", "One key as listed.")
            .Parameters(keyId)
            .Answers(ApiProblems.KeyNotFound);
        keys.MapDelete("/{id}", RevokeAsync)
            .Documented("revokeKey", "Revoke an API key", "Revokes the key for good (at once on this node, within `Auth:KeyRefreshInterval` on the others) and answers it; revoking a revoked key changes nothing.")
            .Parameters(keyId)
            .Answers(ApiProblems.KeyNotFound);
        return app;
    }

    internal static async Task<Results<Created<ApiKeyView>, ProblemHttpResult>> CreateAsync(ApiKeyRequest? request, ClaimsPrincipal user, ApiKeyRegistry registry, AuditLog audit)
    {
        if (request is null)
        {
            return ApiProblems.InvalidKey.Result("send a JSON body with name, role and, for an operator limited to some areas, areas");
        }

        if (request.Validate() is { } reason)
        {
            return ApiProblems.InvalidKey.Result(reason);
        }

        var areas = request.Areas?.Distinct(StringComparer.Ordinal).ToArray();
        var (record, key) = await registry.IssueAsync(request.Name!.Trim(), request.Role!, areas, user);
        await audit.RecordAsync(user, AuditActions.KeyCreated, Target(record.KeyId), Describe(record));
        return TypedResults.Created($"/api/keys/{record.KeyId}", ApiKeyView.From(record, key));
    }

    internal static async Task<Ok<ApiKeyView[]>> ListAsync(ApiKeyRegistry registry) =>
        TypedResults.Ok((await registry.ListAsync()).Select(k => ApiKeyView.From(k)).ToArray());

    internal static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> GetAsync(string id, ApiKeyRegistry registry) =>
        await registry.FindAsync(id) is { } record ? TypedResults.Ok(ApiKeyView.From(record)) : NotFound(id);

    internal static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> RevokeAsync(string id, ClaimsPrincipal user, ApiKeyRegistry registry, AuditLog audit)
    {
        var existing = await registry.FindAsync(id);
        if (existing is null)
        {
            return NotFound(id);
        }

        if (existing.IsRevoked)
        {
            return TypedResults.Ok(ApiKeyView.From(existing));
        }

        var revoked = await registry.RevokeAsync(id, user) ?? existing;
        await audit.RecordAsync(user, AuditActions.KeyRevoked, Target(id), $"'{revoked.Name}'");
        return TypedResults.Ok(ApiKeyView.From(revoked));
    }

    /// <summary>How the audit log names a key; also used for the key made at start-up.</summary>
    internal static string Target(string keyId) => "key:" + keyId;

    internal static string Describe(ApiKeyRecord key) =>
        $"'{key.Name}', role {key.Role}, {(key.Areas is null ? "every area" : "areas " + string.Join(", ", key.Areas))}";

    private static ProblemHttpResult NotFound(string id) =>
        ApiProblems.KeyNotFound.Result(id == ApiKeyRegistry.BootstrapAdminId
            ? "the key configured as Auth:AdminKey is not kept in the key store: change the configuration to replace it"
            : $"no API key '{id}'");
}
