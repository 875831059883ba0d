using Microsoft.AspNetCore.Diagnostics;

namespace UrbanTwin.TwinApi.Problems;

/// <summary>
/// Unreadable requests (malformed JSON, a wrong value type, a body over the size limit) answer 400
/// or 413 with what was wrong, e.g. the JSON path and position of the first error. They are the
/// client's mistake: logged at debug, not as server errors.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var problem = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? ApiProblems.BodyTooLarge : ApiProblems.ForStatus(bad.StatusCode) ?? ApiProblems.BadRequest;
        var detail = bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Type = problem.Type, Title = problem.Title, Detail = detail },
        });
    }
}
