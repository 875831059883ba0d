using Microsoft.AspNetCore.Authentication;
using UrbanTwin.ServiceDefaults;

namespace UrbanTwin.TwinApi.Access;

/// <summary>API keys, browser sessions, roles and policies. Every <c>/api</c> group requires <see cref="AccessPolicies.Read"/> at least (a test walks every route).</summary>
public static class AccessControlExtensions
{
    /// <summary>The default scheme: picks <see cref="ApiKeyAuthenticationHandler"/> or <see cref="SessionAuthenticationHandler"/> per request.</summary>
    public const string CallerScheme = "Caller";

    public static IServiceCollection AddAccessControl(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        services.AddSingleton<AccessMetrics>();
        services.AddSingleton<ApiKeyRegistry>();
        services.AddHostedService<AdminKeyBootstrap>();
        services.AddHostedService<ApiKeyRefresh>();
        services.AddSingleton<BrowserSessions>();
        services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, null, options => options.ForwardDefaultSelector = SchemeOf)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Read, policy => policy.RequireRole(AccessRoles.Admin, AccessRoles.Operator))
            .AddPolicy(AccessPolicies.Manage, policy => policy.RequireRole(AccessRoles.Admin, AccessRoles.Operator))
            .AddPolicy(AccessPolicies.Admin, policy => policy.RequireRole(AccessRoles.Admin))
            .AddPolicy(AccessPolicies.Metrics, policy => policy.RequireRole(AccessRoles.Admin, AccessRoles.Monitor))
            .AddPolicy(AccessPolicies.SignIn, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireRole(AccessRoles.Admin, AccessRoles.Operator))
            .AddPolicy(AccessPolicies.Session, policy => policy.AddAuthenticationSchemes(SessionAuthenticationHandler.SchemeName).RequireRole(AccessRoles.Admin, AccessRoles.Operator));
        return services;
    }

    /// <summary>
    /// The request pipeline's part: keys in URLs refused before anything reads them, then who the
    /// caller is (an API key, or a browser session's cookie), then CSRF on session requests.
    /// </summary>
    public static IApplicationBuilder UseAccessControl(this IApplicationBuilder app) =>
        app.UseKeyInUrlRefusal().UseAuthentication().UseCsrfProtection().UseAuthorization();

    /// <summary>A bearer API key wins; without one, a browser session's cookie; with neither, anonymous.</summary>
    private static string SchemeOf(HttpContext context) =>
        context.Request.Headers.ContainsKey("Authorization") || !context.Request.Cookies.ContainsKey(BrowserSessions.CookieName)
            ? ApiKeyAuthenticationHandler.SchemeName
            : SessionAuthenticationHandler.SchemeName;
}
