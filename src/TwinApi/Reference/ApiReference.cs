using Scalar.AspNetCore;

namespace UrbanTwin.TwinApi.Reference;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and an API reference page (<c>/reference</c>), both anonymous.</summary>
public static class ApiReference
{
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/reference", options => options.WithTitle("UrbanTwin API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        return app;
    }
}
