using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// Firmware downloads over HTTPS with the emulator's CA: whole files and ranges, signed and expiring URLs, and the faults
/// SetOTADownloadFault injects (cut, corrupt, slow). The clock starts at the tests' fixed time and can be moved.
/// </summary>
public sealed class OtaDownloadTests : CaptureDeviceTest
{
    const string Sys = "/sys/a1TestPK001/dev-001/";
    static readonly byte[] Image = MakeImage(200_000);
    readonly StrongBox<long> _now = new(TestEmulator.FixedNowMs);
    DownloadClient _downloads = null!;
    string _firmwareId = "";
    string _url = "";       // QueryOTAFirmware's FirmwareUrl: valid for 24 h

    static byte[] MakeImage(int length)
    {
        byte[] image = new byte[length];
        for (int i = 0; i < length; i++) image[i] = (byte)(i * 31 + (i >> 9));
        return image;
    }

    protected override Task<TestEmulator> StartEmulatorAsync() => TestEmulator.StartAsync(o => o.Clock = () => Volatile.Read(ref _now.Value));

    protected override async Task CreateProductAsync()
    {
        await Emulator.CreateCaptureProductAsync();
        _firmwareId = (await Emulator.CallAsync("CreateOTAFirmware", new
        {
            Vectors.ProductKey, FirmwareName = "image", DestVersion = "2.0.0", FirmwareBase64 = Convert.ToBase64String(Image), FileName = "image.bin",
        }))["Data"]!["FirmwareId"]!.GetValue<string>();
        _url = (await Emulator.CallAsync("QueryOTAFirmware", new { FirmwareId = _firmwareId }))["FirmwareInfo"]!["FirmwareUrl"]!.GetValue<string>();
        _downloads = new DownloadClient(Emulator.Host.CaCertificate);
    }

    string Sign => Convert.ToHexStringLower(MD5.HashData(Image));

    Task SetFaultAsync(object fault) => Emulator.CallAsync("SetOTADownloadFault", fault);

    [Fact]
    public async Task WholeFile_BytesEqual_SignMatches_Headers()
    {
        OtaWire.AssertUrl(_url);
        Assert.Contains($"/ota/{_firmwareId}/image.bin?Expires=1700086401&", _url);
        using HttpResponseMessage response = await _downloads.GetAsync(_url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        (byte[] body, IOException? error) = await DownloadClient.ReadBodyAsync(response);
        Assert.Null(error);
        Assert.Equal(Image, body);
        Assert.Equal((await Emulator.CallAsync("QueryOTAFirmware", new { FirmwareId = _firmwareId }))["FirmwareInfo"]!["FirmwareSign"]!.GetValue<string>(),
            Convert.ToHexStringLower(MD5.HashData(body)));
        Assert.Equal("\"" + Sign.ToUpperInvariant() + "\"", response.Headers.ETag!.Tag);
        Assert.Equal(["bytes"], response.Headers.AcceptRanges);
        Assert.Equal((200_000L, "application/octet-stream"), (response.Content.Headers.ContentLength, response.Content.Headers.ContentType!.MediaType));

        using HttpResponseMessage head = await _downloads.HeadAsync(_url);
        Assert.Equal((HttpStatusCode.OK, 200_000L), (head.StatusCode, head.Content.Headers.ContentLength));
    }

    [Theory]
    [InlineData("bytes=123456-", 123_456, 199_999)]
    [InlineData("bytes=10-19", 10, 19)]
    [InlineData("bytes=-5", 199_995, 199_999)]
    [InlineData("bytes=199990-300000", 199_990, 199_999)]
    [InlineData("bytes=0-0", 0, 0)]
    public async Task Range_ReturnsExactlyThoseBytes(string range, int first, int last)
    {
        using HttpResponseMessage response = await _downloads.GetAsync(_url, range);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {first}-{last}/200000", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(last - first + 1, response.Content.Headers.ContentLength);
        Assert.Equal(Image[first..(last + 1)], (await DownloadClient.ReadBodyAsync(response)).Body);
    }

    [Theory]
    [InlineData("bytes=200000-")]
    [InlineData("bytes=-0")]
    public async Task Range_PastTheEnd_416(string range)
    {
        using HttpResponseMessage response = await _downloads.GetAsync(_url, range);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */200000", response.Content.Headers.ContentRange!.ToString());
    }

    [Theory]
    [InlineData("bytes=1-2,5-6")]
    [InlineData("bytes=x-")]
    [InlineData("lines=1-")]
    public async Task Range_SeveralOrMalformed_Ignored_WholeFile(string range)
    {
        using HttpResponseMessage response = await _downloads.GetAsync(_url, range);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Image, (await DownloadClient.ReadBodyAsync(response)).Body);
    }

