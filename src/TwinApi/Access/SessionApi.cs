using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using UrbanTwin.TwinApi.Reference;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// <c>/api/session</c>: a browser exchanges its API key for a short-lived session cookie
/// (HttpOnly, SameSite=Strict, never readable by script), which its <c>EventSource</c> and
/// requests then send instead of the key (<see cref="BrowserSessions"/>).
/// </summary>
public static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags(ApiTags.Sessions);
        group.MapPost("/", Open).RequireAuthorization(AccessPolicies.SignIn)
            .Documented(
                "openSession",
                "Sign a browser in",
                "Exchanges the API key sent as `Authorization: Bearer` for a browser session: the answer sets the `ut_session` cookie (HttpOnly, SameSite=Strict, `Path=/`, Secure over HTTPS) that then stands for the key on every route, so a browser's `EventSource` can follow the live feed. "
                + "The session lasts `Auth:SessionLifetime` (15 minutes), ends with its key's revocation or a node restart, and sees what the key sees. A request made with the cookie that changes something must send the session's `csrfToken` as `X-CSRF-Token`.");
        group.MapGet("/", Get).RequireAuthorization(AccessPolicies.Session)
            .Documented("getSession", "Get the browser's session", "The session the `ut_session` cookie opens: who it speaks for, its CSRF token and when it ends.");
        group.MapDelete("/", End).RequireAuthorization(AccessPolicies.Session)
            .Documented("endSession", "Sign a browser out", "Ends the session the `ut_session` cookie opens, at once, and clears the cookie. Needs the session's `X-CSRF-Token`.");
        return app;
    }

    internal static Ok<SessionView> Open(HttpContext context, ClaimsPrincipal user, BrowserSessions sessions)
    {
        var (token, session) = sessions.Open(user.ToIdentity());
        context.Response.Cookies.Append(BrowserSessions.CookieName, token, SessionCookie(context, sessions.Lifetime));
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(SessionView.Of(session));
    }

    internal static Ok<SessionView> Get(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(SessionView.Of(context.Features.GetRequiredFeature<BrowserSession>()));
    }

    internal static NoContent End(HttpContext context, BrowserSessions sessions)
    {
        sessions.End(context.Request.Cookies[BrowserSessions.CookieName] ?? "");
        context.Response.Cookies.Delete(BrowserSessions.CookieName, SessionCookie(context, TimeSpan.Zero));
        return TypedResults.NoContent();
    }

    private static CookieOptions SessionCookie(HttpContext context, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };
}
