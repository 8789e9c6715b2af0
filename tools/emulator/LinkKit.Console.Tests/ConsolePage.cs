using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace LinkKit.Console.Tests;

/// <summary>
/// The console page as a test reads it: the device rows, the stream's entries, the panels and the forms, by the ids and classes
/// console.js gives them. Script errors on the page are collected and fail the test when it closes the page.
/// </summary>
public sealed class ConsolePage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    readonly List<string> _errors = [];

    public IPage Page => page;

    public async Task OpenAsync(Uri url)
    {
        page.PageError += (_, error) => _errors.Add(error);
        page.Console += (_, message) => { if (message.Type == "error") _errors.Add(message.Text); };
        await page.GotoAsync(url.ToString());
        await Expect(page.Locator("#stream-state")).ToHaveTextAsync("stream: live");
    }

    /// <summary>The device's row in the products list.</summary>
    public ILocator DeviceRow(string productKey, string deviceName) => page.Locator($"tr[data-device=\"{productKey}/{deviceName}\"]");

    /// <summary>
    /// The stream's entries of a kind ("up", "down", "connected", "disconnected") whose text holds every one of
    /// <paramref name="texts"/> (a topic, a decoded JSON member as the page indents it: <c>"temperature": 23.5</c>, a reply code…).
    /// </summary>
    public ILocator Messages(string kind, params string[] texts)
    {
        ILocator entries = page.Locator("#messages > li." + kind);
        foreach (string text in texts) entries = entries.Filter(new LocatorFilterOptions { HasText = text });
        return entries;
    }

    /// <summary>Waits for exactly one such entry.</summary>
    public Task ExpectMessageAsync(string kind, params string[] texts) => Expect(Messages(kind, texts)).ToHaveCountAsync(1);

    /// <summary>A property's value in the properties table.</summary>
    public ILocator PropertyValue(string identifier) => page.Locator($"#properties tr[data-property=\"{identifier}\"] .value");

    public ILocator Form(string id) => page.Locator("#" + id);

    /// <summary>Saves a picture of the whole page when CONSOLE_TEST_SCREENSHOTS names a folder (to look at the page, not to test it).</summary>
    public async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("CONSOLE_TEST_SCREENSHOTS") is not string folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>Closes the page; returns the script errors it reported.</summary>
    public async Task<IReadOnlyList<string>> CloseAsync()
    {
        await context.CloseAsync();
        return _errors;
    }

    public async ValueTask DisposeAsync()
    {
        IReadOnlyList<string> errors = await CloseAsync();
        Assert.True(errors.Count == 0, "the page reported errors: " + string.Join(" | ", errors));
    }
}
