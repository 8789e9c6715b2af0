using Microsoft.Playwright;
using Xunit;

namespace LinkKit.Console.Tests;

/// <summary>
/// One headless Chromium for the whole run: Debian's (<c>apt-get install chromium</c>, which tools/run-tests.sh does when it is
/// missing), or the one <c>CHROMIUM</c> names; Playwright's own browser download is not needed.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string DebianChromium = "/usr/bin/chromium";

    /// <summary>How long an expectation waits for the page to show something (no test measures time).</summary>
    public const float ExpectTimeoutMs = 15_000;

    IPlaywright? _playwright;
    IBrowser? _browser;

    public async Task InitializeAsync()
    {
        string path = Environment.GetEnvironmentVariable("CHROMIUM") ?? DebianChromium;
        if (!File.Exists(path))
            throw new InvalidOperationException($"no Chromium at {path}: install Debian's (apt-get install chromium; tools/run-tests.sh does) or set CHROMIUM");
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true });
    }

    /// <summary>
    /// Opens the console in a fresh browser context and waits until its live stream is attached; <paramref name="prepare"/> runs on
    /// the page before it loads (to install a fake clock, say).
    /// </summary>
    public async Task<ConsolePage> OpenAsync(Uri console, string productKey, string deviceName, Func<IPage, Task>? prepare = null)
    {
        IBrowserContext context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        IPage browserPage = await context.NewPageAsync();
        if (prepare != null) await prepare(browserPage);
        var page = new ConsolePage(context, browserPage);
        await page.OpenAsync(new Uri(console, "#" + productKey + "/" + deviceName));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser != null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}