    static readonly string ErrorBody = """
        ^<\?xml version="1\.0" encoding="UTF-8"\?>
        <Error>
          <Code>{0}</Code>
          <Message>{1}</Message>
          <RequestId>[0-9a-f]{{32}}</RequestId>
        </Error>
        $
        """;

    async Task AssertRefusedAsync(string url, HttpStatusCode status, string code, string message)
    {
        using HttpResponseMessage response = await _downloads.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Matches(string.Format(ErrorBody, code, System.Text.RegularExpressions.Regex.Escape(message)).ReplaceLineEndings("\n"),
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Expired_403_ValidThroughItsLastSecond()
    {
        Volatile.Write(ref _now.Value, 1_700_086_401_999);       // still the second Expires names
        using (HttpResponseMessage response = await _downloads.GetAsync(_url)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Volatile.Write(ref _now.Value, 1_700_086_402_000);
        await AssertRefusedAsync(_url, HttpStatusCode.Forbidden, "AccessDenied", "Request has expired.");
    }

    [Fact]
    public async Task Tampered_403()
    {
        string Swap(string name, Func<string, string> change)
        {
            int start = _url.IndexOf("&" + name + "=", StringComparison.Ordinal) + name.Length + 2;
            int end = _url.IndexOf('&', start) is int e and >= 0 ? e : _url.Length;
            return _url[..start] + change(_url[start..end]) + _url[end..];
        }
        static string FlipFirst(string s) => (s[0] == 'A' ? "B" : "A") + s[1..];
        const string mismatch = "The request signature does not match; use the URL exactly as received.";
        await AssertRefusedAsync(Swap("Signature", FlipFirst), HttpStatusCode.Forbidden, "SignatureDoesNotMatch", mismatch);
        await AssertRefusedAsync(Swap("security-token", FlipFirst), HttpStatusCode.Forbidden, "SignatureDoesNotMatch", mismatch);
        await AssertRefusedAsync(_url.Replace("?Expires=1700086401&", "?Expires=1800000000&"), HttpStatusCode.Forbidden, "SignatureDoesNotMatch", mismatch);
        await AssertRefusedAsync(_url.Replace("/image.bin?", "/other.bin?"), HttpStatusCode.Forbidden, "SignatureDoesNotMatch", mismatch);
        await AssertRefusedAsync(_url[.._url.IndexOf('?')], HttpStatusCode.Forbidden, "AccessDenied",
            "Expires, OSSAccessKeyId, Signature and security-token are required.");
    }

    [Fact]
    public async Task DeletedFirmware_404()
    {
        await Emulator.CallAsync("DeleteOTAFirmware", new { FirmwareId = _firmwareId });
        await AssertRefusedAsync(_url, HttpStatusCode.NotFound, "NoSuchKey", "The specified key does not exist.");
    }

    [Fact]
    public async Task JobUrlExpiry_ThePushedUrlExpires_FirmwareGetGivesAFreshOne()
    {
        await Emulator.CallAsync("CreateOTAStaticUpgradeJob", new
        {
            FirmwareId = _firmwareId, Vectors.ProductKey, TargetSelection = "SPECIFIC", TargetDeviceName = "dev-001", UrlExpirySeconds = 60,
        });
        var urls = new List<string>();
        OtaWire.Normalize(await Device.NextTextAsync("/ota/device/upgrade/a1TestPK001/dev-001"), urls);
        Assert.Contains("?Expires=1700000061&", urls[0]);
        Volatile.Write(ref _now.Value, 1_700_000_062_000);
        await AssertRefusedAsync(urls[0], HttpStatusCode.Forbidden, "AccessDenied", "Request has expired.");
        OtaWire.Normalize(await Device.RequestAsync(Sys + "thing/ota/firmware/get", """{"id":"1","params":{}}""", Sys + "thing/ota/firmware/get_reply"), urls);
        Assert.Contains("?Expires=1700000122&", urls[1]);
        using HttpResponseMessage response = await _downloads.GetAsync(urls[1]);
        Assert.Equal(Image, (await DownloadClient.ReadBodyAsync(response)).Body);
    }

    [Fact]
    public async Task Cut_IOExceptionAfterExactlyNBytes_ThenRangeResumeCompletesTheFile()
    {
        await SetFaultAsync(new { FirmwareId = _firmwareId, CutAfterBytes = 65_537 });
        byte[] first;
        using (HttpResponseMessage response = await _downloads.GetAsync(_url))
        {
            Assert.Equal((HttpStatusCode.OK, 200_000L), (response.StatusCode, response.Content.Headers.ContentLength));
            (first, IOException? error) = await DownloadClient.ReadBodyAsync(response);
            Assert.NotNull(error);
        }
        Assert.Equal(Image[..65_537], first);
        using HttpResponseMessage rest = await _downloads.GetAsync(_url, "bytes=65537-");       // the fault was for one download
        Assert.Equal("bytes 65537-199999/200000", rest.Content.Headers.ContentRange!.ToString());
        (byte[] second, IOException? none) = await DownloadClient.ReadBodyAsync(rest);
        Assert.Null(none);
        Assert.Equal(Sign, Convert.ToHexStringLower(MD5.HashData([.. first, .. second])));
    }

    [Fact]
    public async Task Cut_CountsTheResponseBody_OfARangeToo()
    {
        await SetFaultAsync(new { FirmwareId = _firmwareId, CutAfterBytes = 1000 });
        using HttpResponseMessage response = await _downloads.GetAsync(_url, "bytes=5000-");
        (byte[] body, IOException? error) = await DownloadClient.ReadBodyAsync(response);
        Assert.NotNull(error);
        Assert.Equal(Image[5000..6000], body);
    }

    [Fact]
    public async Task Cut_BeforeTheFirstByte_TheRequestFails()
    {
        await SetFaultAsync(new { FirmwareId = _firmwareId, CutAfterBytes = 0 });
        long received = 0;
        Exception? error = null;
        try
        {
            using HttpResponseMessage response = await _downloads.GetAsync(_url);
            (byte[] body, error) = await DownloadClient.ReadBodyAsync(response);
            received = body.Length;
        }
        catch (HttpRequestException ex)
        {
            error = ex;
        }
        Assert.NotNull(error);
        Assert.Equal(0, received);
    }

    [Fact]
    public async Task Corrupt_ExactlyOneByteDiffers_AtItsFileOffset()
    {
        await SetFaultAsync(new { FirmwareId = _firmwareId, CorruptByteAt = 1234, Times = 2 });
        using (HttpResponseMessage response = await _downloads.GetAsync(_url))
        {
            (byte[] body, IOException? error) = await DownloadClient.ReadBodyAsync(response);
            Assert.Null(error);
            Assert.Equal([1234], Enumerable.Range(0, Image.Length).Where(i => body[i] != Image[i]));
            Assert.Equal((byte)(Image[1234] ^ 0xFF), body[1234]);
            Assert.NotEqual(Sign, Convert.ToHexStringLower(MD5.HashData(body)));
        }
        using HttpResponseMessage ranged = await _downloads.GetAsync(_url, "bytes=1000-1999");
        byte[] part = (await DownloadClient.ReadBodyAsync(ranged)).Body;
        Assert.Equal([234], Enumerable.Range(0, part.Length).Where(i => part[i] != Image[1000 + i]));
    }

    [Fact]
    public async Task Throttled_BytesArriveIntact()
    {
        await SetFaultAsync(new { FirmwareId = _firmwareId, BytesPerSecond = 1_000_000 });
        using HttpResponseMessage response = await _downloads.GetAsync(_url);
        (byte[] body, IOException? error) = await DownloadClient.ReadBodyAsync(response);
        Assert.Null(error);
        Assert.Equal(Image, body);
    }

    [Fact]
    public async Task FaultScope_FirmwareRuleBeatsTheRuleForAll_TimesCounted_Cleared()
    {
        string other = (await Emulator.CallAsync("CreateOTAFirmware", new { Vectors.ProductKey, FirmwareName = "other", DestVersion = "2.1.0", FirmwareBase64 = OtaWire.HelloBase64 }))
            ["Data"]!["FirmwareId"]!.GetValue<string>();
        string otherUrl = (await Emulator.CallAsync("QueryOTAFirmware", new { FirmwareId = other }))["FirmwareInfo"]!["FirmwareUrl"]!.GetValue<string>();
        await SetFaultAsync(new { CorruptByteAt = 0, Times = 2 });                      // every firmware, twice
        await SetFaultAsync(new { FirmwareId = _firmwareId, CutAfterBytes = 10 });      // this one, once
        async Task<string> BodyAsync(string url)
        {
            using HttpResponseMessage response = await _downloads.GetAsync(url);
            (byte[] body, IOException? error) = await DownloadClient.ReadBodyAsync(response);
            byte[] expected = url == otherUrl ? "hello"u8.ToArray() : Image;
            return (error != null ? "cut " : "") + body.Length + " " + (body.AsSpan().SequenceEqual(expected.AsSpan(0, body.Length)) ? "intact" : "changed");
        }
        Assert.Equal("cut 10 intact", await BodyAsync(_url));
        Assert.Equal("200000 changed", await BodyAsync(_url));
        Assert.Equal("5 changed", await BodyAsync(otherUrl));
        Assert.Equal("5 intact", await BodyAsync(otherUrl));
        await SetFaultAsync(new { CutAfterBytes = 1 });
        await Emulator.CallAsync("ClearOTADownloadFaults", new { });
        Assert.Equal("200000 intact", await BodyAsync(_url));
    }

    [Fact]
    public async Task SetOTADownloadFault_BadRequests_Refused()
    {
        Assert.Equal("InvalidParameter", (await Emulator.TryCallAsync("SetOTADownloadFault", new { FirmwareId = _firmwareId })).Code);
        Assert.Equal("InvalidParameter", (await Emulator.TryCallAsync("SetOTADownloadFault", new { CutAfterBytes = -1 })).Code);
        Assert.Equal("InvalidParameter", (await Emulator.TryCallAsync("SetOTADownloadFault", new { BytesPerSecond = 0 })).Code);
        Assert.Equal("iot.ota.NotExistedFirmware", (await Emulator.TryCallAsync("SetOTADownloadFault", new { FirmwareId = "nope", CutAfterBytes = 1 })).Code);
    }

    [Fact]
    public async Task ListenerOff_NoUrls_JobsRefused()
    {
        await using TestEmulator off = await TestEmulator.StartAsync(o => o.OtaPort = null);
        await off.CreateCaptureProductAsync();
        string id = (await off.CallAsync("CreateOTAFirmware", new { Vectors.ProductKey, FirmwareName = "x", DestVersion = "2.0.0", FirmwareBase64 = OtaWire.HelloBase64 }))
            ["Data"]!["FirmwareId"]!.GetValue<string>();
        Assert.Null((await off.CallAsync("QueryOTAFirmware", new { FirmwareId = id }))["FirmwareInfo"]!["FirmwareUrl"]);
        Assert.Equal("iot.ota.DownloadListenerOff",
            (await off.TryCallAsync("CreateOTAStaticUpgradeJob", new { FirmwareId = id, Vectors.ProductKey, TargetSelection = "ALL" })).Code);
    }

    public override async Task DisposeAsync()
    {
        _downloads.Dispose();
        await base.DisposeAsync();
    }
}
