using OpenQA.Selenium;
using UrbanTwin.TestSupport.Servers;

namespace UrbanTwin.TwinApi.Tests.Dashboard;

/// <summary>
/// The dashboard's connection indicator in a real browser: it says when the live feed is down
/// (the node killed) and the page reconnects by itself once the node is back, signing in again
/// with the key in its tab (a restarted node has forgotten every session).
/// </summary>
public sealed class LiveIndicatorTests
{
    private const string AdminKey = "indicator-admin-key-8d2f6b1e4a9c3e7f";

    [Fact]
    public async Task The_indicator_shows_the_feed_down_while_the_node_is_away_and_the_page_reconnects_by_itself()
    {
        var first = await TwinHost.StartAsync(new Dictionary<string, string> { ["Auth:AdminKey"] = AdminKey });
        TwinHost? second = null;
        try
        {
            using var browser = Browser.Start();
            var page = DashboardPage.Open(browser, first.BaseUri);
            page.SignIn(AdminKey);
            page.WaitForLiveFeed();

            await first.KillAsync();
            page.Wait(d => d.FindElement(By.Id("feed")).GetDomAttribute("data-state") == "down");
            var down = page.Driver.FindElement(By.Id("feed")).Text;
            page.Screenshot("dashboard-feed-down");
            // The same address, ports and data directory: the page's origin, a node that forgot its sessions.
            second = await TwinHost.StartAsync(first.Settings, environment: new Dictionary<string, string> { ["ASPNETCORE_URLS"] = first.BaseUri.ToString().TrimEnd('/') });
            page.WaitForLiveFeed();

            Assert.StartsWith("Live feed: down", down, StringComparison.Ordinal);
            Assert.True(page.Driver.FindElement(By.Id("workspace")).Displayed, "the page stayed signed in");
            Assert.Empty(page.Violations());
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }
}
