using System.Net;
using System.Text.Json;
using OpenQA.Selenium;
using UrbanTwin.TestSupport;
using UrbanTwin.TwinApi.Tests.Access;

namespace UrbanTwin.TwinApi.Tests.Dashboard;

/// <summary>
/// The dashboard in Debian's headless Chromium against the real host running a simulated city,
/// with no way off the machine: the map shows the registered assets, a reading published over
/// MQTT changes its marker and the asset panel within seconds, its alert appears in the list, an
/// operator limited to an area sees only that area, and each main view is saved as a screenshot.
/// </summary>
[Collection(SimulatedCityDefinition.Name)]
public sealed class DashboardBrowserTests(SimulatedCityHostFixture fixture)
{
    /// <summary>Set to 1 to renew the README's screenshot of the dashboard from this run.</summary>
    private const string UpdateReadmeScreenshot = "UPDATE_README_SCREENSHOT";

    private static readonly TimeSpan Patience = DashboardPage.Patience;

    [Fact]
    public async Task The_map_shows_every_registered_asset_from_the_node_alone()
    {
        using var admin = fixture.Admin();
        var listed = await Eventually.WaitAsync(() => CountOnMapAsync(admin), count => count >= SimulatedCityHostFixture.Devices, Patience);
        using var browser = Browser.Start();
        var page = DashboardPage.Open(browser, fixture.Host.BaseUri);

        page.SignIn(SimulatedCityHostFixture.AdminKey);
        page.WaitForAssetCount(listed);
        page.WaitForLiveFeed();
        page.Wait(d => page.CountOf("ok") + page.CountOf("daqi-high") + page.CountOf("alert") > 0);
        var overview = page.Screenshot("dashboard-overview");

        Assert.Equal(listed, page.AssetCount);
        Assert.Contains("every area", page.Driver.FindElement(By.Id("who")).Text, StringComparison.Ordinal);
        Assert.True(page.TabShown("fleet") && page.TabShown("node"), "an admin manages the fleet and watches the node");
        Assert.Empty(page.Violations());
        var origin = fixture.Host.BaseUri.GetLeftPart(UriPartial.Authority) + "/";
        Assert.All(page.ResourcesLoaded(), url => Assert.StartsWith(origin, url, StringComparison.Ordinal));
        Assert.DoesNotContain(SimulatedCityHostFixture.AdminKey, page.ResourcesLoaded().Aggregate("", string.Concat), StringComparison.Ordinal);
        Assert.Equal(SimulatedCityHostFixture.AdminKey, ((IJavaScriptExecutor)page.Driver).ExecuteScript("return sessionStorage.getItem('urbantwin.apiKey');"));
        Assert.Equal("", ((IJavaScriptExecutor)page.Driver).ExecuteScript("return document.cookie;"));
        if (Environment.GetEnvironmentVariable(UpdateReadmeScreenshot) == "1")
        {
            File.Copy(overview, Path.Combine(RepositoryPaths.Root, "docs", "images", "dashboard.png"), overwrite: true);
        }
    }

