namespace UrbanTwin.TwinApi.Access;

/// <summary>
/// A browser signed in with an API key: who the key speaks for, the token its unsafe requests
/// must echo (<see cref="BrowserSessions.CsrfHeader"/>), and when it ends.
/// </summary>
public sealed record BrowserSession(ApiKeyIdentity Identity, string CsrfToken, DateTimeOffset ExpiresAt);
