using Microsoft.AspNetCore.Authentication;

namespace UrbanTwin.TwinApi.Access;

/// <summary>API keys, roles and policies. Every <c>/api</c> group requires <see cref="AccessPolicies.Read"/> at least (a test walks every route).</summary>
public static class AccessControlExtensions
{
    public static IServiceCollection AddAccessControl(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccessMetrics>();
        services.AddSingleton<ApiKeyRegistry>();
        services.AddHostedService<AdminKeyBootstrap>();
        services.AddHostedService<ApiKeyRefresh>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Read, policy => policy.RequireRole(AccessRoles.Admin, AccessRoles.Operator))
            .AddPolicy(AccessPolicies.Manage, policy => policy.RequireRole(AccessRoles.Admin, AccessRoles.Operator))
            .AddPolicy(AccessPolicies.Admin, policy => policy.RequireRole(AccessRoles.Admin))
            .AddPolicy(AccessPolicies.Metrics, policy => policy.RequireRole(AccessRoles.Admin, AccessRoles.Monitor));
        return services;
    }
}
