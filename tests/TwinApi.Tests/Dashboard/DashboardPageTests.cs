using System.Net;
using System.Text.RegularExpressions;

namespace UrbanTwin.TwinApi.Tests.Dashboard;

/// <summary>
/// <c>GET /</c> is the dashboard: its page and every file it loads come from the node under a
/// strict Content-Security-Policy, the page has no inline script or style, and its footer links
/// to the rest of the node, every link answering anonymously.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed partial class DashboardPageTests(HostFixture fixture)
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_root_is_the_dashboard_under_a_strict_content_security_policy_with_nothing_inline()
    {
        using var client = fixture.Anonymous();

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative), Token);
        var html = await page.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        AssertLockedDown(page);
        Assert.All(Script().Matches(html), script => Assert.Matches("src=\"/app/[^\"]+\\.js\"", script.Value));
        Assert.DoesNotMatch("<style|style=|\\son[a-z]+=|javascript:", html);
        Assert.All(Reference().Matches(html).Select(m => m.Groups["url"].Value), url => Assert.Matches("^[/#]", url));
    }

    [Fact]
    public async Task Every_file_the_page_loads_is_served_by_the_node_with_the_same_policy()
    {
        using var client = fixture.Anonymous();
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Token);

        foreach (var url in Reference().Matches(html).Select(m => m.Groups["url"].Value).Where(u => u.StartsWith("/app/", StringComparison.Ordinal)).Append("/app/data/london-wards.geojson"))
        {
            using var file = await client.GetAsync(new Uri(url, UriKind.Relative), Token);
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)file.StatusCode}");
            AssertLockedDown(file);
        }

        using var missing = await client.GetAsync(new Uri("/app/nothing.js", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_footer_links_to_the_rest_of_the_node_and_every_link_answers_anonymously()
    {
        using var client = fixture.Anonymous();
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Token);

        var footer = Footer().Match(html).Value;
        var links = Link().Matches(footer).Select(m => m.Groups["href"].Value).ToList();

        Assert.Equal(["/reference", "/openapi/v1.json", "/opendata/v1/", "/health"], links);
        foreach (var link in links)
        {
            using var answer = await client.GetAsync(new Uri(link, UriKind.Relative), Token);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"GET {link}: {(int)answer.StatusCode}");
        }
    }

    private static void AssertLockedDown(HttpResponseMessage response)
    {
        Assert.Equal(Policy, string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(", ", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(", ", response.Headers.GetValues("Referrer-Policy")));
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]+)\"")]
    private static partial Regex Reference();

    [GeneratedRegex("<footer[\\s\\S]*</footer>")]
    private static partial Regex Footer();

    [GeneratedRegex("href=\"(?<href>[^\"]+)\"")]
    private static partial Regex Link();
}
