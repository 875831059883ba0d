using Scalar.AspNetCore;

namespace UrbanTwin.TwinApi.Reference;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and an API reference page built from it
/// (<c>/reference</c>), both anonymous. The page is served whole by the node (script included) and
/// calls no outside service: no web fonts, no usage reports, no AI agent, no developer toolbar
/// offering to deploy or to generate SDKs elsewhere. It works on a network with no way out.
/// </summary>
public static class ApiReference
{
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/reference", options => options
                .WithTitle(ApiDocument.Title)
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools())
            .AllowAnonymous();
        return app;
    }
}
