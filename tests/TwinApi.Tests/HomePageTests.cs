using System.Net;
using System.Text.RegularExpressions;

namespace UrbanTwin.TwinApi.Tests;

/// <summary><c>GET /</c> is a page of links for a browser, and every link on it answers.</summary>
[Collection(HostDefinition.Name)]
public sealed partial class HomePageTests(HostFixture fixture)
{
    [Fact]
    public async Task The_root_is_a_page_whose_every_link_answers_anonymously()
    {
        using var client = fixture.Anonymous();

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var links = Link().Matches(html).Select(m => m.Groups["href"].Value).ToList();
        Assert.Equal(["/reference", "/openapi/v1.json", "/opendata/v1/", "/health"], links);
        foreach (var link in links)
        {
            using var answer = await client.GetAsync(new Uri(link, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"GET {link}: {(int)answer.StatusCode}");
        }
    }

    [GeneratedRegex("href=\"(?<href>[^\"]+)\"")]
    private static partial Regex Link();
}