    [Fact]
    public async Task A_reading_published_over_mqtt_changes_its_marker_and_panel_and_its_alert_joins_the_list()
    {
        var name = "Great Russell Street " + Guid.NewGuid().ToString("N")[..6];
        await using var station = await RegisterStationAsync(name);
        using var browser = Browser.Start();
        var page = ShowNewStation(browser, station, name);

        await station.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-2), "\"no2\":41.5,\"pm2_5\":9.5");
        page.WaitForValue("no2", "41.5 µg/m³");
        Assert.EndsWith(": DAQI Low", page.WaitForMarker(name, "daqi-low").GetDomAttribute("title"), StringComparison.Ordinal);
        // The DAQI takes NO2's hourly mean: (41.5 + 1500) / 2 is Very High (10).
        await station.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-1), "\"no2\":1500");
        page.WaitForValue("no2", "1,500 µg/m³");
        page.WaitForMarker(name, "daqi-very-high");
        page.WaitForPanelLook("daqi-very-high");
        page.Screenshot("dashboard-asset");
        page.Tab("overview");
        var alert = page.WaitForAlert(station.Id).Text;
        page.Screenshot("dashboard-alerts");

        Assert.Contains("critical", alert, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("air-quality-high", alert, StringComparison.Ordinal);
        Assert.Empty(page.Violations());
    }

    [Fact]
    public async Task A_moderate_reading_colours_the_marker_by_its_daqi_band_from_the_live_feed_with_the_band_in_its_title()
    {
        var name = "Bloomsbury Square " + Guid.NewGuid().ToString("N")[..6];
        await using var station = await RegisterStationAsync(name);
        using var browser = Browser.Start();
        var page = ShowNewStation(browser, station, name);

        // NO2 at 300 µg/m³ is DAQI 5, Moderate: no alert, so only the band can colour the marker.
        await station.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-1), "\"no2\":300");
        var marker = page.WaitForMarker(name, "daqi-moderate");

        Assert.EndsWith(": DAQI Moderate", marker.GetDomAttribute("title"), StringComparison.Ordinal);
        Assert.Empty(page.Violations());
    }

    private async Task<AssetDevice> RegisterStationAsync(string name)
    {
        using var admin = fixture.Admin();
        return await AssetDevice.RegisterAsync(fixture.Host, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum).Named(name));
    }

    /// <summary>Signs in as the admin, follows the live feed and shows the new station, offline until it reports.</summary>
    private DashboardPage ShowNewStation(Browser browser, AssetDevice station, string name)
    {
        var page = DashboardPage.Open(browser, fixture.Host.BaseUri);
        page.SignIn(SimulatedCityHostFixture.AdminKey);
        page.WaitForLiveFeed();
        page.ShowAsset(station.Id);
        page.WaitForMarker(name, "offline");
        return page;
    }

    [Fact]
    public async Task An_operator_limited_to_an_area_sees_only_that_areas_assets_alerts_and_boundary()
    {
        using var admin = fixture.Admin();
        var camden = await ApiKeys.IssueAsync(admin, "operator", [Places.Camden], "Camden day shift");
        await using var theirs = await AssetDevice.RegisterAsync(fixture.Host, admin, AssetBuilder.AirQuality().At(Places.PalaceOfWestminster).Named("Parliament Square"));
        await using var ours = await AssetDevice.RegisterAsync(fixture.Host, admin, AssetBuilder.AirQuality().At(Places.BritishMuseum).Named("Bloomsbury Square"));
        await theirs.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-2), "\"no2\":700");
        await ours.SendAsync(DateTimeOffset.UtcNow.AddSeconds(-2), "\"no2\":700");
        using var scoped = fixture.Host.CreateClient(camden.Key);
        var inCamden = await CountInAreaAsync(scoped, Places.Camden);
        using var browser = Browser.Start();
        var page = DashboardPage.Open(browser, fixture.Host.BaseUri);

        page.SignIn(camden.Key);
        page.WaitForAssetCount(inCamden);
        page.WaitForAlert(ours.Id);
        page.Screenshot("dashboard-area-operator");
        page.Tab("area");
        var areas = page.Driver.FindElements(By.CssSelector("#area-select option")).Select(o => o.GetDomAttribute("value")).ToList();
        page.Driver.FindElement(By.CssSelector("#area-form button[type='submit']")).Click();
        var summary = page.Wait(d => d.FindElements(By.CssSelector("#area .area-summary")).FirstOrDefault()).Text;
        page.Screenshot("dashboard-area");
        page.ShowAsset(theirs.Id);
        var refusal = page.Wait(d => d.FindElements(By.CssSelector("#asset .error")).FirstOrDefault()).Text;

        Assert.Equal([Places.Camden], areas);
        Assert.Contains("areas " + Places.Camden, page.Driver.FindElement(By.Id("who")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Id, page.AlertedAssets);
        Assert.Contains("Mean PM2.5 now", summary, StringComparison.Ordinal);
        Assert.Contains("no asset", refusal, StringComparison.OrdinalIgnoreCase);
        Assert.False(page.TabShown("node"), "the node panel is for admins");
        Assert.True(page.TabShown("fleet"), "operators manage the assets of their areas");
    }

    [Fact]
    public async Task Fleet_and_node_panels_register_an_asset_showing_its_secret_once_and_show_the_nodes_health()
    {
        using var admin = fixture.Admin();

        // The simulated fleet first: run before the other tests, this one counted the map while
        // the simulator was still registering it, and waited for a page that had moved on.
        var before = await Eventually.WaitAsync(() => CountOnMapAsync(admin), count => count >= SimulatedCityHostFixture.Devices, Patience);
        using var browser = Browser.Start();
        var page = DashboardPage.Open(browser, fixture.Host.BaseUri);
        page.SignIn(SimulatedCityHostFixture.AdminKey);
        page.WaitForLiveFeed();
        page.WaitForAssetCount(before);
        var id = "aq-dash-" + Guid.NewGuid().ToString("N")[..8];

        page.Tab("fleet");
        var form = page.Wait(d => d.FindElements(By.CssSelector("#panel-fleet form")).FirstOrDefault());
        form.FindElement(By.Name("id")).SendKeys(id);
        form.FindElement(By.Name("name")).SendKeys("Tavistock Square");
        form.FindElement(By.Name("lon")).SendKeys("-0.1293");
        form.FindElement(By.Name("lat")).SendKeys("51.5246");
        form.FindElement(By.CssSelector("button[type='submit']")).Click();
        var secret = page.Wait(d => d.FindElements(By.CssSelector("#panel-fleet .secret-value")).FirstOrDefault()).Text;
        page.Screenshot("dashboard-fleet");
        page.WaitForAssetCount(before + 1);
        page.Tab("node");
        page.Wait(d => d.FindElement(By.Id("panel-node")).Text.Contains("Readings accepted per second", StringComparison.Ordinal) && d.FindElement(By.Id("panel-node")).Text.Contains("Readiness", StringComparison.Ordinal));
        page.Screenshot("dashboard-node");

        Assert.Matches("^[A-Za-z0-9_-]{20,}$", secret);
        Assert.Contains("silo", page.Driver.FindElement(By.Id("panel-node")).Text, StringComparison.Ordinal);
        Assert.Empty(page.Violations());
    }

    [Fact]
    public void A_wrong_key_is_refused_and_kept_nowhere()
    {
        using var browser = Browser.Start();
        var page = DashboardPage.Open(browser, fixture.Host.BaseUri);
        page.Wait(d => d.FindElement(By.Id("api-key")).Displayed);

        page.Driver.FindElement(By.Id("api-key")).SendKeys("ut_0123456789abcdef_not-a-real-secret-at-all-000000000");
        page.Driver.FindElement(By.Id("api-key")).SendKeys(Keys.Enter);
        page.Wait(d => page.SignInError.Length > 0);

        Assert.Contains("not valid", page.SignInError, StringComparison.Ordinal);
        Assert.Null(((IJavaScriptExecutor)page.Driver).ExecuteScript("return sessionStorage.getItem('urbantwin.apiKey');"));
        Assert.False(page.Driver.FindElement(By.Id("workspace")).Displayed);
    }

    /// <summary>How many assets the API lists on the map over London, as the dashboard reads them.</summary>
    private static async Task<int> CountOnMapAsync(HttpClient client)
    {
        var count = 0;
        var next = "/api/assets?bbox=-0.52,51.28,0.34,51.7&limit=1000";
        while (next is not null)
        {
            var page = (await client.GetJsonAsync(next)).AssertOk();
            count += page.GetProperty("items").GetArrayLength();
            next = page.TryGetProperty("next", out var link) ? link.GetString() : null;
        }

        return count;
    }

    private static async Task<int> CountInAreaAsync(HttpClient client, string area)
    {
        var (status, page) = await client.GetJsonAsync($"/api/areas/{area}/assets?limit=1000");
        Assert.Equal(HttpStatusCode.OK, status);
        return page.GetProperty("items").GetArrayLength();
    }
}
