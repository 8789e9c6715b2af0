using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// Remote configuration (COTA) as a device sees it: the product's file set with UpdateProductConfig, config/get, pushes and their
/// push_replies, and the file downloaded over HTTPS like a firmware file (whole, by Range, with faults). dev-001 is online with
/// _ss=1; the clock starts at the tests' fixed time and can be moved.
/// </summary>
public sealed class RemoteConfigTests : CaptureDeviceTest
{
    const string Sys = "/sys/a1TestPK001/dev-001/";
    const string Now = "2023-11-14T22:13:21.000Z";       // TestEmulator.FixedNowMs

    // Two versions of a configuration file with their digests, computed outside the emulator (Python hashlib).
    const string V1 = """{"reportIntervalS":60,"led":"on"}""";      // 33 bytes
    const string V1Sha256 = "7151f6f95b81e04e8bc7bf04fddd100543a1f5b3990c56de32c85708816647f8";
    const string V1Md5 = "37CEC649BBC1435A3D140D189BA3EE96";
    const string V2 = """{"reportIntervalS":30,"led":"off"}""";     // 34 bytes
    const string V2Sha256 = "cbd4e2bc9fc48757fbfc5d72ec6c0da82fd07cd14b3908226fd0a9a955956d99";

    /// <summary>The request the SDK sends.</summary>
    const string GetRequest = """{"id":"7","version":"1.0","params":{"configScope":"product","getType":"file"},"method":"thing.config.get"}""";

    readonly StrongBox<long> _now = new(TestEmulator.FixedNowMs);
    DownloadClient _downloads = null!;

    protected override Task<TestEmulator> StartEmulatorAsync() => TestEmulator.StartAsync(o => o.Clock = () => Volatile.Read(ref _now.Value));

    protected override async Task CreateProductAsync()
    {
        await Emulator.CreateCaptureProductAsync();
        _downloads = new DownloadClient(Emulator.Host.CaCertificate);
    }

