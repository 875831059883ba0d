using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// The browser session cookie (<see cref="BrowserSessions.CookieName"/>): the identity of the API
/// key the session was opened with, for as long as the session lasts and the key is not revoked.
/// The session is kept in the request's features for the CSRF check (<see cref="CsrfProtection"/>).
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BrowserSessions sessions,
    ApiKeyRegistry registry) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Session";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(BrowserSessions.CookieName, out var token))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (sessions.Find(token) is not { } session)
        {
            return Task.FromResult(AuthenticateResult.Fail("the session has expired or was ended: sign in again with the API key"));
        }

        if (!registry.IsActive(session.Identity.KeyId))
        {
            sessions.End(token);
            return Task.FromResult(AuthenticateResult.Fail("the session's API key was revoked"));
        }

        Context.Features.Set(session);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(session.Identity.ToPrincipal(SchemeName), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await AccessRefusals.ChallengeAsync(Context, failure ?? "sign in: POST /api/session with 'Authorization: Bearer <api key>'");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AccessRefusals.ForbidAsync(Context);
}
