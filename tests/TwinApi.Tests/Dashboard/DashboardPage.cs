using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using UrbanTwin.TestSupport;

namespace UrbanTwin.TwinApi.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser, driven as an operator would (typing, clicking, reading what
/// is shown), with every Content-Security-Policy violation the page meets recorded.
/// </summary>
internal sealed class DashboardPage
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private const string RecordViolations =
        "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";

    private readonly Browser _browser;

    private DashboardPage(Browser browser) => _browser = browser;

    public IWebDriver Driver => _browser.Driver;

    public static DashboardPage Open(Browser browser, Uri baseUri)
    {
        browser.Driver.ExecuteCdpCommand("Page.addScriptToEvaluateOnNewDocument", new Dictionary<string, object?> { ["source"] = RecordViolations });
        browser.Driver.Navigate().GoToUrl(baseUri);
        return new DashboardPage(browser);
    }

    public void SignIn(string key)
    {
        var input = Wait(d => d.FindElement(By.Id("api-key")) is { Displayed: true } e ? e : null);
        input.SendKeys(key);
        input.SendKeys(Keys.Enter);
        Wait(d => d.FindElement(By.Id("workspace")).Displayed);
    }

    public string SignInError => Driver.FindElement(By.Id("sign-in-error")).Text;

    public void WaitForLiveFeed() => Wait(d => d.FindElement(By.Id("feed")).GetDomAttribute("data-state") == "up");

    /// <summary>Waits until the overview counts <paramref name="count"/> assets on the map.</summary>
    public void WaitForAssetCount(int count) =>
        Wait(d => d.FindElement(By.Id("counters")).GetDomAttribute("data-total") == count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public int AssetCount => int.Parse(Driver.FindElement(By.Id("counters")).GetDomAttribute("data-total") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How many assets the overview counts with a look (<c>ok</c>, <c>offline</c>, …).</summary>
    public int CountOf(string look) =>
        Driver.FindElements(By.CssSelector($"#counters dd[data-look='{look}']")) is { Count: > 0 } found ? int.Parse(found[0].Text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) : 0;

    public void Tab(string name) => Driver.FindElement(By.Id("tab-" + name)).Click();

    public bool TabShown(string name) => Driver.FindElement(By.Id("tab-" + name)).Displayed;

    /// <summary>Finds an asset by id, as an operator types it in the overview: the map zooms to it and its panel opens.</summary>
    public void ShowAsset(string id)
    {
        Tab("overview");
        var input = Driver.FindElement(By.Id("find-asset-id"));
        input.Clear();
        input.SendKeys(id);
        input.SendKeys(Keys.Enter);
        Wait(d => d.FindElement(By.Id("panel-asset")).Displayed);
    }

    /// <summary>The marker of the asset named <paramref name="name"/> once it shows <paramref name="look"/>.</summary>
    public IWebElement WaitForMarker(string name, string look) =>
        Wait(d => d.FindElements(By.CssSelector(".asset-marker")).FirstOrDefault(m => m.GetDomAttribute("title")?.StartsWith(name + " (", StringComparison.Ordinal) == true && (m.GetDomAttribute("class") ?? "").Contains("look-" + look, StringComparison.Ordinal)));

    /// <summary>Waits until the asset panel shows <paramref name="text"/> as the field's latest value.</summary>
    public void WaitForValue(string field, string text) =>
        Wait(d => d.FindElements(By.CssSelector($"#asset tr[data-field='{field}'] .value")).FirstOrDefault()?.Text == text);

    public string PanelLook => Driver.FindElement(By.CssSelector("#asset .status")).GetDomAttribute("data-look") ?? "";

    public void WaitForPanelLook(string look) => Wait(d => d.FindElements(By.CssSelector("#asset .status")).FirstOrDefault()?.GetDomAttribute("data-look") == look);

    /// <summary>Waits until the active alert list names the asset.</summary>
    public IWebElement WaitForAlert(string assetId) =>
        Wait(d => d.FindElements(By.CssSelector("#alerts li")).FirstOrDefault(li => li.FindElements(By.TagName("button")).Any(b => b.Text == assetId)));

    public IReadOnlyList<string> AlertedAssets =>
        Driver.FindElements(By.CssSelector("#alerts li button")).Select(b => b.Text).ToList();

    public IReadOnlyList<string> Violations() =>
        ((IEnumerable<object>)((IJavaScriptExecutor)Driver).ExecuteScript("return window.__violations || [];")!).Select(v => v.ToString()!).ToList();

    public IReadOnlyList<string> ResourcesLoaded() => _browser.ResourcesLoaded();

    /// <summary>Saves what the browser shows as a test artifact (<c>TestResults/screenshots/</c>), and returns its path.</summary>
    public string Screenshot(string name)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        var shot = ((ITakesScreenshot)Driver).GetScreenshot();
        shot.SaveAsFile(path);
        TestContext.Current.AddAttachment(name + ".png", shot.AsByteArray, "image/png");
        return path;
    }

    /// <summary>Waits until <paramref name="find"/> finds something, and returns it.</summary>
    public T Wait<T>(Func<IWebDriver, T?> find)
        where T : class =>
        Until(d =>
        {
            try
            {
                return find(d);
            }
            catch (StaleElementReferenceException)
            {
                return null;
            }
        })!;

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public void Wait(Func<IWebDriver, bool> condition) =>
        Until(d =>
        {
            try
            {
                return condition(d);
            }
            catch (StaleElementReferenceException)
            {
                return false;
            }
        });

    /// <summary>Waits; on a timeout, saves what the page showed and says what it held.</summary>
    private T Until<T>(Func<IWebDriver, T> condition)
    {
        try
        {
            return new WebDriverWait(Driver, Patience) { PollingInterval = TimeSpan.FromMilliseconds(100) }.Until(condition);
        }
        catch (WebDriverTimeoutException timeout)
        {
            var shot = Screenshot("timeout-" + Guid.NewGuid().ToString("N")[..8]);
            var state = ((IJavaScriptExecutor)Driver).ExecuteScript("return [document.getElementById('feed')?.textContent, document.getElementById('counters')?.dataset.total, document.getElementById('alerts')?.textContent, document.getElementById('asset')?.textContent, String(window.__violations)].join(' | ');");
            throw new WebDriverTimeoutException($"{timeout.Message}; the page (saved as {shot}) showed: {state}", timeout);
        }
    }
}
