namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// A browser session as its page sees it: who the key speaks for (no <see cref="Areas"/>: every
/// area), the CSRF token its unsafe requests must send, and when it ends.
/// </summary>
public sealed record SessionView(string KeyId, string Name, string Role, IReadOnlyList<string>? Areas, string CsrfToken, DateTimeOffset ExpiresAt)
{
    public static SessionView Of(BrowserSession session) =>
        new(session.Identity.KeyId, session.Identity.Name, session.Identity.Role, session.Identity.Areas, session.CsrfToken, session.ExpiresAt);
}
