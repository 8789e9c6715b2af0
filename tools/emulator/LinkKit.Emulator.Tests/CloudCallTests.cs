using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>Cloud → device calls through the control API: property set, async and sync services, RRPC, Pub.</summary>
public sealed class CloudCallTests : CaptureDeviceTest
{
    const string Sys = "/sys/a1TestPK001/dev-001/";

    async Task<string> LatestCallJsonAsync(string identifier)
    {
        var calls = await Emulator.CallAsync("QueryDeviceServiceData", new { Vectors.ProductKey, Vectors.DeviceName, Identifier = identifier });
        return calls["Data"]!["List"]!["ServiceInfo"]![0].Json();
    }

    [Fact]
    public async Task SetDeviceProperty_DeviceGetsAlinkSet_ReplyCollected()
    {
        var result = await Emulator.CallAsync("SetDeviceProperty", new { Vectors.ProductKey, Vectors.DeviceName, Items = """{"temperature":30.5,"LightSwitch":1}""" });
        string id = result["Data"]!["MessageId"]!.GetValue<string>();
        Assert.Equal($$"""{"method":"thing.service.property.set","id":"{{id}}","params":{"temperature":30.5,"LightSwitch":1},"version":"1.0"}""",
            await Device.NextTextAsync(Sys + "thing/service/property/set"));
        // The Python SDK's automatic reply (wire capture).
        await Device.PublishAsync(Sys + "thing/service/property/set_reply", $$$"""{"id": "{{{id}}}", "code": 200, "data": {}}""", 1);
        string call = await WaitForReplyAsync("set");
        Assert.Equal($$"""{"MessageId":"{{id}}","Identifier":"set","CallType":"async","InputData":"{\"temperature\":30.5,\"LightSwitch\":1}","ReplyCode":200,"OutputData":"{}","Time":1700000001000,"ReplyTime":1700000001000}""", call);
    }

    [Fact]
    public async Task SetReply_CodeNotANumber_RecordedAs0()
    {
        var result = await Emulator.CallAsync("SetDeviceProperty", new { Vectors.ProductKey, Vectors.DeviceName, Items = new { LightSwitch = 0 } });
        string id = result["Data"]!["MessageId"]!.GetValue<string>();
        await Device.NextTextAsync(Sys + "thing/service/property/set");
        // QoS 1: the PUBACK comes after the emulator has handled the reply.
        await Device.PublishAsync(Sys + "thing/service/property/set_reply", $$$"""{"id":"{{{id}}}","code":"200","data":{}}""", 1);
        Assert.Equal($$"""{"MessageId":"{{id}}","Identifier":"set","CallType":"async","InputData":"{\"LightSwitch\":0}","ReplyCode":0,"OutputData":"{}","Time":1700000001000,"ReplyTime":1700000001000}""",
            await LatestCallJsonAsync("set"));
    }

    async Task<string> WaitForReplyAsync(string identifier)
    {
        string call = "";
        for (int i = 0; i < 200 && !call.Contains("\"ReplyCode\":2"); i++, await Task.Delay(10)) call = await LatestCallJsonAsync(identifier);
        return call;
    }

    [Fact]
    public async Task SetDeviceProperty_ThingModelAndState_Checked()
    {
        Assert.Equal("iot.tsl.ValidationFailed", (await Emulator.TryCallAsync("SetDeviceProperty", new { Vectors.ProductKey, Vectors.DeviceName, Items = """{"nope":1}""" })).Code);
        Assert.Equal("iot.tsl.ValidationFailed", (await Emulator.TryCallAsync("SetDeviceProperty", new { Vectors.ProductKey, Vectors.DeviceName, Items = """{"serial":"x"}""" })).Code);
        Assert.Equal("iot.tsl.ValidationFailed", (await Emulator.TryCallAsync("SetDeviceProperty", new { Vectors.ProductKey, Vectors.DeviceName, Items = """{"temperature":30}""" })).Code);
        await Device.DisconnectAsync();
        for (int i = 0; i < 100 && Emulator.Host.Broker.IsOnline(Vectors.ProductKey, Vectors.DeviceName); i++) await Task.Delay(20);
        Assert.Equal("iot.device.OfflineDevice", (await Emulator.TryCallAsync("SetDeviceProperty", new { Vectors.ProductKey, Vectors.DeviceName, Items = """{"temperature":30.5}""" })).Code);
    }

