using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Security;

/// <summary>
/// An HTTP client signed in as a browser is: it exchanged an API key for the session cookie
/// (<c>POST /api/session</c>) and from then on sends the cookie, never the key.
/// </summary>
internal sealed class BrowserSessionClient : IDisposable
{
    private BrowserSessionClient(HttpClient client, CookieContainer cookies, string setCookie, JsonElement session)
    {
        Client = client;
        Cookies = cookies;
        SetCookie = setCookie;
        Session = session;
    }

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; }

    /// <summary>The <c>Set-Cookie</c> header of the sign-in answer.</summary>
    public string SetCookie { get; }

    /// <summary>The sign-in answer.</summary>
    public JsonElement Session { get; }

    public string CsrfToken => Session.GetProperty("csrfToken").GetString()!;

    public string CookieValue => Cookies.GetCookies(Client.BaseAddress!)["ut_session"]!.Value;

    public static async Task<BrowserSessionClient> SignInAsync(TwinHost host, string apiKey)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/session", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /api/session: {(int)response.StatusCode} {body}");
        return new BrowserSessionClient(client, cookies, string.Join("\n", response.Headers.GetValues("Set-Cookie")), JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>A request with the session cookie and, when given, <c>X-CSRF-Token</c>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? csrfToken = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        if (csrfToken is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrfToken);
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public void Dispose() => Client.Dispose();
}
