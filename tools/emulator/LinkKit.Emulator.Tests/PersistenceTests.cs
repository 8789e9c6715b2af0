using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>Data survives a restart on the same database file; devices reconnect with the same credentials.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task Restart_KeepsRegistryPropertiesShadowTagsEventsAndCa()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await emulator.CreateCaptureProductAsync();
        await emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
        string caBefore = emulator.Host.CaCertificatePem;
        await using (TestDevice device = await TestDevice.CaptureDeviceAsync(emulator))
        {
            await device.RequestAsync("/sys/a1TestPK001/dev-001/thing/event/property/post",
                """{"id": "1", "version": "1.0", "params": {"temperature": 25.5, "LightSwitch": 1}, "method": "thing.event.property.post"}""",
                "/sys/a1TestPK001/dev-001/thing/event/property/post_reply", 1);
            await device.RequestAsync("/shadow/update/a1TestPK001/dev-001", """{"state": {"reported": {"color": "red"}}, "method": "update", "version": 1}""",
                "/shadow/get/a1TestPK001/dev-001", 1);
            await device.RequestAsync("/sys/a1TestPK001/dev-001/thing/deviceinfo/update",
                """{"id": "5", "version": "1.0", "params": [{"attrKey": "room", "attrValue": "lab"}], "method": "thing.deviceinfo.update"}""",
                "/sys/a1TestPK001/dev-001/thing/deviceinfo/update_reply");
            await device.RequestAsync("/sys/a1TestPK001/dev-001/thing/event/alarm/post",
                """{"id": "4", "version": "1.0", "params": {"value": {"level": 3}}, "method": "thing.event.alarm.post"}""", "/sys/a1TestPK001/dev-001/thing/event/alarm/post_reply");
        }

        await emulator.RestartAsync();

        Assert.Equal(caBefore, emulator.Host.CaCertificatePem);
        var detail = (await emulator.CallAsync("QueryDeviceDetail", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!;
        Assert.Equal("OFFLINE", detail["Status"]!.GetValue<string>());
        var status = await emulator.CallAsync("QueryDevicePropertyStatus", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal(
            """[{"Identifier":"LightSwitch","Name":"Light","DataType":"bool","Value":"1","Time":"1700000001000"},{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":"25.5","Time":"1700000001000"}]""",
            status["Data"]!["List"]!["PropertyStatusInfo"].Json());
        Assert.Equal("""{"room":"lab"}""", (await emulator.CallAsync("QueryDeviceProp", new { Vectors.ProductKey, Vectors.DeviceName }))["Props"]!.GetValue<string>());
        var events = await emulator.CallAsync("QueryDeviceEventData", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Single(events["Data"]!["List"]!["EventInfo"]!.AsArray());

        // The device reconnects with the same credentials; its shadow is still at version 1 and the thing model still applies.
        await using TestDevice again = await TestDevice.CaptureDeviceAsync(emulator);
        Assert.Equal(
            """{"method":"reply","payload":{"status":"success","state":{"reported":{"color":"red"}},"metadata":{"reported":{"color":{"timestamp":1700000001}}}},"version":1,"timestamp":1700000001}""",
            await again.RequestAsync("/shadow/update/a1TestPK001/dev-001", """{"method": "get"}""", "/shadow/get/a1TestPK001/dev-001", 1));
        Assert.Contains("\"code\":6304", await again.RequestAsync("/sys/a1TestPK001/dev-001/thing/event/property/post",
            """{"id": "2", "version": "1.0", "params": {"notInTsl": 1}, "method": "thing.event.property.post"}""",
            "/sys/a1TestPK001/dev-001/thing/event/property/post_reply", 1));
    }

    [Fact]
    public async Task Restart_KeepsFirmwareJobsModuleVersions_AndTheKeyThatSignsUrls()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await emulator.CreateCaptureProductAsync();
        await emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
        await using (TestDevice device = await TestDevice.CaptureDeviceAsync(emulator))
            await device.PublishAsync("/ota/device/inform/a1TestPK001/dev-001", """{"id": 1, "params": {"version": "1.0.0", "module": "mcu"}}""", 1);
        string firmwareId = (await emulator.CallAsync("CreateOTAFirmware", new { Vectors.ProductKey, FirmwareName = "fw", DestVersion = "2.0.0", FirmwareBase64 = OtaWire.HelloBase64 }))
            ["Data"]!["FirmwareId"]!.GetValue<string>();
        string url = (await emulator.CallAsync("QueryOTAFirmware", new { FirmwareId = firmwareId }))["FirmwareInfo"]!["FirmwareUrl"]!.GetValue<string>();
        await emulator.CallAsync("CreateOTAStaticUpgradeJob", new { FirmwareId = firmwareId, Vectors.ProductKey, TargetSelection = "ALL" });
        int portBefore = emulator.Host.OtaPort!.Value;

        await emulator.RestartAsync();

        // A URL given out before the restart still downloads (same key; only the test's free port moved).
        using var http = new HttpClient(EmulatorTrust.Handler(emulator.Host.CaCertificate));
        Assert.Equal("hello", await http.GetStringAsync(url.Replace($":{portBefore}/", $":{emulator.Host.OtaPort}/")));
        var versions = await emulator.CallAsync("ListOTAModuleVersionsByDevice", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal("mcu 1.0.0", $"{versions["Data"]!["SimpleOTAModuleInfo"]![0]!["ModuleName"]} {versions["Data"]!["SimpleOTAModuleInfo"]![0]!["ModuleVersion"]}");
        await using TestDevice again = await TestDevice.CaptureDeviceAsync(emulator);
        Assert.Equal(OtaWire.HelloPush(), OtaWire.Normalize(await again.NextTextAsync("/ota/device/upgrade/a1TestPK001/dev-001")));
    }

    [Fact]
    public async Task Restart_KeepsConfigurationVersionsAndPushes_OldUrlsStillDownload()
    {
        const string sys = "/sys/a1TestPK001/dev-001/";
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await emulator.CreateCaptureProductAsync();
        await emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
        await emulator.CallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigContent = "first" });
        string configId = (await emulator.CallAsync("UpdateProductConfig", new { Vectors.ProductKey, ConfigContent = "{\"led\":\"on\"}" }))["Data"]!["ConfigId"]!.GetValue<string>();
        var urls = new List<string>();
        await using (TestDevice device = await TestDevice.CaptureDeviceAsync(emulator))
        {
            var pushed = await emulator.CallAsync("PushProductConfig", new { Vectors.ProductKey });
            string messageId = pushed["Data"]!["Pushes"]![0]!["MessageId"]!.GetValue<string>();
            OtaWire.Normalize(await device.NextTextAsync(sys + "thing/config/push"), urls);
            await device.PublishAsync(sys + "thing/config/push_reply", $$$"""{"id":"{{{messageId}}}","code":200,"data":{}}""", 1);
        }
        string Query(System.Text.Json.Nodes.JsonNode data)
        {
            data.AsObject().Remove("Url");      // fresh each time
            return data.Json();
        }
        string before = Query((await emulator.CallAsync("QueryProductConfig", new { Vectors.ProductKey }))["Data"]!);
        string pushesBefore = (await emulator.CallAsync("ListProductConfigPushes", new { Vectors.ProductKey }))["Data"].Json();
        int portBefore = emulator.Host.OtaPort!.Value;

        await emulator.RestartAsync();

        Assert.Equal(before, Query((await emulator.CallAsync("QueryProductConfig", new { Vectors.ProductKey }))["Data"]!));
        Assert.Contains("\"ReplyCode\":200", pushesBefore);
        Assert.Equal(pushesBefore, (await emulator.CallAsync("ListProductConfigPushes", new { Vectors.ProductKey }))["Data"].Json());
        // The URL pushed before the restart still downloads (same key; only the test's free port moved).
        using var downloads = new DownloadClient(emulator.Host.CaCertificate);
        using HttpResponseMessage response = await downloads.GetAsync(urls[0].Replace($":{portBefore}/", $":{emulator.Host.OtaPort}/"));
        Assert.Equal("{\"led\":\"on\"}", await response.Content.ReadAsStringAsync());
        await using TestDevice again = await TestDevice.CaptureDeviceAsync(emulator);
        Assert.Contains($"\"configId\":\"{configId}\"", await again.RequestAsync(sys + "thing/config/get", """{"id":"1","params":{}}""", sys + "thing/config/get_reply"));
    }
}
