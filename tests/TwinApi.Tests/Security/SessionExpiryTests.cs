using System.Net;
using UrbanTwin.TestSupport;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Security;

/// <summary>A browser session is short-lived: after <c>Auth:SessionLifetime</c> its cookie opens nothing, not even the live feed.</summary>
public sealed class SessionExpiryTests : IAsyncLifetime
{
    private const string AdminKey = "session-expiry-admin-key-5b8e1f3a9c2d";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    private TwinHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await TwinHost.StartAsync(new Dictionary<string, string>
    {
        ["Auth:AdminKey"] = AdminKey,
        ["Auth:SessionLifetime"] = "00:00:03",
    });

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_expired_sessions_cookie_is_refused_everywhere()
    {
        using var session = await BrowserSessionClient.SignInAsync(_host, AdminKey);
        var cookie = session.CookieValue;
        var expiresAt = session.Session.GetProperty("expiresAt").GetDateTimeOffset();
        using var fresh = await session.SendAsync(HttpMethod.Get, "/api/session");

        // The client's cookie jar drops the cookie at its Max-Age; a browser that kept it anyway is refused by the node.
        var refused = await Eventually.WaitAsync(
            async () => (await SendWithCookieAsync(cookie, "/api/session")).StatusCode,
            status => status == HttpStatusCode.Unauthorized,
            Lifetime * 4);
        using var live = await SendWithCookieAsync(cookie, "/api/live");
        using var write = await SendWithCookieAsync(cookie, "/api/assets", session.CsrfToken, HttpMethod.Post);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.True(DateTimeOffset.UtcNow >= expiresAt.AddMilliseconds(-100), "refused before it expired");
        Assert.True(expiresAt - DateTimeOffset.UtcNow < Lifetime, "the session was given more than Auth:SessionLifetime");
        Assert.Contains("expired", await ProblemAssert.IsAsync(live, HttpStatusCode.Unauthorized, "unauthenticated"), StringComparison.Ordinal);
        await ProblemAssert.IsAsync(write, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private async Task<HttpResponseMessage> SendWithCookieAsync(string cookie, string path, string? csrfToken = null, HttpMethod? method = null)
    {
        using var client = _host.CreateClient();
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(path.TrimStart('/'), UriKind.Relative));
        request.Headers.Add("Cookie", "ut_session=" + cookie);
        if (csrfToken is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrfToken);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        }

        return response;
    }
}
