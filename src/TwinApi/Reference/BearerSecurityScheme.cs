using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace UrbanTwin.TwinApi.Reference;

/// <summary>
/// Declares the two ways to call the API: the API key (<c>Authorization: Bearer</c>) and the
/// browser session cookie it can be exchanged for; <see cref="ProblemResponses"/> requires them
/// where the route does.
/// </summary>
internal sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public const string Name = "ApiKey";
    public const string SessionName = "Session";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key issued by an admin (POST /api/keys) or the first admin key printed at start-up.",
        };
        document.Components.SecuritySchemes[SessionName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = UrbanTwin.TwinApi.Access.BrowserSessions.CookieName,
            Description = "A browser session opened with an API key (`POST /api/session`): HttpOnly, SameSite=Strict, short-lived. A request that changes something must also send the session's CSRF token as `X-CSRF-Token`.",
        };
        return Task.CompletedTask;
    }
}
