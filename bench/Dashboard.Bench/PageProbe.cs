using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;
using UrbanTwin.TwinApi.Tests;

namespace UrbanTwin.Dashboard.Bench;

/// <summary>
/// Measures the dashboard from inside the browser: a script installed before the page loads
/// records every animation frame's interval and every long task (over 50 ms of main thread), and
/// when the overview first counts the expected assets; the first view is timed from the press of
/// "Sign in" to the frame after that count appears.
/// </summary>
internal sealed class PageProbe(Browser browser)
{
    private const string Recorder = """
        window.__bench = { frames: [], longTasks: [], target: 0, shownAt: 0, signInAt: 0 };
        (function () {
          let last = 0;
          const frame = (now) => {
            if (last) window.__bench.frames.push(now - last);
            last = now;
            const counters = document.getElementById('counters');
            const b = window.__bench;
            if (!b.seen && b.target && counters && counters.dataset.total === String(b.target)) {
              b.seen = true;
              requestAnimationFrame((painted) => { b.shownAt = painted; });
            }
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
          new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
        })();
        """;

    private OpenQA.Selenium.Chrome.ChromeDriver Script => browser.Driver;

    public void Open(Uri url)
    {
        browser.Driver.ExecuteCdpCommand("Page.addScriptToEvaluateOnNewDocument", new Dictionary<string, object?> { ["source"] = Recorder });
        browser.Driver.Navigate().GoToUrl(url);
    }

    /// <returns>Milliseconds from pressing "Sign in" to the first markers, to the last page read, and to the frame showing every asset counted.</returns>
    public (double FirstMarkers, double AssetsRead, double Shown) SignInAndTime(string key, int assets, TimeSpan patience)
    {
        var input = new WebDriverWait(browser.Driver, patience).Until(d => d.FindElement(By.Id("api-key")));
        input.SendKeys(key);
        Script.ExecuteScript($"window.__bench.target = {assets}; window.__bench.signInAt = performance.now();");
        input.SendKeys(Keys.Enter);
        new WebDriverWait(browser.Driver, patience) { PollingInterval = TimeSpan.FromMilliseconds(50) }
            .Until(_ => Convert.ToDouble(Script.ExecuteScript("return window.__bench.shownAt;"), CultureInfo.InvariantCulture) > 0);
        var times = (IReadOnlyCollection<object>)Script.ExecuteScript("""
            const b = window.__bench;
            const mark = (name) => (performance.getEntriesByName(name)[0]?.startTime ?? NaN) - b.signInAt;
            return [mark('urbantwin:first-markers'), mark('urbantwin:assets-loaded'), b.shownAt - b.signInAt];
            """)!;
        var values = times.Select(t => Convert.ToDouble(t, CultureInfo.InvariantCulture)).ToArray();
        return (values[0], values[1], values[2]);
    }

    public void WaitForLiveFeed(TimeSpan patience) =>
        new WebDriverWait(browser.Driver, patience).Until(d => d.FindElement(By.Id("feed")).GetDomAttribute("data-state") == "up");

    /// <summary>Forgets the frames and long tasks recorded so far.</summary>
    public void Reset() => Script.ExecuteScript("window.__bench.frames = []; window.__bench.longTasks = [];");

    public (double[] Frames, double[] LongTasks) Read()
    {
        var frames = (IReadOnlyCollection<object>)Script.ExecuteScript("return window.__bench.frames;")!;
        var longTasks = (IReadOnlyCollection<object>)Script.ExecuteScript("return window.__bench.longTasks;")!;
        return (
            frames.Select(f => Convert.ToDouble(f, CultureInfo.InvariantCulture)).ToArray(),
            longTasks.Select(f => Convert.ToDouble(f, CultureInfo.InvariantCulture)).ToArray());
    }

    public string CountShown() => browser.Driver.FindElement(By.Id("counters")).GetDomAttribute("data-total") ?? "";
}
