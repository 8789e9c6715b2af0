using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// The upstream Python SDK's session from docs/test-vectors.md, The Python SDK wire capture (conn#1 → conn#3), replayed byte for byte from
/// the device side: the same CONNECT, no SUBSCRIBE (server-side subscription), the same uplinks in the same order.
/// Where the capture's cloud simulator answered as the platform does, the emulator's answer must equal it.
/// </summary>
public sealed class PythonSdkSessionTests
{
    const string Sys = "/sys/a1TestPK001/dev-001/";

    [Fact]
    public async Task WireCaptureSession_ReplayedAgainstTheEmulator()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        // The capture's product checks nothing ("notInTsl" is accepted) and answers raw data with 020000000100.
        await emulator.CallAsync("CreateProduct", new { ProductKey = Vectors.ProductKey, ProductName = "capture", RawReplyHex = "020000000100" });
        await emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);

        // conn#1
        TestDevice device = await TestDevice.CaptureDeviceAsync(emulator);
        Assert.Equal("""{"code":200,"data":{},"id":"1","message":"success","method":"thing.event.property.post","version":"1.0"}""",
            await device.RequestAsync(Sys + "thing/event/property/post",
                """{"id": "1", "version": "1.0", "params": {"temperature": 25.5, "LightSwitch": 1}, "method": "thing.event.property.post"}""",
                Sys + "thing/event/property/post_reply", 1));
        // (The capture's simulator left "message" out of this one on purpose; the platform sends it.)
        Assert.Equal("""{"code":200,"data":{},"id":"2","message":"success","method":"thing.event.property.post","version":"1.0"}""",
            await device.RequestAsync(Sys + "thing/event/property/post",
                """{"id": "2", "version": "1.0", "params": {"temperature": 26.0}, "method": "thing.event.property.post"}""", Sys + "thing/event/property/post_reply", 1));
        Assert.Equal("""{"code":200,"data":{},"id":"3","message":"success","method":"thing.event.property.post","version":"1.0"}""",
            await device.RequestAsync(Sys + "thing/event/property/post",
                """{"id": "3", "version": "1.0", "params": {"notInTsl": "no validation"}, "method": "thing.event.property.post"}""", Sys + "thing/event/property/post_reply", 1));
        Assert.Equal("""{"code":200,"data":{},"id":"4","message":"success","method":"thing.event.alarm.post","version":"1.0"}""",
            await device.RequestAsync(Sys + "thing/event/alarm/post",
                """{"id": "4", "version": "1.0", "params": {"value": {"level": 3}}, "method": "thing.event.alarm.post"}""", Sys + "thing/event/alarm/post_reply"));

        await device.PublishAsync(Sys + "thing/model/up_raw", Convert.FromHexString("01000000020019"));
        (string rawTopic, byte[] rawReply) = await device.NextAsync();
        Assert.Equal((Sys + "thing/model/up_raw_reply", "020000000100"), (rawTopic, Convert.ToHexString(rawReply)));

        Assert.Equal("""{"code":200,"data":{},"id":"5","message":"success","method":"thing.deviceinfo.update","version":"1.0"}""",
            await device.RequestAsync(Sys + "thing/deviceinfo/update",
                """{"id": "5", "version": "1.0", "params": [{"attrKey": "room", "attrValue": "lab"}, {"attrKey": "floor", "attrValue": "3"}], "method": "thing.deviceinfo.update"}""",
                Sys + "thing/deviceinfo/update_reply"));
        Assert.Equal("""{"code":200,"data":{},"id":"6","message":"success","method":"thing.deviceinfo.delete","version":"1.0"}""",
            await device.RequestAsync(Sys + "thing/deviceinfo/delete",
                """{"id": "6", "version": "1.0", "params": [{"attrKey": "room"}], "method": "thing.deviceinfo.delete"}""", Sys + "thing/deviceinfo/delete_reply"));

        // Shadow: the capture's exact update reply (its timestamp happens to equal the test clock's).
        Assert.Equal("""{"method":"reply","payload":{"status":"success","version":1},"timestamp":1700000001}""",
            await device.RequestAsync("/shadow/update/a1TestPK001/dev-001", """{"state": {"reported": {"color": "red"}}, "method": "update", "version": 1}""",
                "/shadow/get/a1TestPK001/dev-001", 1));
        await emulator.CallAsync("UpdateDeviceShadow", new { Vectors.ProductKey, Vectors.DeviceName, ShadowMessage = """{"method":"update","state":{"desired":{"color":"green"}},"version":2}""" });
        Assert.StartsWith("""{"method":"control",""", await device.NextTextAsync("/shadow/get/a1TestPK001/dev-001"));
        Assert.Equal(
            """{"method":"reply","payload":{"status":"success","state":{"reported":{"color":"red"},"desired":{"color":"green"}},"metadata":{"reported":{"color":{"timestamp":1700000001}},"desired":{"color":{"timestamp":1700000001}}}},"version":2,"timestamp":1700000001}""",
            await device.RequestAsync("/shadow/update/a1TestPK001/dev-001", """{"method": "get"}""", "/shadow/get/a1TestPK001/dev-001", 1));

        // Property set and the SDK's automatic reply.
        var set = await emulator.CallAsync("SetDeviceProperty", new { Vectors.ProductKey, Vectors.DeviceName, Items = """{"temperature":30.5,"LightSwitch":1}""" });
        string setId = set["Data"]!["MessageId"]!.GetValue<string>();
        Assert.Equal($$$"""{"method":"thing.service.property.set","id":"{{{setId}}}","params":{"temperature":30.5,"LightSwitch":1},"version":"1.0"}""",
            await device.NextTextAsync(Sys + "thing/service/property/set"));
        await device.PublishAsync(Sys + "thing/service/property/set_reply", $$$"""{"id": "{{{setId}}}", "code": 200, "data": {}}""", 1);

        // System RRPC, answered by the application with publish_topic.
        Task<System.Text.Json.Nodes.JsonObject> rrpc = emulator.CallAsync("RRpc", new { Vectors.ProductKey, Vectors.DeviceName, RequestBase64Byte = "cGluZw==" });
        (string rrpcTopic, _) = await device.NextAsync();
        await device.PublishAsync(Regex.Replace(rrpcTopic, "/rrpc/request/", "/rrpc/response/"), """{"pong":true}""");
        Assert.Equal("SUCCESS", (await rrpc)["RrpcCode"]!.GetValue<string>());

        // OTA: reports are kept, a push reaches the device without a subscription, firmware/get answers {} (no upgrade pending).
        await device.PublishAsync("/ota/device/inform/a1TestPK001/dev-001", """{"id": 1,"params": {"version":"1.0.0","module": "default"}}""");
        const string upgrade = """{"code":"1000","id":1507707025,"message":"success","data":{"size":432945,"version":"2.0.0","url":"https://ota.example.invalid/fw-2.0.0.bin","signMethod":"Md5","sign":"93230c3bde425a9d7984a594ac55ea1e","md5":"93230c3bde425a9d7984a594ac55ea1e","module":"default","extData":{"k":"v"}}}""";
        await emulator.CallAsync("Pub", new { Vectors.ProductKey, TopicFullName = "/ota/device/upgrade/a1TestPK001/dev-001", MessageContent = Convert.ToBase64String(Encoding.UTF8.GetBytes(upgrade)) });
        Assert.Equal(upgrade, await device.NextTextAsync("/ota/device/upgrade/a1TestPK001/dev-001"));
        Assert.Equal("""{"code":200,"data":{},"id":7,"message":"success","method":"thing.ota.firmware.get","version":"1.0"}""",
            await device.RequestAsync(Sys + "thing/ota/firmware/get", """{"id": 7, "params": {}}""", Sys + "thing/ota/firmware/get_reply"));
        await device.DisposeAsync();      // DISCONNECT

        // conn#2: a fresh connect_async() (new timestamp); conn#3: force_reconnect() with the same credentials.
        await using TestDevice second = await TestDevice.ConnectedAsync(emulator.MqttPort, Vectors.W1ClientId, Vectors.Username, Vectors.W1Password);
        await using TestDevice third = await TestDevice.ConnectedAsync(emulator.MqttPort, Vectors.W1ClientId, Vectors.Username, Vectors.W1Password);
        await second.Disconnected.Task.WaitAsync(TestDevice.Wait);
        emulator.AssertOnline(Vectors.ProductKey, Vectors.DeviceName, Vectors.W1ClientId);

        var status = await emulator.CallAsync("QueryDevicePropertyStatus", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal("""["LightSwitch","notInTsl","temperature"]""",
            new System.Text.Json.Nodes.JsonArray(status["Data"]!["List"]!["PropertyStatusInfo"]!.AsArray().Select(p => (System.Text.Json.Nodes.JsonNode?)p!["Identifier"]!.GetValue<string>()).ToArray()).Json());
        var uplinks = await emulator.CallAsync("QueryDeviceUplinks", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal(2, uplinks["Data"]!["List"]!.AsArray().Count);      // up_raw, OTA inform (firmware/get is answered, not kept)
    }
}
