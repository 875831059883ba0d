using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace UrbanTwin.TwinApi.Reference;

/// <summary>Declares the API key (<c>Authorization: Bearer</c>); <see cref="ProblemResponses"/> requires it where the route does.</summary>
internal sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public const string Name = "ApiKey";

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
        return Task.CompletedTask;
    }
}