    [Fact]
    public async Task InvokeThingService_Async_RoundTripThroughReplyTopic()
    {
        var result = await Emulator.CallAsync("InvokeThingService", new { Vectors.ProductKey, Vectors.DeviceName, Identifier = "reboot", Args = """{"delay":5}""" });
        string id = result["Data"]!["MessageId"]!.GetValue<string>();
        Assert.Equal($$"""{"method":"thing.service.reboot","id":"{{id}}","params":{"delay":5},"version":"1.0"}""", await Device.NextTextAsync(Sys + "thing/service/reboot"));
        await Device.PublishAsync(Sys + "thing/service/reboot_reply", $$$"""{"id": "{{{id}}}", "code": 200, "data": {"accepted": true}}""");
        string call = await WaitForReplyAsync("reboot");
        Assert.Contains("\"ReplyCode\":200,\"OutputData\":\"{\\\"accepted\\\": true}\"", call);
    }

    [Fact]
    public async Task InvokeThingService_Sync_OverExtRrpc_ReturnsTheDevicesResult()
    {
        Task<System.Text.Json.Nodes.JsonObject> call = Emulator.CallAsync("InvokeThingService", new { Vectors.ProductKey, Vectors.DeviceName, Identifier = "getStatus", Args = "{}" });
        (string topic, byte[] payload) = await Device.NextAsync();
        Match m = Regex.Match(topic, "^/ext/rrpc/([0-9]+)/sys/a1TestPK001/dev-001/thing/service/getStatus$");
        Assert.True(m.Success, topic);
        string request = Encoding.UTF8.GetString(payload);
        string id = Regex.Match(request, "\"id\":\"([0-9]+)\"").Groups[1].Value;
        Assert.Equal($$"""{"method":"thing.service.getStatus","id":"{{id}}","params":{},"version":"1.0"}""", request);
        await Device.PublishAsync(topic, $$$"""{"id": "{{{id}}}", "code": 200, "data": {"uptime": 1234}}""");
        var result = await call;
        Assert.Equal($$"""{"MessageId":"{{id}}","Code":200,"Result":"{\"uptime\": 1234}"}""", result["Data"].Json());
    }

    [Fact]
    public async Task InvokeThingService_SyncWithoutAnswer_TimesOut()
    {
        var response = await Emulator.TryCallAsync("InvokeThingService", new { Vectors.ProductKey, Vectors.DeviceName, Identifier = "getStatus", Timeout = 1000 });
        Assert.False(response.Success);
        Assert.Equal("iot.device.TimeOut", response.Code);
    }

    [Theory]
    [InlineData("RRpc", 999)]
    [InlineData("RRpc", 8001)]
    [InlineData("InvokeThingService", 999)]
    [InlineData("InvokeThingService", 8001)]
    public async Task CallTimeout_OutsideThePlatformsRange_Refused(string action, int timeout)
    {
        var response = await Emulator.TryCallAsync(action, new
        {
            Vectors.ProductKey, Vectors.DeviceName, Identifier = "getStatus", RequestBase64Byte = "cGluZw==", Timeout = timeout,
        });
        Assert.False(response.Success);
        Assert.Equal("InvalidParameter", response.Code);
        Assert.Equal("Timeout must be between 1000 and 8000", response.Body["ErrorMessage"]?.GetValue<string>());
    }

    [Fact]
    public async Task InvokeThingService_UnknownServiceOrBadInput_Refused()
    {
        Assert.Equal("iot.tsl.ValidationFailed", (await Emulator.TryCallAsync("InvokeThingService", new { Vectors.ProductKey, Vectors.DeviceName, Identifier = "fly" })).Code);
        Assert.Equal("iot.tsl.ValidationFailed",
            (await Emulator.TryCallAsync("InvokeThingService", new { Vectors.ProductKey, Vectors.DeviceName, Identifier = "reboot", Args = """{"delay":99}""" })).Code);
    }

