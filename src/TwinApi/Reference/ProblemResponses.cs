using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using UrbanTwin.ServiceDefaults.Problems;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.Reference;

/// <summary>
/// Declares, for every operation, who may call it and every error it can answer with: the
/// problems its handler names (<see cref="OperationDocs.Answers{TBuilder}"/>), 401 and 403 where a
/// key is needed, the body's problems where it reads one, 429 where it is rate limited and 503 for
/// all (the cluster can be unreachable). Each status lists its problem types, with an example each.
/// </summary>
internal sealed class ProblemResponses : IOpenApiOperationTransformer
{
    public const string ProblemMediaType = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var problems = new List<ApiProblem>();
        foreach (var answers in metadata.OfType<OperationDocs.AnswersProblems>())
        {
            problems.AddRange(answers.Problems);
        }

        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || policies.Count == 0;
        if (anonymous)
        {
            operation.Security = [];
        }
        else
        {
            operation.Security = Security(policies, context.Document);
            problems.Add(ApiProblems.Unauthenticated);
            problems.Add(ApiProblems.Forbidden);
            if (!policies.Contains(AccessPolicies.SignIn) && !HttpMethods.IsGet(context.Description.HttpMethod ?? "GET"))
            {
                problems.Add(ApiProblems.CsrfFailed);
            }
            operation.Description = AppendRoles(operation.Description, policies);
        }

        if (metadata.OfType<UrbanTwin.TwinApi.DigitalTwins.Http.AdtOperation>().FirstOrDefault() is { } twinApi)
        {
            TwinApiErrors(operation, twinApi, anonymous);
            return Task.CompletedTask;
        }

        if (context.Description.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body)
            || metadata.OfType<OperationDocs.ReadsBody>().Any())
        {
            problems.Add(ApiProblems.BadRequest);
            problems.Add(ApiProblems.BodyTooLarge);
            problems.Add(ApiProblems.UnsupportedMediaType);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            problems.Add(ApiProblems.RateLimited);
        }

        problems.Add(ApiProblems.Unavailable);

        operation.Responses ??= [];
        foreach (var status in problems.Distinct().GroupBy(p => p.Status).OrderBy(g => g.Key))
        {
            var media = new OpenApiMediaType { Schema = ApiSchemas.Ref(ApiSchemas.Problem), Examples = new Dictionary<string, IOpenApiExample>() };
            foreach (var problem in status)
            {
                media.Examples[problem.Slug] = new OpenApiExample
                {
                    Summary = problem.Title,
                    Value = new JsonObject
                    {
                        ["type"] = problem.Type,
                        ["title"] = problem.Title,
                        ["status"] = problem.Status,
                        ["detail"] = ExampleDetail(problem),
                    },
                };
            }

            operation.Responses[status.Key.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = string.Join("; ", status.Select(p => $"`{p.Slug}`: {p.Title}")) + ".",
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemMediaType] = media },
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>The twin API's errors, in its own shape (<c>{"error":{"code","message"}}</c>), with an example per code.</summary>
    private static void TwinApiErrors(OpenApiOperation operation, UrbanTwin.TwinApi.DigitalTwins.Http.AdtOperation twinApi, bool anonymous)
    {
        var errors = new SortedDictionary<int, List<string>>();
        foreach (var (status, codes) in twinApi.Errors)
        {
            errors[status] = [.. codes];
        }

        if (!anonymous)
        {
            errors[401] = ["Unauthorized"];
            errors[403] = ["Forbidden"];
        }

        errors[503] = ["ServiceUnavailable"];
        operation.Responses ??= [];
        foreach (var (status, codes) in errors)
        {
            var media = new OpenApiMediaType { Schema = ApiSchemas.Ref(UrbanTwin.TwinApi.DigitalTwins.Http.AdtSchemas.Error), Examples = new Dictionary<string, IOpenApiExample>() };
            foreach (var code in codes.Distinct())
            {
                media.Examples[code] = new OpenApiExample { Summary = code, Value = UrbanTwin.TwinApi.DigitalTwins.Http.AdtSchemas.Example(code, $"{code}: see docs/adt.md.") };
            }

            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = string.Join(", ", codes.Distinct().Select(c => $"`{c}`")) + ".",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = media },
            };
        }
    }

    /// <summary>
    /// Signing in takes an API key, reading or ending a session its cookie; every other route
    /// takes either.
    /// </summary>
    private static List<OpenApiSecurityRequirement> Security(List<string> policies, OpenApiDocument? document)
    {
        OpenApiSecurityRequirement Scheme(string name) => new() { [new OpenApiSecuritySchemeReference(name, document)] = [] };
        return policies switch
        {
            _ when policies.Contains(AccessPolicies.SignIn) => [Scheme(BearerSecurityScheme.Name)],
            _ when policies.Contains(AccessPolicies.Session) => [Scheme(BearerSecurityScheme.SessionName)],
            _ => [Scheme(BearerSecurityScheme.Name), Scheme(BearerSecurityScheme.SessionName)],
        };
    }

    private static string AppendRoles(string? description, List<string> policies)
    {
        var roles = policies switch
        {
            _ when policies.Contains(AccessPolicies.Admin) => "an `admin` key",
            _ when policies.Contains(AccessPolicies.Metrics) => "an `admin` or `monitor` key",
            _ when policies.Contains(AccessPolicies.Session) => "the session cookie of an `admin` or `operator` key",
            _ => "an `admin` or `operator` key (an operator limited to some areas sees only what lies in them)",
        };
        var text = new StringBuilder(description ?? "");
        if (text.Length > 0)
        {
            text.Append("\n\n");
        }

        return text.Append("Needs ").Append(roles).Append('.').ToString();
    }

    /// <summary>A detail as the API writes it for that problem (an example: the values vary).</summary>
    private static string ExampleDetail(ApiProblem problem) => problem.Slug switch
    {
        "unauthenticated" => "send 'Authorization: Bearer <api key>'",
        "forbidden" => "role 'operator' may not GET /api/keys",
        "csrf-failed" => "a request made with a session cookie that changes something must send the session's CSRF token as 'X-CSRF-Token'",
        "unavailable" => ProblemDetailsDefaults.ServerErrorDetail,
        "rate-limited" => "this address may make 60 open-data requests per 60 s; retry in 12 s",
        "body-too-large" => "the body is larger than the 30,000,000 bytes a request may have",
        "unsupported-media-type" => "send Content-Type: application/json, not 'text/plain'",
        _ => problem.Title,
    };
}
