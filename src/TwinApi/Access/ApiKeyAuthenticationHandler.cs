using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. No header: anonymous (open data and health only). A key
/// the hub does not know: 401. Challenges and refusals answer as problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRegistry registry) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue("Authorization", out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var header = values.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer <api key>'");
        }

        var identity = await registry.ValidateAsync(header[7..].Trim());
        return identity is null
            ? AuthenticateResult.Fail("the API key is not valid or was revoked")
            : AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The middleware keeps only a successful result in the request's features; this handler
        // remembers its own, failures included, for the rest of the request.
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await AccessRefusals.ChallengeAsync(Context, failure ?? "send 'Authorization: Bearer <api key>'");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AccessRefusals.ForbidAsync(Context);
}
