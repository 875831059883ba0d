using System.Security.Claims;
using UrbanTwin.TwinApi.Problems;

namespace UrbanTwin.TwinApi.Access;

/// <summary>How both ways in (API key, browser session) refuse a caller: as problem details.</summary>
public static class AccessRefusals
{
    /// <summary>401 <c>unauthenticated</c> with a <c>WWW-Authenticate: Bearer</c> header.</summary>
    public static Task ChallengeAsync(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Unauthenticated.Result(detail).ExecuteAsync(context);
    }

    /// <summary>403 <c>forbidden</c>: the caller's role does not allow the request.</summary>
    public static Task ForbidAsync(HttpContext context) =>
        ApiProblems.Forbidden.Result($"role '{context.User.FindFirst(ClaimTypes.Role)?.Value}' may not {context.Request.Method} {context.Request.Path}").ExecuteAsync(context);
}
