using System.Text.Json;
using LinkKit.Emulator;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace LinkKit.Console.Tests;

/// <summary>
/// Cloud actions started from the console's forms reach an MQTT device played by the test, which answers byte by byte; the
/// page shows the control API's answer under the form and both directions in its stream. Also the property table and chart
/// as a device posts. A fresh emulator per test (plain MQTT and the control API on free loopback ports, the demo product).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CloudActionTests(Browser browser) : IAsyncLifetime
{
    DemoEmulator _started = null!;
    EmulatorHost _emulator = null!;
    DemoIdentity _demo = null!;

    string Pk => _demo.ProductKey;
    string Dn => _demo.DeviceName;
    string Sys => $"/sys/{Pk}/{Dn}/";

    public async Task InitializeAsync()
    {
        _started = await DemoEmulator.StartAsync();
        (_emulator, _demo) = (_started.Host, _started.Demo);
    }

    public Task DisposeAsync() => _started.DisposeAsync().AsTask();

    async Task<(MqttDevice, ConsolePage)> DeviceAndPageAsync()
    {
        MqttDevice device = await MqttDevice.ConnectAsync(_emulator, _demo);
        ConsolePage page = await browser.OpenAsync(_emulator.ConsoleUri!, Pk, Dn);
        await Expect(page.DeviceRow(Pk, Dn).Locator(".status")).ToHaveTextAsync("ONLINE");
        return (device, page);
    }

    static async Task SubmitAsync(ILocator form, params (string Field, string Value)[] fields)
    {
        foreach ((string field, string value) in fields) await form.Locator($"[name={field}]").FillAsync(value);
        await form.Locator("button").ClickAsync();
    }

    static string Id(string alinkJson)
    {
        using JsonDocument doc = JsonDocument.Parse(alinkJson);
        return doc.RootElement.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task SetPropertyFromTheForm_ReachesTheDevice_AndItsReplyShowsInTheStream()
    {
        (MqttDevice device, ConsolePage page) = await DeviceAndPageAsync();
        await using (device)
        await using (page)
        {
            ILocator form = page.Form("form-set");
            await SubmitAsync(form, ("Items", """{"LightSwitch":0,"color":"red"}"""));
            (string topic, string payload) = await device.NextAsync();
            Assert.Equal(Sys + "thing/service/property/set", topic);
            string id = Id(payload);
            Assert.Equal($$"""{"method":"thing.service.property.set","id":"{{id}}","params":{"LightSwitch":0,"color":"red"},"version":"1.0"}""", payload);
            await Expect(form.Locator("output pre.ok")).ToContainTextAsync($"\"MessageId\": \"{id}\"");
            await page.ExpectMessageAsync("down", Sys + "thing/service/property/set", "thing.service.property.set", "\"LightSwitch\": 0", "\"color\": \"red\"");

            await device.PublishAsync(Sys + "thing/service/property/set_reply", $$$"""{"id":"{{{id}}}","code":200,"data":{}}""");
            await page.ExpectMessageAsync("up", Sys + "thing/service/property/set_reply", $"\"id\": \"{id}\"", "code 200");

            // A refusal shows the API's error under the form; nothing reaches the device.
            await SubmitAsync(form, ("Items", """{"brightness":3}"""));
            await Expect(form.Locator("output pre.bad")).ToContainTextAsync("iot.tsl.ValidationFailed");
            await page.ScreenshotAsync("set-property");
        }
    }

    [Fact]
    public async Task ServiceRrpcPublishAndShadowForms_EachReachTheDevice_AndShowItsAnswer()
    {
        (MqttDevice device, ConsolePage page) = await DeviceAndPageAsync();
        await using (device)
        await using (page)
        {
            // A sync service rides RRPC: the form waits for the device's answer and shows it.
            ILocator service = page.Form("form-service");
            await SubmitAsync(service, ("Identifier", "getStatus"));
            (string topic, string payload) = await device.NextAsync();
            Assert.Matches($"^/ext/rrpc/[0-9]+{Sys}thing/service/getStatus$", topic);
            await device.PublishAsync(topic, $$$"""{"id":"{{{Id(payload)}}}","code":200,"data":{"uptime":42}}""");
            await Expect(service.Locator("output pre.ok")).ToContainTextAsync("\"Result\": \"{\\\"uptime\\\":42}\"");
            await page.ExpectMessageAsync("up", topic, "code 200", "\"uptime\": 42");

            ILocator rrpc = page.Form("form-rrpc");
            await SubmitAsync(rrpc, ("Request", "ping"));
            (topic, payload) = await device.NextAsync();
            Assert.Matches($"^{Sys}rrpc/request/[0-9]+$", topic);
            Assert.Equal("ping", payload);
            await device.PublishAsync(topic.Replace("/rrpc/request/", "/rrpc/response/"), "pong");
            await Expect(rrpc.Locator("output pre.ok")).ToContainTextAsync("device answered: pong");
            await Expect(rrpc.Locator("output pre.ok")).ToContainTextAsync("\"RrpcCode\": \"SUCCESS\"");

            // The publish form suggests the device's user/get topic.
            await device.SubscribeAsync($"/{Pk}/{Dn}/user/get");
            ILocator pub = page.Form("form-pub");
            await Expect(pub.Locator("[name=TopicFullName]")).ToHaveValueAsync($"/{Pk}/{Dn}/user/get");
            await pub.Locator("[name=Qos]").SelectOptionAsync("1");
            await SubmitAsync(pub, ("Message", "hello lamp"));
            Assert.Equal(($"/{Pk}/{Dn}/user/get", "hello lamp"), await device.NextAsync());
            await page.ExpectMessageAsync("down", $"/{Pk}/{Dn}/user/get", "hello lamp", "QoS 1");

            ILocator shadow = page.Form("form-shadow");
            await SubmitAsync(shadow, ("Desired", """{"color":"red"}"""));
            (topic, payload) = await device.NextAsync();
            Assert.Equal($"/shadow/get/{Pk}/{Dn}", topic);
            Assert.StartsWith("""{"method":"control","payload":{"status":"success","state":{"desired":{"color":"red"}}""", payload);
            await Expect(shadow.Locator("output pre.ok")).ToContainTextAsync("\"Version\": 1");
            await Expect(page.Page.Locator("#shadow")).ToContainTextAsync("\"desired\": {");
            await Expect(page.Page.Locator("#shadow")).ToContainTextAsync("\"color\": \"red\"");
            await page.ScreenshotAsync("forms");
        }
    }

    [Fact]
    public async Task PropertyPosts_FillTheTable_AndTheChart_OfTheChosenProperty()
    {
        (MqttDevice device, ConsolePage page) = await DeviceAndPageAsync();
        await using (device)
        await using (page)
        {
            // A float's value carries a decimal point, or the emulator refuses it (6307) as the platform does.
            string[] posts = ["""{"temperature":20.0,"LightSwitch":1}""", """{"temperature":21.5,"LightSwitch":0}""", """{"temperature":23.0}"""];
            for (int i = 0; i < posts.Length; i++)
            {
                await device.PublishAsync(Sys + "thing/event/property/post", $"{{\"id\":\"{i + 1}\",\"version\":\"1.0\",\"params\":{posts[i]},\"method\":\"thing.event.property.post\"}}");
                (string topic, string reply) = await device.NextAsync();
                Assert.Equal((Sys + "thing/event/property/post_reply", 200), (topic, JsonDocument.Parse(reply).RootElement.GetProperty("code").GetInt32()));
            }
            await Expect(page.PropertyValue("temperature")).ToHaveTextAsync("23.0");
            await page.ExpectMessageAsync("up", Sys + "thing/event/property/post", "\"id\": \"3\"", "\"temperature\": 23.0");     // as the device wrote it
            await Expect(page.PropertyValue("LightSwitch")).ToHaveTextAsync("0");
            ILocator chart = page.Page.Locator("#chart");
            await Expect(chart.Locator("figcaption")).ToHaveTextAsync("temperature: 3 values, latest 23 (min 20, max 23)");
            await Expect(chart.Locator("svg circle")).ToHaveCountAsync(3);

            await page.Page.Locator("#properties tr[data-property=LightSwitch]").ClickAsync();
            await Expect(chart.Locator("figcaption")).ToHaveTextAsync("LightSwitch: 2 values, latest 0 (min 0, max 1)");
            await Expect(chart.Locator("svg circle")).ToHaveCountAsync(2);
            await page.ScreenshotAsync("chart");
        }
    }
}
