using System.Net;
using System.Text.Json;
using UrbanTwin.TestSupport;
using UrbanTwin.TwinApi.Tests.Access;

namespace UrbanTwin.TwinApi.Tests.Security;

/// <summary>
/// The browser session a dashboard exchanges its API key for, attacked: the cookie cannot be read
/// by script nor sent cross-site, sees no more than its key (its live feed: <see cref="LiveApiTests"/>),
/// cannot change anything without the session's CSRF token, cannot renew itself, dies with
/// sign-out and with its key, and no API key is ever taken from a URL.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed class BrowserSessionTests(HostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_in_sets_an_httponly_samesite_strict_cookie_and_answers_the_key_identity_never_the_key()
    {
        using var session = await BrowserSessionClient.SignInAsync(fixture.Host, HostFixture.AdminKey);

        var cookie = session.SetCookie.ToLowerInvariant();
        Assert.StartsWith("ut_session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=900", cookie, StringComparison.Ordinal);
        Assert.Equal("admin", session.Session.GetProperty("role").GetString());
        Assert.False(session.Session.TryGetProperty("areas", out _));
        Assert.True(session.Session.GetProperty("expiresAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow.AddMinutes(15.1));
        Assert.DoesNotContain(HostFixture.AdminKey, session.Session.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(HostFixture.AdminKey, session.SetCookie, StringComparison.Ordinal);
        Assert.NotEqual(session.CookieValue, session.CsrfToken);
    }

    [Fact]
    public async Task A_cookie_from_one_areas_key_cannot_see_another_areas_twins_areas_or_alerts()
    {
        using var admin = fixture.Admin();
        var camden = await ApiKeys.IssueAsync(admin, "operator", [Places.Camden]);
        await using var theirs = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.PalaceOfWestminster));
        await using var ours = await AssetDevice.RegisterAsync(fixture, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum));
        await theirs.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-5), "\"no2\":700");
        await Eventually.WaitAsync(
            async () => (await admin.GetJsonAsync($"/api/alerts?area={Places.Westminster}")).Body,
            alerts => alerts.GetProperty("alerts").EnumerateArray().Any(a => a.GetProperty("assetId").GetString() == theirs.Id),
            Patience);
        using var session = await BrowserSessionClient.SignInAsync(fixture.Host, camden.Key);

        using var theirTwin = await session.SendAsync(HttpMethod.Get, $"/api/assets/{theirs.Id}/twin");
        using var ourTwin = await session.SendAsync(HttpMethod.Get, $"/api/assets/{ours.Id}/twin");
        using var areas = await session.SendAsync(HttpMethod.Get, "/api/areas");
        using var alerts = await session.SendAsync(HttpMethod.Get, "/api/alerts?limit=1000");
        using var theirArea = await session.SendAsync(HttpMethod.Get, $"/api/areas/{Places.Westminster}/assets");

        await ProblemAssert.IsAsync(theirTwin, HttpStatusCode.NotFound, "asset-not-found");
        Assert.Equal(HttpStatusCode.OK, ourTwin.StatusCode);
        Assert.Equal([Places.Camden], Ids(await areas.Content.ReadAsStringAsync(Token), "id"));
        Assert.DoesNotContain(theirs.Id, Ids((await alerts.Content.ReadAsStringAsync(Token)), "assetId", "alerts"));
        await ProblemAssert.IsAsync(theirArea, HttpStatusCode.NotFound, "area-not-found");
    }

    [Fact]
    public async Task A_write_with_the_cookie_but_without_the_sessions_csrf_token_is_refused_and_changes_nothing()
    {
        using var session = await BrowserSessionClient.SignInAsync(fixture.Host, HostFixture.AdminKey);
        using var other = await BrowserSessionClient.SignInAsync(fixture.Host, HostFixture.AdminKey);
        using var admin = fixture.Admin();
        var asset = AssetBuilder.AirQuality().At(Places.BritishMuseum);

        using var none = await session.SendAsync(HttpMethod.Post, "/api/assets", asset.ToString());
        using var wrong = await session.SendAsync(HttpMethod.Post, "/api/assets", asset.ToString(), "not-the-token");
        using var another = await session.SendAsync(HttpMethod.Post, "/api/assets", asset.ToString(), other.CsrfToken);
        var registeredMeanwhile = (await admin.GetJsonAsync($"/api/assets/{asset.Id}")).Status;
        using var right = await session.SendAsync(HttpMethod.Post, "/api/assets", asset.ToString(), session.CsrfToken);

        foreach (var refused in new[] { none, wrong, another })
        {
            Assert.Contains("X-CSRF-Token", await ProblemAssert.IsAsync(refused, HttpStatusCode.Forbidden, "csrf-failed"), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, registeredMeanwhile);
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
    }

    [Fact]
    public async Task A_cookie_cannot_open_another_session_nor_outlive_sign_out()
    {
        using var session = await BrowserSessionClient.SignInAsync(fixture.Host, HostFixture.AdminKey);

        using var renewal = await session.SendAsync(HttpMethod.Post, "/api/session", csrfToken: session.CsrfToken);
        using var renewalWithoutToken = await session.SendAsync(HttpMethod.Post, "/api/session");
        using var signOutWithoutToken = await session.SendAsync(HttpMethod.Delete, "/api/session");
        using var stillIn = await session.SendAsync(HttpMethod.Get, "/api/session");
        var cookie = session.CookieValue;
        using var signOut = await session.SendAsync(HttpMethod.Delete, "/api/session", csrfToken: session.CsrfToken);
        using var replayed = await WithCookieAsync(cookie, "/api/alerts");

        await ProblemAssert.IsAsync(renewal, HttpStatusCode.Unauthorized, "unauthenticated");
        await ProblemAssert.IsAsync(renewalWithoutToken, HttpStatusCode.Forbidden, "csrf-failed");
        await ProblemAssert.IsAsync(signOutWithoutToken, HttpStatusCode.Forbidden, "csrf-failed");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Contains("expired or was ended", await ProblemAssert.IsAsync(replayed, HttpStatusCode.Unauthorized, "unauthenticated"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_the_key_ends_its_sessions_at_once()
    {
        using var admin = fixture.Admin();
        var key = await ApiKeys.IssueAsync(admin, "operator");
        using var session = await BrowserSessionClient.SignInAsync(fixture.Host, key.Key);
        using var before = await session.SendAsync(HttpMethod.Get, "/api/alerts");

        Assert.Equal(HttpStatusCode.OK, await ApiKeys.RevokeAsync(admin, key.Id));
        using var after = await session.SendAsync(HttpMethod.Get, "/api/alerts");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("revoked", await ProblemAssert.IsAsync(after, HttpStatusCode.Unauthorized, "unauthenticated"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_signing_in_over_and_over_holds_a_bounded_number_of_sessions_its_oldest_ended_first()
    {
        using var admin = fixture.Admin();
        var key = await ApiKeys.IssueAsync(admin, "operator");
        const int MaxPerKey = 32; // BrowserSessions.MaxPerKey, docs/security.md
        var sessions = new List<BrowserSessionClient>();
        try
        {
            for (var i = 0; i <= MaxPerKey; i++)
            {
                sessions.Add(await BrowserSessionClient.SignInAsync(fixture.Host, key.Key));
            }

            using var oldest = await sessions[0].SendAsync(HttpMethod.Get, "/api/alerts");
            using var second = await sessions[1].SendAsync(HttpMethod.Get, "/api/alerts");
            using var newest = await sessions[^1].SendAsync(HttpMethod.Get, "/api/alerts");

            await ProblemAssert.IsAsync(oldest, HttpStatusCode.Unauthorized, "unauthenticated");
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task A_made_up_cookie_is_refused_and_a_monitor_key_cannot_sign_in()
    {
        using var admin = fixture.Admin();
        var monitor = await ApiKeys.IssueAsync(admin, "monitor");
        using var anonymous = fixture.Anonymous();

        using var madeUp = await WithCookieAsync("A8kC2bqJm0oXq2yXfQ7mX9YpPzv4m1nJb3Wc5e6T7u0", "/api/alerts");
        using var monitorClient = fixture.WithKey(monitor.Key);
        var refusedMonitor = await monitorClient.PostAsync("/api/session", "");
        using var noKey = await anonymous.PostAsync(new Uri("api/session", UriKind.Relative), null, Token);

        await ProblemAssert.IsAsync(madeUp, HttpStatusCode.Unauthorized, "unauthenticated");
        refusedMonitor.AssertProblem(HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsAsync(noKey, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Theory]
    [InlineData("/api/live?access_token={key}")]
    [InlineData("/api/alerts?api_key={key}")]
    [InlineData("/api/assets?bbox=-0.2,51.4,0,51.6&ApiKey={key}")]
    [InlineData("/?apikey={key}")]
    public async Task An_api_key_in_a_url_parameter_named_for_keys_is_refused_even_a_valid_one(string path)
    {
        using var anonymous = fixture.Anonymous();

        using var answer = await anonymous.GetAsync(new Uri(path.Replace("{key}", Uri.EscapeDataString(HostFixture.AdminKey), StringComparison.Ordinal).TrimStart('/'), UriKind.Relative), Token);
        using var admin = fixture.Admin();
        var issued = await ApiKeys.IssueAsync(admin, "operator");
        using var issuedKey = await anonymous.GetAsync(new Uri(path.Replace("{key}", issued.Key, StringComparison.Ordinal).TrimStart('/'), UriKind.Relative), Token);

        Assert.Contains("Authorization: Bearer", await ProblemAssert.IsAsync(answer, HttpStatusCode.BadRequest, "key-in-url"), StringComparison.Ordinal);
        await ProblemAssert.IsAsync(issuedKey, HttpStatusCode.BadRequest, "key-in-url");
    }

    [Fact]
    public async Task A_key_shaped_value_under_any_name_is_refused_even_with_a_valid_session()
    {
        using var session = await BrowserSessionClient.SignInAsync(fixture.Host, HostFixture.AdminKey);
        using var admin = fixture.Admin();
        var issued = await ApiKeys.IssueAsync(admin, "operator");

        using var answer = await session.SendAsync(HttpMethod.Get, "/api/alerts?kind=" + issued.Key);

        await ProblemAssert.IsAsync(answer, HttpStatusCode.BadRequest, "key-in-url");
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path)
    {
        using var client = fixture.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path.TrimStart('/'), UriKind.Relative));
        request.Headers.Add("Cookie", "ut_session=" + cookie);
        var response = await client.SendAsync(request, Token);
        await response.Content.LoadIntoBufferAsync(Token);
        return response;
    }

    private static List<string> Ids(string json, string property, string? array = null)
    {
        using var document = JsonDocument.Parse(json);
        var items = array is null ? document.RootElement : document.RootElement.GetProperty(array);
        return items.EnumerateArray().Select(i => i.GetProperty(property).GetString()!).ToList();
    }
}
