using System.Text.RegularExpressions;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>Test data and checks for OTA and remote configuration messages: the few files whose digests are published values, and download URLs.</summary>
static class OtaWire
{
    // "hello", "world" and "mcu!" with their digests, computed outside the emulator (Python hashlib).
    public const string HelloBase64 = "aGVsbG8=";
    public const string HelloMd5 = "5d41402abc4b2a76b9719d911017c592";
    public const string HelloSha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    public const string WorldBase64 = "d29ybGQ=";
    public const string WorldMd5 = "7d793037a0760186574b0282f2f435e7";
    public const string McuBase64 = "bWN1IQ==";
    public const string McuMd5 = "8dbdcf485c5752c8ed0080526658004a";

    /// <summary>
    /// A download URL of the emulator, of a firmware file or a configuration file: OSS's query parameters, a 1 KB token, under the
    /// HTTPS listener on loopback.
    /// </summary>
    static readonly Regex Url = new(
        @"^https://127\.0\.0\.1:[0-9]+/(ota/[A-Za-z0-9]{22}0100/[A-Za-z0-9._-]+|config/[A-Za-z0-9]{22}0400/config\.json)\?Expires=[0-9]+&OSSAccessKeyId=STS\.[A-Za-z0-9]{24}&Signature=[A-Za-z0-9%]{44,}&security-token=[A-Za-z0-9%]{1024,}$");

    /// <summary>
    /// Checks the shape of every download URL in an OTA message (longer than 1 KB each) and writes them as "URL", and a push's
    /// numeric id as ID, so the rest compares exactly; the URLs come back in order.
    /// </summary>
    public static string Normalize(string message, List<string>? urls = null)
    {
        string result = Regex.Replace(message, "\"(url|fileUrl)\":\"([^\"]*)\"", m =>
        {
            AssertUrl(m.Groups[2].Value);
            urls?.Add(m.Groups[2].Value);
            return "\"" + m.Groups[1].Value + "\":\"URL\"";
        });
        return Regex.Replace(result, "^\\{\"code\":\"1000\",(.*),\"id\":[0-9]+,\"message\":\"success\"\\}$", "{\"code\":\"1000\",$1,\"id\":ID,\"message\":\"success\"}");
    }

    /// <summary>Requires the shape of a download URL, and more than 1,024 characters.</summary>
    public static void AssertUrl(string url)
    {
        Assert.Matches(Url, url);
        Assert.True(url.Length > 1024, "URL of " + url.Length + " characters");
    }

    /// <summary>The single-file data object of "hello" (MD5) as version 2.0.0 of a module, its URL written as "URL".</summary>
    public static string HelloData(string module = "default", string version = "2.0.0") =>
        $$"""{"size":5,"sign":"{{HelloMd5}}","version":"{{version}}","isDiff":0,"url":"URL","signMethod":"Md5","md5":"{{HelloMd5}}","module":"{{module}}"}""";

    /// <summary>The push carrying <see cref="HelloData"/>.</summary>
    public static string HelloPush(string module = "default", string version = "2.0.0") =>
        $$"""{"code":"1000","data":{{HelloData(module, version)}},"id":ID,"message":"success"}""";
}
