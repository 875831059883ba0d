using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// A request authenticated by a browser session's cookie that may change something (any method
/// but GET, HEAD, OPTIONS, TRACE) must carry the session's CSRF token in
/// <see cref="BrowserSessions.CsrfHeader"/>, which only a page of this origin that opened the
/// session can know; SameSite=Strict already keeps the cookie off other sites' requests, this
/// holds even where a browser ignores it. Requests with an API key are not affected.
/// </summary>
public static class CsrfProtection
{
    public static IApplicationBuilder UseCsrfProtection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<BrowserSession>() is { } session
                && context.User.Identity?.AuthenticationType == SessionAuthenticationHandler.SchemeName
                && !IsSafe(context.Request.Method)
                && !BrowserSessions.IsCsrfToken(session, context.Request.Headers[BrowserSessions.CsrfHeader].ToString()))
            {
                await ApiProblems.CsrfFailed.Result($"a request made with a session cookie that changes something must send the session's CSRF token as '{BrowserSessions.CsrfHeader}'").ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