    async Task<string> UpdateAsync(string content) =>
        (await Emulator.CallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigContent = content }))["Data"]!["ConfigId"]!.GetValue<string>();

    Task<string> GetAsync(string request = GetRequest) => Device.RequestAsync(Sys + "thing/config/get", request, Sys + "thing/config/get_reply");

    static string Data(string configId, int size, string sign) =>
        $$"""{"configId":"{{configId}}","configSize":{{size}},"sign":"{{sign}}","signMethod":"Sha256","url":"URL","getType":"file"}""";

    static string GetReply(string data, string id = "\"7\"") =>
        $$"""{"code":200,"data":{{data}},"id":{{id}},"message":"success","method":"thing.config.get","version":"1.0"}""";

    /// <summary>The URL in a get reply or push, after its shape is checked (OtaWire.Normalize).</summary>
    static string UrlOf(string message, out string normalized)
    {
        var urls = new List<string>();
        normalized = OtaWire.Normalize(message, urls);
        return Assert.Single(urls);
    }

    [Fact]
    public async Task Update_ThenGet_ReplyExactJson_UrlValidFor30Minutes()
    {
        var answer = await Emulator.CallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigContent = V1 });
        string configId = answer["Data"]!["ConfigId"]!.GetValue<string>();
        Assert.Matches("^[A-Za-z0-9]{22}0400$", configId);
        Assert.Equal($$"""{"ConfigId":"{{configId}}","ConfigSize":33,"Sign":"{{V1Sha256}}","SignMethod":"SHA256","UtcCreate":"{{Now}}"}""", answer["Data"].Json());

        string url = UrlOf(await GetAsync(), out string reply);
        Assert.Equal(GetReply(Data(configId, 33, V1Sha256)), reply);
        Assert.Contains($"/config/{configId}/config.json?Expires=1700001801&", url);
    }

    [Fact]
    public async Task Get_WithoutAFile_DataEmpty()
    {
        Assert.Equal("""{"code":200,"data":{},"id":"7","message":"success","method":"thing.config.get","version":"1.0"}""", await GetAsync());
    }

    [Fact]
    public async Task Get_WithoutMethodOrParams_Answered_IdEchoedAsSent()
    {
        string configId = await UpdateAsync(V1);
        UrlOf(await GetAsync("""{"id":8}"""), out string reply);
        Assert.Equal(GetReply(Data(configId, 33, V1Sha256), "8"), reply);
    }

    [Theory]
    [InlineData("""{"configScope":"device","getType":"file"}""", "configScope must be \\\"product\\\"")]
    [InlineData("""{"configScope":"product","getType":"content"}""", "getType must be \\\"file\\\"")]
    [InlineData("[]", "params must be a JSON object")]
    public async Task Get_OtherParams_460(string parameters, string message)
    {
        await UpdateAsync(V1);
        Assert.Equal($$"""{"code":460,"data":{},"id":"9","message":"{{message}}","method":"thing.config.get","version":"1.0"}""",
            await GetAsync($$"""{"id":"9","version":"1.0","params":{{parameters}},"method":"thing.config.get"}"""));
    }

    [Fact]
    public async Task Push_ToTheOnlineDevices_ExactJson_PushReplyRecorded()
    {
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);      // offline: not pushed
        string configId = await UpdateAsync(V1);
        var answer = await Emulator.CallAsync("PushProductConfig", new { Vectors.ProductKey });
        string messageId = answer["Data"]!["Pushes"]![0]!["MessageId"]!.GetValue<string>();
        Assert.Equal($$"""{"ConfigId":"{{configId}}","Pushes":[{"DeviceName":"dev-001","MessageId":"{{messageId}}"}]}""", answer["Data"].Json());

        string url = UrlOf(await Device.NextTextAsync(Sys + "thing/config/push"), out string push);
        Assert.Equal($$"""{"id":"{{messageId}}","version":"1.0","params":{{Data(configId, 33, V1Sha256)}},"method":"thing.config.push"}""", push);
        Assert.Contains($"/config/{configId}/config.json?Expires=1700001801&", url);
        string Pushes(string reply) =>
            $$"""[{"ConfigId":"{{configId}}","DeviceName":"dev-001","MessageId":"{{messageId}}","UtcPush":"{{Now}}",{{reply}}}]""";
        async Task<string> ListAsync() => (await Emulator.CallAsync("ListProductConfigPushes", new { Vectors.ProductKey }))["Data"]!["List"].Json();
        Assert.Equal(Pushes("\"ReplyCode\":null,\"ReplyData\":null,\"UtcReply\":null"), await ListAsync());

        // The reply the SDK sends; QoS 1, so its PUBACK comes after the emulator handled it.
        Volatile.Write(ref _now.Value, TestEmulator.FixedNowMs + 1500);
        await Device.PublishAsync(Sys + "thing/config/push_reply", $$$"""{"id":"{{{messageId}}}","code":200,"data":{}}""", 1);
        Assert.Equal(Pushes("\"ReplyCode\":200,\"ReplyData\":\"{}\",\"UtcReply\":\"2023-11-14T22:13:22.500Z\""), await ListAsync());
    }

    [Fact]
    public async Task Push_WithoutAFile_Refused()
    {
        Assert.Equal("iot.config.NotExistedConfig", (await Emulator.TryCallAsync("PushProductConfig", new { Vectors.ProductKey })).Code);
    }

    [Fact]
    public async Task Download_WholeAndByRange_DigestMatchesTheSign()
    {
        await UpdateAsync(V1);
        string url = UrlOf(await GetAsync(), out _);
        byte[] expected = Encoding.UTF8.GetBytes(V1);
        using (HttpResponseMessage whole = await _downloads.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
            Assert.Equal("\"" + V1Md5 + "\"", whole.Headers.ETag!.Tag);
            Assert.Equal(["bytes"], whole.Headers.AcceptRanges);
            (byte[] body, IOException? error) = await DownloadClient.ReadBodyAsync(whole);
            Assert.Null(error);
            Assert.Equal(expected, body);
            Assert.Equal(V1Sha256, Convert.ToHexStringLower(SHA256.HashData(body)));
        }
        using HttpResponseMessage first = await _downloads.GetAsync(url, "bytes=0-9");
        using HttpResponseMessage rest = await _downloads.GetAsync(url, "bytes=10-");
        Assert.Equal((HttpStatusCode.PartialContent, "bytes 0-9/33"), (first.StatusCode, first.Content.Headers.ContentRange!.ToString()));
        Assert.Equal((HttpStatusCode.PartialContent, "bytes 10-32/33"), (rest.StatusCode, rest.Content.Headers.ContentRange!.ToString()));
        byte[] joined = [.. (await DownloadClient.ReadBodyAsync(first)).Body, .. (await DownloadClient.ReadBodyAsync(rest)).Body];
        Assert.Equal(V1Sha256, Convert.ToHexStringLower(SHA256.HashData(joined)));
        using HttpResponseMessage past = await _downloads.GetAsync(url, "bytes=33-");
        Assert.Equal((HttpStatusCode.RequestedRangeNotSatisfiable, "bytes */33"), (past.StatusCode, past.Content.Headers.ContentRange!.ToString()));
        using HttpResponseMessage otherName = await _downloads.GetAsync(url.Replace("/config.json?", "/other.json?"));
        Assert.Equal(HttpStatusCode.Forbidden, otherName.StatusCode);          // the path is signed
    }

    [Fact]
    public async Task Download_FaultForTheConfigId_CutThenResumedByRange()
    {
        string configId = await UpdateAsync(V1);
        string url = UrlOf(await GetAsync(), out _);
        await Emulator.CallAsync("SetOTADownloadFault", new { ConfigId = configId, CutAfterBytes = 10 });
        byte[] head;
        using (HttpResponseMessage cut = await _downloads.GetAsync(url))
        {
            (head, IOException? error) = await DownloadClient.ReadBodyAsync(cut);
            Assert.NotNull(error);
        }
        Assert.Equal(Encoding.UTF8.GetBytes(V1)[..10], head);
        using HttpResponseMessage rest = await _downloads.GetAsync(url, "bytes=10-");      // the fault was for one download
        (byte[] tail, IOException? none) = await DownloadClient.ReadBodyAsync(rest);
        Assert.Null(none);
        Assert.Equal(V1Sha256, Convert.ToHexStringLower(SHA256.HashData([.. head, .. tail])));

        Assert.Equal("InvalidParameter", (await Emulator.TryCallAsync("SetOTADownloadFault", new { ConfigId = configId, FirmwareId = "x", CutAfterBytes = 1 })).Code);
        Assert.Equal("iot.config.NotExistedConfig", (await Emulator.TryCallAsync("SetOTADownloadFault", new { ConfigId = "nope", CutAfterBytes = 1 })).Code);
    }

    [Fact]
    public async Task Download_TheRuleForAllDownloads_CoversConfigurationFiles()
    {
        await UpdateAsync(V1);
        string url = UrlOf(await GetAsync(), out _);
        await Emulator.CallAsync("SetOTADownloadFault", new { CorruptByteAt = 0 });
        using HttpResponseMessage response = await _downloads.GetAsync(url);
        byte[] body = (await DownloadClient.ReadBodyAsync(response)).Body;
        byte[] expected = Encoding.UTF8.GetBytes(V1);
        Assert.Equal(expected.Length, body.Length);
        Assert.Equal([0], Enumerable.Range(0, expected.Length).Where(i => body[i] != expected[i]));
    }

    [Fact]
    public async Task Url_ExpiresAfter30Minutes_GetGivesAFreshOne()
    {
        await UpdateAsync(V1);
        string url = UrlOf(await GetAsync(), out _);
        Volatile.Write(ref _now.Value, 1_700_001_802_000);
        using (HttpResponseMessage expired = await _downloads.GetAsync(url)) Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        string fresh = UrlOf(await GetAsync(), out _);
        Assert.Contains("?Expires=1700003602&", fresh);
        using HttpResponseMessage response = await _downloads.GetAsync(fresh);
        Assert.Equal(Encoding.UTF8.GetBytes(V1), (await DownloadClient.ReadBodyAsync(response)).Body);
    }

    [Fact]
    public async Task Update_AgainMakesANewCurrentVersion_TheOldOneStillDownloads()
    {
        string first = await UpdateAsync(V1);
        string oldUrl = UrlOf(await GetAsync(), out _);
        string second = await UpdateAsync(V2);
        Assert.NotEqual(first, second);
        UrlOf(await GetAsync(), out string reply);
        Assert.Equal(GetReply(Data(second, 34, V2Sha256)), reply);

        var current = (await Emulator.CallAsync("QueryProductConfig", new { Vectors.ProductKey }))["Data"]!;
        OtaWire.AssertUrl(current["Url"]!.GetValue<string>());
        current.AsObject().Remove("Url");
        Assert.Equal($$"""{"ConfigId":"{{second}}","ConfigSize":34,"Sign":"{{V2Sha256}}","SignMethod":"SHA256","UtcCreate":"{{Now}}","ConfigContent":"{\"reportIntervalS\":30,\"led\":\"off\"}","ConfigBase64":"eyJyZXBvcnRJbnRlcnZhbFMiOjMwLCJsZWQiOiJvZmYifQ==","Versions":[{"ConfigId":"{{second}}","ConfigSize":34,"Sign":"{{V2Sha256}}","SignMethod":"SHA256","UtcCreate":"{{Now}}"},{"ConfigId":"{{first}}","ConfigSize":33,"Sign":"{{V1Sha256}}","SignMethod":"SHA256","UtcCreate":"{{Now}}"}]}""",
            current.Json());
        var older = (await Emulator.CallAsync("QueryProductConfig", new { Vectors.ProductKey, ConfigId = first }))["Data"]!;
        Assert.Equal(V1, older["ConfigContent"]!.GetValue<string>());

        using HttpResponseMessage response = await _downloads.GetAsync(oldUrl);
        Assert.Equal(Encoding.UTF8.GetBytes(V1), (await DownloadClient.ReadBodyAsync(response)).Body);
    }

    [Fact]
    public async Task Update_64KB_Accepted_OneByteMore_Refused()
    {
        var accepted = await Emulator.CallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigContent = new string('a', 65_536) });
        Assert.Equal(65_536, accepted["Data"]!["ConfigSize"]!.GetValue<long>());
        var refused = await Emulator.TryCallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigBase64 = Convert.ToBase64String(new byte[65_537]) });
        Assert.Equal(("InvalidParameter", "the configuration file has 65537 bytes; the platform allows 65536 (64 KB)"),
            (refused.Code, refused.Body["ErrorMessage"]!.GetValue<string>()));
        // Multi-byte characters count as their UTF-8 bytes: 21,846 × 3 bytes is over the limit.
        Assert.Equal("InvalidParameter", (await Emulator.TryCallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigContent = new string('配', 21_846) })).Code);
        var current = (await Emulator.CallAsync("QueryProductConfig", new { Vectors.ProductKey }))["Data"]!;
        Assert.Equal(accepted["Data"]!["ConfigId"]!.GetValue<string>(), current["ConfigId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_JsonContent_TakenAsItsText()
    {
        await Emulator.CallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigContent = new { reportIntervalS = 60, led = "on" } });
        var current = (await Emulator.CallAsync("QueryProductConfig", new { Vectors.ProductKey }))["Data"]!;
        Assert.Equal((V1, V1Sha256), (current["ConfigContent"]!.GetValue<string>(), current["Sign"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Update_BadRequests_Refused()
    {
        Assert.Equal("InvalidParameter", (await Emulator.TryCallAsync("UpdateProductConfig", new { Vectors.ProductKey })).Code);
        Assert.Equal("InvalidParameter", (await Emulator.TryCallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigContent = V1, ConfigBase64 = "eA==" })).Code);
        Assert.Equal("InvalidParameter", (await Emulator.TryCallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigContent = "" })).Code);
        Assert.Equal("iot.prod.NotExistedProduct", (await Emulator.TryCallAsync("UpdateProductConfig", new { ProductKey = "a1NoSuchPK0", ConfigContent = V1 })).Code);
        Assert.Equal("iot.config.NotExistedConfig", (await Emulator.TryCallAsync("QueryProductConfig", new { Vectors.ProductKey })).Code);
    }

    [Fact]
    public async Task BinaryFile_HasNoTextContent()
    {
        var answer = await Emulator.CallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigBase64 = "/wCA" });
        Assert.Equal("ef192b7af54e943f206ab27075ec1805384c972c9959fc5820f1fa7d5268fcef", answer["Data"]!["Sign"]!.GetValue<string>());
        var current = (await Emulator.CallAsync("QueryProductConfig", new { Vectors.ProductKey }))["Data"]!;
        Assert.Equal("null /wCA", current["ConfigContent"].Json() + " " + current["ConfigBase64"]);
    }

    [Fact]
    public async Task ListenerOff_GetAnswersEmpty_PushRefused()
    {
        await using TestEmulator off = await TestEmulator.StartAsync(o => o.OtaPort = null);
        await off.CreateCaptureProductAsync();
        await off.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
        await off.CallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigContent = V1 });
        Assert.Null((await off.CallAsync("QueryProductConfig", new { Vectors.ProductKey }))["Data"]!["Url"]);
        Assert.Equal("iot.ota.DownloadListenerOff", (await off.TryCallAsync("PushProductConfig", new { Vectors.ProductKey })).Code);
        await using TestDevice device = await TestDevice.CaptureDeviceAsync(off);
        Assert.Equal("""{"code":200,"data":{},"id":"7","message":"success","method":"thing.config.get","version":"1.0"}""",
            await device.RequestAsync(Sys + "thing/config/get", GetRequest, Sys + "thing/config/get_reply"));
    }

    public override async Task DisposeAsync()
    {
        _downloads.Dispose();
        await base.DisposeAsync();
    }
}
