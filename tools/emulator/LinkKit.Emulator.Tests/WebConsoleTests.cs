using System.Net;
using System.Net.Http;
using System.Text;
using LinkKit.Emulator.WebConsole;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// The web console's server side: the broker's message tap (what it records, and that it records nothing unwatched), the page's
/// files and its event stream on the control API's listener, and the refusal of API posts from other sites' pages. The page itself
/// is tested in a browser (LinkKit.Console.Tests).
/// </summary>
public sealed class WebConsoleTests
{
    const string Time = "\"time\":1700000001000";          // TestEmulator.FixedNowMs
    const string Sys = "/sys/a1TestPK001/dev-001/";

    static async Task<TestEmulator> CaptureProductAsync()
    {
        TestEmulator emulator = await TestEmulator.StartAsync(http: true);
        await emulator.CreateCaptureProductAsync();
        await emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
        return emulator;
    }

    static async Task<string> NextAsync(MessageTap.Watcher watcher)
    {
        using var timeout = new CancellationTokenSource(TestDevice.Wait);
        return await watcher.Entries.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task Tap_RecordsConnections_UplinksBeforeTheirReplies_BinaryAsBase64_AndDrops()
    {
        await using TestEmulator emulator = await CaptureProductAsync();
        MessageTap tap = emulator.Host.Broker.Tap;
        Assert.False(tap.IsWatched);
        using MessageTap.Watcher watcher = tap.Watch();
        Assert.True(tap.IsWatched);
        await using TestDevice device = await TestDevice.CaptureDeviceAsync(emulator);
        Assert.Equal($$"""{"kind":"connected",{{Time}},"productKey":"a1TestPK001","deviceName":"dev-001","clientId":"{{Vectors.V2ClientId}}","login":"DeviceSecret","tls":false}""",
            await NextAsync(watcher));

        await device.RequestAsync(Sys + "thing/event/property/post", """{"id":"7","version":"1.0","params":{"temperature":21.5},"method":"thing.event.property.post"}""",
            Sys + "thing/event/property/post_reply");
        Assert.Equal($$"""{"kind":"up",{{Time}},"productKey":"a1TestPK001","deviceName":"dev-001","topic":"{{Sys}}thing/event/property/post","payload":"{\"id\":\"7\",\"version\":\"1.0\",\"params\":{\"temperature\":21.5},\"method\":\"thing.event.property.post\"}"}""",
            await NextAsync(watcher));
        Assert.Equal($$"""{"kind":"down",{{Time}},"topic":"{{Sys}}thing/event/property/post_reply","payload":"{\"code\":200,\"data\":{},\"id\":\"7\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}","qos":0}""",
            await NextAsync(watcher));

        await device.PublishAsync("/a1TestPK001/dev-001/user/update", [0xff, 0x00, 0x01], 1);
        Assert.Equal($$"""{"kind":"up",{{Time}},"productKey":"a1TestPK001","deviceName":"dev-001","topic":"/a1TestPK001/dev-001/user/update","payloadBase64":"/wAB"}""",
            await NextAsync(watcher));
        await device.PublishAsync("/a1TestPK001/dev-001/user/nowhere", "x", 1);
        Assert.Equal($$"""{"kind":"up",{{Time}},"productKey":"a1TestPK001","deviceName":"dev-001","topic":"/a1TestPK001/dev-001/user/nowhere","payload":"x","dropped":"not permitted: no topic class with PUB for it"}""",
            await NextAsync(watcher));

        await device.DisconnectAsync();
        Assert.Equal($$"""{"kind":"disconnected",{{Time}},"productKey":"a1TestPK001","deviceName":"dev-001","reason":"Clean"}""", await NextAsync(watcher));
        watcher.Dispose();
        Assert.False(tap.IsWatched);
    }

    [Fact]
    public async Task Page_IsServedOnTheApiListener_AndItsStreamCarriesTheTap_UntilTheEmulatorStops()
    {
        TestEmulator emulator = await CaptureProductAsync();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emulator.Host.ApiBaseUri };
            Assert.Equal(new Uri(emulator.Host.ApiBaseUri!, "console/"), emulator.Host.ConsoleUri);
            HttpResponseMessage root = await http.GetAsync("");
            Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
            Assert.Equal("/console/", root.Headers.Location!.OriginalString);
            HttpResponseMessage page = await http.GetAsync("console/");
            Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType!.ToString());
            Assert.Contains("<title>LinkKit emulator console</title>", await page.Content.ReadAsStringAsync());
            Assert.Equal("text/javascript; charset=utf-8", (await http.GetAsync("console/console.js")).Content.Headers.ContentType!.ToString());
            Assert.Equal("text/css; charset=utf-8", (await http.GetAsync("console/console.css")).Content.Headers.ContentType!.ToString());
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("console/secrets.txt")).StatusCode);

            using HttpResponseMessage stream = await http.GetAsync("console/events", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.ToString());
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
            Assert.Equal(": watching", await reader.ReadLineAsync());
            Assert.Equal("", await reader.ReadLineAsync());
            Assert.True(emulator.Host.Broker.Tap.IsWatched);          // watching before the first byte left
            await using (TestDevice device = await TestDevice.CaptureDeviceAsync(emulator))
            {
                string? line = await reader.ReadLineAsync();
                Assert.StartsWith("data: {\"kind\":\"connected\",", line);
                Assert.Equal("", await reader.ReadLineAsync());
            }
            await emulator.StopAsync();                               // ends the open stream instead of waiting for it
            while (await reader.ReadLineAsync() is string) { }
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task ApiPost_FromAnotherSitesPage_IsRefused_FromTheConsolesOwnOrigin_Served()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(http: true);
        using var http = new HttpClient { BaseAddress = emulator.Host.ApiBaseUri };
        async Task<(HttpStatusCode, string)> PostAsync(string? origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/CreateProduct") { Content = new StringContent("""{"ProductName":"x"}""", Encoding.UTF8, "text/plain") };
            if (origin != null) request.Headers.Add("Origin", origin);
            HttpResponseMessage response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        (HttpStatusCode status, string body) = await PostAsync("http://attacker.example");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Matches("""^\{"RequestId":"[0-9A-F-]{36}","Success":false,"Code":"Forbidden","ErrorMessage":"requests from pages of http://attacker.example are refused"\}$""", body);
        Assert.Empty((await emulator.CallAsync("QueryProductList", new { }))["Data"]!["List"]!["ProductInfo"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(emulator.Host.ApiBaseUri!.GetLeftPart(UriPartial.Authority))).Item1);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(null)).Item1);
    }
}
