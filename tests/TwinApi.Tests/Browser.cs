using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace UrbanTwin.TwinApi.Tests;

/// <summary>
/// Debian's headless Chromium driven through its own chromedriver (packages <c>chromium</c> and
/// <c>chromium-driver</c>), with no way off the machine: every host name but the loopback's fails
/// to resolve, so a page that needs anything from outside shows it.
/// </summary>
public sealed class Browser : IDisposable
{
    private readonly ChromeDriverService _service;

    private Browser(ChromeDriverService service, ChromeDriver driver)
    {
        _service = service;
        Driver = driver;
    }

    public ChromeDriver Driver { get; }

    public static Browser Start()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        var driverDirectory = Environment.GetEnvironmentVariable("CHROMEDRIVER_DIR") ?? "/usr/bin";
        if (!File.Exists(chromium) || !File.Exists(Path.Combine(driverDirectory, "chromedriver")))
        {
            throw new InvalidOperationException($"{chromium} or {driverDirectory}/chromedriver is missing: install Debian's chromium and chromium-driver (tools/install-test-deps.sh does)");
        }

        var service = ChromeDriverService.CreateDefaultService(driverDirectory, "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments(
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost");
        try
        {
            return new Browser(service, new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    /// <summary>Every resource the page has loaded (scripts, styles, fonts, fetches), by URL.</summary>
    public IReadOnlyList<string> ResourcesLoaded() =>
        ((IEnumerable<object>)((IJavaScriptExecutor)Driver).ExecuteScript("return performance.getEntriesByType('resource').map(e => e.name);")!)
            .Select(o => o.ToString()!).ToList();

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        _service.Dispose();
    }
}
