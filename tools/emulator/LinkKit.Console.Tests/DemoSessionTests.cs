using LinkKit.Demo;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace LinkKit.Console.Tests;

/// <summary>
/// The README demo's session run in-process with the web console open: after each step the demo reports, the page must show
/// what that step did (the device's row, the stream's entries both ways with their decoded JSON and reply codes, the property
/// table and chart, the shadow, the OTA task). The demo waits while the page is checked, so every check sees its own step.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoSessionTests(Browser browser)
{
    const string Pk = "a1DemoPK001", Dn = "demo-device-01";

    [Fact]
    public async Task EveryStepOfTheDemo_ShowsInTheConsole()
    {
        var output = new StringWriter();
        ConsolePage? page = null;
        IReadOnlyList<string> pageErrors = [];
        var session = new DemoSession(TextWriter.Synchronized(output))
        {
            ApiPort = 0,
            Started = async emulator =>
            {
                page = await browser.OpenAsync(emulator.ConsoleUri!, Pk, Dn);
                await Expect(page.DeviceRow(Pk, Dn)).ToContainTextAsync("UNACTIVE");
                await Expect(page.Page.Locator("#device-title")).ToHaveTextAsync($"{Dn} · {Pk}");
            },
            StepPassed = step => CheckAsync(page!, step),
            // Closed before the emulator stops: a page whose stream cannot reconnect reports errors.
            Stopping = async _ =>
            {
                if (page == null) return;
                await page.ScreenshotAsync("demo-session");
                pageErrors = await page.CloseAsync();
            },
        };
        int result = await session.RunAsync().WaitAsync(TimeSpan.FromSeconds(100));
        Assert.True(result == 0, output.ToString());
        Assert.Contains("demo finished: all 16 steps passed", output.ToString());
        Assert.True(pageErrors.Count == 0, "the page reported errors: " + string.Join(" | ", pageErrors));
    }

    static async Task CheckAsync(ConsolePage page, string step)
    {
        string sys = $"/sys/{Pk}/{Dn}/";
        switch (step)
        {
            case "connect":
                await Expect(page.DeviceRow(Pk, Dn).Locator(".status")).ToHaveTextAsync("ONLINE");
                await Expect(page.DeviceRow(Pk, Dn).Locator(".seen")).ToHaveTextAsync("now");
                await page.ExpectMessageAsync("connected", $"{Pk}/{Dn} over TLS", $"clientId {Pk}.{Dn}|");
                break;
            case "custom topics":
                await page.ExpectMessageAsync("up", $"/{Pk}/{Dn}/user/update", "device → cloud", "\"door\": \"open\"");
                await page.ExpectMessageAsync("down", $"/{Pk}/{Dn}/user/get", "cloud → device", "\"led\": \"blink\"", "QoS 1");
                break;
            case "property post":
                await page.ExpectMessageAsync("up", sys + "thing/event/property/post", "thing.event.property.post",
                    "\"temperature\": 23.5", "\"LightSwitch\": 1", "\"color\": \"warm white\"");
                await page.ExpectMessageAsync("down", sys + "thing/event/property/post_reply", "code 200", "\"message\": \"success\"");
                await Expect(page.PropertyValue("temperature")).ToHaveTextAsync("23.5");
                await Expect(page.PropertyValue("LightSwitch")).ToHaveTextAsync("1");
                await Expect(page.PropertyValue("color")).ToHaveTextAsync("warm white");
                await Expect(page.Page.Locator("#chart figcaption")).ToHaveTextAsync("temperature: 1 value, latest 23.5 (min 23.5, max 23.5)");
                await Expect(page.Page.Locator("#chart svg circle")).ToHaveCountAsync(1);
                break;
            case "event post":
                await page.ExpectMessageAsync("up", sys + "thing/event/alarm/post", "thing.event.alarm.post", "\"level\": 3");
                await page.ExpectMessageAsync("down", sys + "thing/event/alarm/post_reply", "code 200");
                break;
            case "property set":
                await page.ExpectMessageAsync("down", sys + "thing/service/property/set", "thing.service.property.set", "\"LightSwitch\": 0", "\"color\": \"blue\"");
                await page.ExpectMessageAsync("up", sys + "thing/service/property/set_reply", "code 200");
                break;
            case "async service":
                await page.ExpectMessageAsync("down", sys + "thing/service/reboot", "thing.service.reboot", "\"delay\": 5");
                await page.ExpectMessageAsync("up", sys + "thing/service/reboot_reply", "code 200");
                break;
            case "sync service":
                await page.ExpectMessageAsync("down", "/ext/rrpc/", sys + "thing/service/getStatus", "thing.service.getStatus");
                await page.ExpectMessageAsync("up", "/ext/rrpc/", sys + "thing/service/getStatus", "code 200", "\"uptime\"");
                break;
            case "shadow":
                await page.ExpectMessageAsync("down", $"/shadow/get/{Pk}/{Dn}", "\"method\": \"control\"", "\"color\": \"green\"");
                await page.ExpectMessageAsync("up", $"/shadow/update/{Pk}/{Dn}", "\"method\": \"update\"", "\"reported\"", "\"version\": 2");
                await Expect(page.Page.Locator("#shadow")).ToContainTextAsync("\"version\": 3");
                await Expect(page.Page.Locator("#shadow")).ToContainTextAsync("\"color\": \"green\"");
                break;
            case "RRPC":
                await page.ExpectMessageAsync("down", sys + "rrpc/request/", "ping");
                await page.ExpectMessageAsync("up", sys + "rrpc/response/", "pong");
                break;
            case "OTA":
                await page.ExpectMessageAsync("down", $"/ota/device/upgrade/{Pk}/{Dn}", "\"version\": \"1.1.0\"", "\"signMethod\": \"SHA256\"");
                await page.ExpectMessageAsync("up", $"/ota/device/inform/{Pk}/{Dn}", "\"version\": \"1.1.0\"");
                await Expect(page.Page.Locator("#ota-tasks tbody tr")).ToHaveCountAsync(1);
                await Expect(page.Page.Locator("#ota-tasks tbody tr")).ToContainTextAsync("lamp-app-1.1.0 → 1.1.0");
                await Expect(page.Page.Locator("#ota-tasks .task-status")).ToHaveTextAsync("SUCCEEDED");
                await Expect(page.DeviceRow(Pk, Dn).Locator(".firmware")).ToHaveTextAsync("1.1.0");
                break;
            case "disconnect":
                await Expect(page.DeviceRow(Pk, Dn).Locator(".status")).ToHaveTextAsync("OFFLINE");
                await page.ExpectMessageAsync("disconnected", $"{Pk}/{Dn}");
                break;
        }
    }
}