    [Fact]
    public async Task SystemRrpc_RequestAndResponse()
    {
        Task<System.Text.Json.Nodes.JsonObject> call = Emulator.CallAsync("RRpc", new
        {
            Vectors.ProductKey, Vectors.DeviceName, RequestBase64Byte = Convert.ToBase64String(Encoding.UTF8.GetBytes("ping")), Timeout = 5000,
        });
        (string topic, byte[] payload) = await Device.NextAsync();
        Match m = Regex.Match(topic, "^/sys/a1TestPK001/dev-001/rrpc/request/([0-9]+)$");
        Assert.True(m.Success, topic);
        Assert.Equal("ping", Encoding.UTF8.GetString(payload));
        await Device.PublishAsync(Sys + "rrpc/response/" + m.Groups[1].Value, """{"pong":true}""");
        var result = await call;
        Assert.Equal("SUCCESS", result["RrpcCode"]!.GetValue<string>());
        Assert.Equal(m.Groups[1].Value, result["MessageId"]!.GetValue<string>());
        Assert.Equal("""{"pong":true}""", Encoding.UTF8.GetString(Convert.FromBase64String(result["PayloadBase64Byte"]!.GetValue<string>())));
    }

    [Fact]
    public async Task CustomRrpc_OverSubscribedExtRrpcTopic()
    {
        await Device.SubscribeAsync("/ext/rrpc/+/a1TestPK001/dev-001/user/rrpc_demo");
        Task<System.Text.Json.Nodes.JsonObject> call = Emulator.CallAsync("RRpc", new
        {
            Vectors.ProductKey, Vectors.DeviceName, Topic = "/a1TestPK001/dev-001/user/rrpc_demo",
            RequestBase64Byte = Convert.ToBase64String(Encoding.UTF8.GetBytes("hello rrpc")),
        });
        (string topic, byte[] payload) = await Device.NextAsync();
        Assert.Matches("^/ext/rrpc/[0-9]+/a1TestPK001/dev-001/user/rrpc_demo$", topic);
        Assert.Equal("hello rrpc", Encoding.UTF8.GetString(payload));
        await Device.PublishAsync(topic, "pong-from-device");
        var result = await call;
        Assert.Equal("SUCCESS", result["RrpcCode"]!.GetValue<string>());
        Assert.Equal("cG9uZy1mcm9tLWRldmljZQ==", result["PayloadBase64Byte"]!.GetValue<string>());
        Assert.True(Device.NothingPending);        // the reply is not echoed back to the device (mosquitto would)
    }

    [Fact]
    public async Task Rrpc_TimeoutAndOffline()
    {
        var timeout = await Emulator.CallAsync("RRpc", new { Vectors.ProductKey, Vectors.DeviceName, RequestBase64Byte = "cGluZw==", Timeout = 1000 });
        Assert.Equal("TIMEOUT", timeout["RrpcCode"]!.GetValue<string>());
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-offline", Vectors.DeviceSecret);
        var offline = await Emulator.CallAsync("RRpc", new { Vectors.ProductKey, DeviceName = "dev-offline", RequestBase64Byte = "cGluZw==" });
        Assert.Equal("OFFLINE", offline["RrpcCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pub_ReachesTheSubscribedCustomTopic()
    {
        await Device.SubscribeAsync("/a1TestPK001/dev-001/user/get");
        await Emulator.CallAsync("Pub", new
        {
            Vectors.ProductKey, TopicFullName = "/a1TestPK001/dev-001/user/get", MessageContent = Convert.ToBase64String(Encoding.UTF8.GetBytes("hello from cloud")), Qos = 1,
        });
        Assert.Equal("hello from cloud", await Device.NextTextAsync("/a1TestPK001/dev-001/user/get"));
        Assert.Equal("InvalidParameter", (await Emulator.TryCallAsync("Pub", new { Vectors.ProductKey, TopicFullName = "/other/topic", MessageContent = "eA==" })).Code);
    }

    [Fact]
    public async Task CustomTopicUplink_StoredNotRouted()
    {
        await Device.SubscribeAsync("/a1TestPK001/dev-001/user/update");
        await Device.PublishAsync("/a1TestPK001/dev-001/user/update", "hello from device", 1);
        var uplinks = await Emulator.CallAsync("QueryDeviceUplinks", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal("""[{"Topic":"/a1TestPK001/dev-001/user/update","PayloadBase64":"aGVsbG8gZnJvbSBkZXZpY2U=","Time":1700000001000}]""", uplinks["Data"]!["List"].Json());
        Assert.True(Device.NothingPending);
    }
}
