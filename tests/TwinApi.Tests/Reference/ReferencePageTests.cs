using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace UrbanTwin.TwinApi.Tests.Reference;

/// <summary>
/// <c>/reference</c> in a real browser that cannot reach outside the machine: the page shows the
/// product's API, its groups and operations, from the node alone, with none of the reference tool's
/// buttons that call outside services.
/// </summary>
[Collection(HostDefinition.Name)]
public sealed class ReferencePageTests(HostFixture fixture)
{
    [Fact]
    public void The_reference_page_shows_the_api_with_no_network_and_no_outside_services()
    {
        using var browser = Browser.Start();
        var origin = fixture.Host.BaseUri.GetLeftPart(UriPartial.Authority);

        browser.Driver.Navigate().GoToUrl(new Uri(fixture.Host.BaseUri, "reference/"));
        var text = new WebDriverWait(browser.Driver, TimeSpan.FromSeconds(30)).Until(d =>
        {
            var body = d.FindElement(By.TagName("body")).Text;
            return body.Contains("Register an asset and provision its device", StringComparison.Ordinal) ? body : null;
        });

        Assert.Equal("UrbanTwin API", browser.Driver.Title);
        Assert.Contains("The HTTP API of an UrbanTwin node", text, StringComparison.Ordinal);
        foreach (var group in new[] { "Fleet", "Twins", "Map", "Areas", "History", "Alerts and live feed", "API keys", "Audit log", "Open data", "Health" })
        {
            Assert.Contains(group, text, StringComparison.Ordinal);
        }

        foreach (var outside in new[] { "Ask AI", "Generate SDK", "Generate MCP", "Deploy", "Developer Tools" })
        {
            Assert.DoesNotContain(outside, text, StringComparison.OrdinalIgnoreCase);
        }

        var elsewhere = browser.ResourcesLoaded().Where(url => !url.StartsWith(origin + "/", StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, "the page asked outside the node for:\n" + string.Join("\n", elsewhere));
    }
}
