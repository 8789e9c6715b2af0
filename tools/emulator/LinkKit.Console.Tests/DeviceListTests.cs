using LinkKit.Emulator;
using LinkKit.Emulator.Alink;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace LinkKit.Console.Tests;

/// <summary>
/// The products list of a product with more devices than the page lists rows for (100): a device the list returned but the page
/// has no row for connects without the page reading the device list again; a device the list has not returned yet makes it read
/// it again. The page's clock is Playwright's, paused, so the list's 300 ms reload delay passes only when the test says.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeviceListTests(Browser browser) : IAsyncLifetime
{
    const int Extra = 150;     // devices besides the demo one: 151 in all, 100 with a row, 51 more

    // The reads a reload of the device list makes (loadDevices); a reload's first, GetEmulatorStatus, is made as its timer fires.
    static readonly string[] ListReads = ["GetEmulatorStatus", "QueryProductList", "QueryDevice"];

    DemoEmulator _started = null!;
    EmulatorHost _emulator = null!;
    DemoIdentity _demo = null!;

    string Pk => _demo.ProductKey;

    public async Task InitializeAsync()
    {
        _started = await DemoEmulator.StartAsync();
        (_emulator, _demo) = (_started.Host, _started.Demo);
        long created = _emulator.Store.GetDevice(Pk, _demo.DeviceName)!.CreatedMs;
        await _emulator.Store.RegisterDevicesAsync(Enumerable.Range(1, Extra)
            .Select(i => AlinkCloud.NewDevice(Pk, $"lamp-{i:D3}", Secret(i), created + i)).ToList());
    }

    public Task DisposeAsync() => _started.DisposeAsync().AsTask();

    static string Secret(int i) => $"LampSecret{i:D3}";

    static async Task<IReadOnlyList<string>> ListReadsAsync(ConsolePage page) =>
        (await page.Page.EvaluateAsync<string[]>("() => apiCalls")).Where(ListReads.Contains).ToList();

    [Fact]
    public async Task ADeviceListedWithoutARow_ConnectsWithoutAReload_ANewDeviceReloads()
    {
        DateTime start = DateTime.UtcNow;
        await using ConsolePage page = await browser.OpenAsync(_emulator.ConsoleUri!, Pk, _demo.DeviceName, async p =>
        {
            await p.Clock.InstallAsync(new ClockInstallOptions { TimeDate = start });
            await p.Clock.PauseAtAsync(start.AddSeconds(1));
        });
        ILocator more = page.Page.Locator("#products .more");
        await page.Page.Clock.RunForAsync(500);
        await Expect(more).ToHaveTextAsync($"… and {Extra + 1 - 100} more devices");
        await Expect(page.Page.Locator("#products tr[data-device]")).ToHaveCountAsync(100);

        // Every control-API call from here on, by action (console.js calls the global api()).
        await page.Page.EvaluateAsync("() => { window.apiCalls = []; const real = api; api = (action, parameters) => { apiCalls.push(action); return real(action, parameters); }; }");

        // The last device: listed by QueryDevice, but past the rows the page shows.
        string listed = $"lamp-{Extra:D3}";
        await Expect(page.DeviceRow(Pk, listed)).ToHaveCountAsync(0);
        await using (await MqttDevice.ConnectAsync(_emulator, _demo with { DeviceName = listed, DeviceSecret = Secret(Extra) }))
        {
            await page.ExpectMessageAsync("connected", $"{Pk}/{listed} over TCP");
            await page.Page.Clock.RunForAsync(500);
            Assert.Empty(await ListReadsAsync(page));
            await Expect(more).ToHaveTextAsync($"… and {Extra + 1 - 100} more devices");
        }

        // A device registered after the page read the list: its connection makes the page read the list again.
        const string added = "lamp-new";
        await _emulator.Cloud.RegisterDeviceAsync(Pk, added, "LampSecretNew");
        await using (await MqttDevice.ConnectAsync(_emulator, _demo with { DeviceName = added, DeviceSecret = "LampSecretNew" }))
        {
            await page.ExpectMessageAsync("connected", $"{Pk}/{added} over TCP");
            await page.Page.Clock.RunForAsync(500);
            await Expect(more).ToHaveTextAsync($"… and {Extra + 2 - 100} more devices");
            Assert.Contains("QueryProductList", await ListReadsAsync(page));
        }
    }
}
