using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>The firmware store: CreateOTAFirmware (bytes given as base64, a local file, or several files), ListOTAFirmware, QueryOTAFirmware, DeleteOTAFirmware.</summary>
public sealed class OtaFirmwareTests : IAsyncLifetime
{
    const string Created = "2023-11-14T22:13:21.000Z";      // TestEmulator.FixedNowMs
    TestEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        await _emulator.CreateCaptureProductAsync();
    }

    public Task DisposeAsync() => _emulator.DisposeAsync().AsTask();

    async Task<string> CreateAsync(object parameters) =>
        (await _emulator.CallAsync("CreateOTAFirmware", parameters))["Data"]!["FirmwareId"]!.GetValue<string>();

    [Fact]
    public async Task CreateQueryListDelete()
    {
        JsonObject created = await _emulator.CallAsync("CreateOTAFirmware", new
        {
            Vectors.ProductKey, FirmwareName = "fw-2.0.0", DestVersion = "2.0.0", FirmwareBase64 = OtaWire.HelloBase64, FirmwareDesc = "first",
        });
        string id = created["Data"]!["FirmwareId"]!.GetValue<string>();
        Assert.Matches("^[A-Za-z0-9]{22}0100$", id);
        Assert.Equal($$"""{"FirmwareId":"{{id}}","UtcCreate":"{{Created}}"}""", created["Data"].Json());

        JsonObject info = (await _emulator.CallAsync("QueryOTAFirmware", new { FirmwareId = id }))["FirmwareInfo"]!.AsObject();
        string url = info["FirmwareUrl"]!.GetValue<string>();
        info.Remove("FirmwareUrl");
        OtaWire.AssertUrl(url);
        Assert.Contains($"/ota/{id}/firmware.bin?Expires=1700086401&", url);       // 24 h after the test clock
        string simple = $$"""{"FirmwareId":"{{id}}","FirmwareName":"fw-2.0.0","ProductKey":"a1TestPK001","ProductName":"capture","DestVersion":"2.0.0","SrcVersion":null,"ModuleName":"default","SignMethod":"MD5","FirmwareSign":"{{OtaWire.HelloMd5}}","FirmwareSize":5,"FirmwareDesc":"first","Status":-1,"Type":0,"UtcCreate":"{{Created}}","UtcModified":"{{Created}}"}""";
        Assert.Equal(simple[..^1] + ",\"Udi\":null}", info.Json());

        JsonObject list = await _emulator.CallAsync("ListOTAFirmware", new { Vectors.ProductKey });
        Assert.Equal($$"""{"SimpleFirmwareInfo":[{{simple}}]}""", list["FirmwareInfo"].Json());
        Assert.Equal("1 10 1 1", $"{list["Total"]} {list["PageSize"]} {list["PageCount"]} {list["CurrentPage"]}");
        Assert.Equal("0", (await _emulator.CallAsync("ListOTAFirmware", new { DestVersion = "9.9.9" }))["Total"].Json());

        string folder = Path.Combine(_emulator.Directory, "emulator-ota", id);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(folder, "firmware.bin")));
        await _emulator.CallAsync("DeleteOTAFirmware", new { FirmwareId = id });
        Assert.False(Directory.Exists(folder));
        Assert.Equal("iot.ota.NotExistedFirmware", (await _emulator.TryCallAsync("QueryOTAFirmware", new { FirmwareId = id })).Code);
        Assert.Equal("""{"SimpleFirmwareInfo":[]}""", (await _emulator.CallAsync("ListOTAFirmware", new { }))["FirmwareInfo"].Json());
    }

    [Fact]
    public async Task LargeFileFromPath_Sha256_SizeAndSignComputed()
    {
        string path = Path.Combine(_emulator.Directory, "big-image.bin");
        byte[] image = new byte[10 * 1024 * 1024 + 3];
        for (int i = 0; i < image.Length; i++) image[i] = (byte)(i * 31 + (i >> 12));
        await File.WriteAllBytesAsync(path, image);
        string id = await CreateAsync(new { Vectors.ProductKey, FirmwareName = "big", DestVersion = "3.0.0", ModuleName = "mcu", SignMethod = "SHA256", FirmwarePath = path });
        JsonNode info = (await _emulator.CallAsync("QueryOTAFirmware", new { FirmwareId = id }))["FirmwareInfo"]!;
        Assert.Equal($"10485763 {Convert.ToHexStringLower(SHA256.HashData(image))} SHA256 mcu", $"{info["FirmwareSize"]} {info["FirmwareSign"]} {info["SignMethod"]} {info["ModuleName"]}");
        Assert.Contains($"/ota/{id}/big-image.bin?", info["FirmwareUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task MultiFiles_EachFileSizedAndSigned()
    {
        string id = await CreateAsync(new
        {
            Vectors.ProductKey, FirmwareName = "pair", DestVersion = "3.0.0",
            MultiFiles = new object[] { new { Name = "app.bin", Base64 = OtaWire.HelloBase64 }, new { Name = "res.bin", Base64 = OtaWire.WorldBase64 } },
        });
        JsonNode info = (await _emulator.CallAsync("QueryOTAFirmware", new { FirmwareId = id }))["FirmwareInfo"]!;
        JsonArray files = info["MultiFiles"]!.AsArray();
        foreach (JsonNode? file in files)
        {
            OtaWire.AssertUrl(file!["Url"]!.GetValue<string>());
            file.AsObject().Remove("Url");
        }
        Assert.Equal($$"""[{"Name":"app.bin","Size":5,"SignValue":"{{OtaWire.HelloMd5}}","FileMd5":"{{OtaWire.HelloMd5}}"},{"Name":"res.bin","Size":5,"SignValue":"{{OtaWire.WorldMd5}}","FileMd5":"{{OtaWire.WorldMd5}}"}]""",
            files.Json());
    }

    [Theory]
    [InlineData("""{"ProductKey":"a1TestPK001","FirmwareName":"x","DestVersion":"2.0.0"}""", "InvalidParameter", "give exactly one of FirmwareBase64, FirmwarePath and MultiFiles")]
    [InlineData("""{"ProductKey":"a1TestPK001","FirmwareName":"x","DestVersion":"2.0.0","FirmwareBase64":"aGVsbG8=","FirmwarePath":"/tmp/x"}""", "InvalidParameter", "give exactly one of FirmwareBase64, FirmwarePath and MultiFiles")]
    [InlineData("""{"ProductKey":"a1TestPK001","FirmwareName":"x","DestVersion":"2 0","FirmwareBase64":"aGVsbG8="}""", "InvalidParameter", "DestVersion may hold 1–64 letters, digits, '.', '-' or '_'")]
    [InlineData("""{"ProductKey":"a1TestPK001","FirmwareName":"x","DestVersion":"2.0.0","FirmwareBase64":"aGVsbG8=","FileName":"../x"}""", "InvalidParameter", "file name ../x must be 1–64 letters, digits, '.', '-' or '_', not starting with '.'")]
    [InlineData("""{"ProductKey":"a1TestPK001","FirmwareName":"x","DestVersion":"2.0.0","FirmwareBase64":"aGVsbG8=","Type":1}""", "InvalidParameter", "a difference package (Type 1) needs SrcVersion")]
    [InlineData("""{"ProductKey":"a1TestPK001","FirmwareName":"x","DestVersion":"2.0.0","FirmwareBase64":"aGVsbG8=","SignMethod":"CRC32"}""", "InvalidParameter", "SignMethod must be MD5 or SHA256")]
    [InlineData("""{"ProductKey":"a1TestPK001","FirmwareName":"x","DestVersion":"2.0.0","FirmwarePath":"/nonexistent/fw.bin"}""", "InvalidParameter", "cannot read the file for fw.bin: Could not find a part of the path '/nonexistent/fw.bin'.")]
    [InlineData("""{"ProductKey":"a1TestPK001","FirmwareName":"x","DestVersion":"2.0.0","MultiFiles":[{"Name":"a","Base64":"aGVsbG8="},{"Name":"a","Base64":"aGVsbG8="}]}""", "InvalidParameter", "MultiFiles names must differ")]
    [InlineData("""{"ProductKey":"a1NoSuchPK0","FirmwareName":"x","DestVersion":"2.0.0","FirmwareBase64":"aGVsbG8="}""", "iot.prod.NotExistedProduct", "product a1NoSuchPK0 does not exist")]
    public async Task CreateOTAFirmware_BadRequests_Refused(string body, string code, string message)
    {
        var response = await _emulator.Host.Api.InvokeAsync("CreateOTAFirmware", body);
        Assert.Equal((code, message), (response.Code, response.Body["ErrorMessage"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FirmwareNames_AreUnique()
    {
        await CreateAsync(new { Vectors.ProductKey, FirmwareName = "same", DestVersion = "2.0.0", FirmwareBase64 = OtaWire.HelloBase64 });
        var again = await _emulator.TryCallAsync("CreateOTAFirmware", new { Vectors.ProductKey, FirmwareName = "same", DestVersion = "2.0.1", FirmwareBase64 = OtaWire.HelloBase64 });
        Assert.Equal("iot.ota.FirmwareNameExisted", again.Code);
        Assert.Equal("1", (await _emulator.CallAsync("ListOTAFirmware", new { }))["Total"].Json());
        Assert.Single(Directory.GetDirectories(Path.Combine(_emulator.Directory, "emulator-ota")));     // the refused one's files are gone
    }
}
