using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace UrbanTwin.TwinApi.Problems;

/// <summary>
/// A grain call that failed because part of the cluster is unreachable (a node was lost and the
/// others have not yet declared it dead and moved its grains, or it did not answer in time) is not
/// the server's bug: 503 <c>unavailable</c> with <c>Retry-After</c>, so clients retry instead of
/// treating the request as broken. Logged as a warning.
/// </summary>
public sealed partial class ClusterUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<ClusterUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait: about one membership probe round.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansMessageRejectionException or TimeoutException))
        {
            return false;
        }

        Log.ClusterUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ApiProblems.Unavailable.Type,
                Title = ApiProblems.Unavailable.Title,
            },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Method} {Path} answered 503: part of the cluster is unreachable")]
        public static partial void ClusterUnavailable(ILogger logger, Exception exception, string method, string path);
    }
}
