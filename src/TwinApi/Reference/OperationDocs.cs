using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.Reference;

/// <summary>
/// What an endpoint tells the OpenAPI document about itself beyond what the framework infers from
/// its handler: its id, summary and description, the problems it answers with, the parameters it
/// reads from the query itself, and the bodies it reads or writes by hand.
/// </summary>
public static class OperationDocs
{
    /// <summary>The operation's id (also the endpoint's name), a one-line summary and a description (Markdown).</summary>
    public static TBuilder Documented<TBuilder>(this TBuilder builder, string operationId, string summary, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithName(operationId).WithSummary(summary).WithDescription(description);

    /// <summary>The problems the handler itself may answer with; access, body and availability problems are added for every route that can meet them.</summary>
    public static TBuilder Answers<TBuilder>(this TBuilder builder, params ApiProblem[] problems)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AnswersProblems(problems));

    /// <summary>Describes query or header parameters: adds those the handler reads by hand, describes those the framework found.</summary>
    public static TBuilder Parameters<TBuilder>(this TBuilder builder, params ParameterDoc[] parameters)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var doc in parameters)
            {
                var existing = operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == doc.Name && p.In == doc.In);
                if (existing is null)
                {
                    existing = new OpenApiParameter { Name = doc.Name, In = doc.In };
                    operation.Parameters.Add(existing);
                }

                existing.Description = doc.Description;
                existing.Required = doc.Required || doc.In == ParameterLocation.Path;
                existing.Schema = doc.Schema();
                existing.Example = doc.Example is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(doc.Example);
            }

            return Task.CompletedTask;
        });

    /// <summary>A success answer written by hand (not a typed result): its status, meaning and media types with their schemas.</summary>
    public static TBuilder Responds<TBuilder>(this TBuilder builder, int status, string description, params (string MediaType, Func<IOpenApiSchema> Schema)[] content)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = description,
                Content = content.ToDictionary(c => c.MediaType, c => new OpenApiMediaType { Schema = c.Schema() }),
            };
            return Task.CompletedTask;
        });

    /// <summary>A request body read by hand (not bound by the framework): its meaning and media types with their schemas.</summary>
    public static TBuilder Reads<TBuilder>(this TBuilder builder, string description, params (string MediaType, Func<IOpenApiSchema> Schema)[] content)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ReadsBody()).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Description = description,
                Required = true,
                Content = content.ToDictionary(c => c.MediaType, c => new OpenApiMediaType { Schema = c.Schema() }),
            };
            return Task.CompletedTask;
        });

    /// <summary>
    /// Describes a request body the framework declared, and which of its properties this route
    /// needs beyond those its schema requires everywhere.
    /// </summary>
    public static TBuilder Body<TBuilder>(this TBuilder builder, string description, params string[] alsoRequired)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody is OpenApiRequestBody body)
            {
                body.Description = description;
                foreach (var media in (body.Content ?? new Dictionary<string, OpenApiMediaType>()).Values)
                {
                    if (alsoRequired.Length > 0 && media.Schema is { } schema)
                    {
                        media.Schema = new OpenApiSchema { AllOf = [schema, new OpenApiSchema { Required = alsoRequired.ToHashSet() }] };
                    }
                }
            }

            return Task.CompletedTask;
        });

    /// <summary>The problems an endpoint's handler answers with.</summary>
    public sealed record AnswersProblems(IReadOnlyList<ApiProblem> Problems);

    /// <summary>Marks an endpoint that reads its body by hand, so the body's problems are declared for it too.</summary>
    public sealed record ReadsBody;
}

/// <summary>A parameter as the document describes it.</summary>
public sealed record ParameterDoc(string Name, string Description, Func<IOpenApiSchema> Schema, bool Required = false, object? Example = null, ParameterLocation In = ParameterLocation.Query)
{
    public ParameterDoc Require() => this with { Required = true };

    public ParameterDoc Describe(string description) => this with { Description = description };

}
