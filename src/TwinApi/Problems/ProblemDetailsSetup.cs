using Microsoft.AspNetCore.Diagnostics;

namespace UrbanTwin.TwinApi.Problems;

/// <summary>
/// Every error leaves as problem details with a stable type, including the ones the framework
/// produces itself (unknown route, unreadable body, body over the size limit, unhandled failure).
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var details = context.ProblemDetails;
            var failure = context.Exception ?? context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (failure is BadHttpRequestException bad)
            {
                // Kestrel and model binding report unreadable or oversized bodies this way.
                details.Status = bad.StatusCode;
                context.HttpContext.Response.StatusCode = bad.StatusCode;
                details.Detail = bad.Message;
            }

            if (details.Type is null or "" || details.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                if (ApiProblems.ForStatus(details.Status ?? 500) is { } problem)
                {
                    details.Type = problem.Type;
                    details.Title = problem.Title;
                }
            }

            if (details.Status >= 500)
            {
                // Never leak exception text to clients; the log has it.
                details.Detail = "The failure was logged; the request can be retried.";
            }
        });
}
