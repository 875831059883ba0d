using Microsoft.AspNetCore.Diagnostics;
using UrbanTwin.ServiceDefaults.Problems;

namespace UrbanTwin.TwinApi.Problems;

/// <summary>
/// Every error leaves as problem details with a stable type, including the ones the framework
/// produces itself (unknown route, unreadable body, body over the size limit, unhandled failure).
/// On top of the host's defaults (<see cref="ProblemDetailsDefaults"/>), which scrub 5xx details
/// after this customisation.
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        // Binding failures throw so that BadRequestExceptionHandler can say what was wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
        services.Configure<ExceptionHandlerOptions>(options => options.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException);
        return services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var details = context.ProblemDetails;
            if (details.Type is null or "" || details.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                if (ApiProblems.ForStatus(details.Status ?? 500) is { } problem)
                {
                    details.Type = problem.Type;
                    details.Title = problem.Title;
                }
            }

            // Status code pages: the framework's bare statuses get a detail too.
            details.Detail ??= BareStatusDetail.For(context.HttpContext, details.Status ?? 500);
        });
    }
}
