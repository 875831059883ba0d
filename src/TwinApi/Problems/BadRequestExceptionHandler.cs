using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using UrbanTwin.TwinApi.Json;

namespace UrbanTwin.TwinApi.Problems;

/// <summary>
/// Unreadable requests (malformed JSON, a wrong value type, no body where one is needed, a body
/// over the size limit or of another media type) answer 400, 413 or 415 with what was wrong, e.g.
/// the JSON path and position of the first error, in the client's terms rather than the binder's
/// (no .NET parameter or type names). They are the client's mistake: logged at debug, not as
/// server errors.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var problem = ApiProblems.ForStatus(bad.StatusCode) ?? ApiProblems.BadRequest;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Type = problem.Type, Title = problem.Title, Detail = DetailOf(httpContext, bad) },
        });
    }

    private static string DetailOf(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return JsonBodyError.Describe(json);
        }

        if (bad.StatusCode is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType)
        {
            return BareStatusDetail.For(context, bad.StatusCode);
        }

        // The binder's words for a body that is absent or JSON null: "Implicit body inferred for
        // parameter "request" but no body was provided. Did you mean to use a Service instead?"
        if (NoBody().IsMatch(bad.Message))
        {
            return "the body is missing or null: send the JSON object this route reads (Content-Type: application/json)";
        }

        return bad.Message;
    }

    [GeneratedRegex("no body was provided|was not provided from body", RegexOptions.CultureInvariant)]
    private static partial Regex NoBody();
}
