using System.Text;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>Event posts, tags, raw data, NTP and server-side subscription, with the wire capture's payloads.</summary>
public sealed class AlinkThingTests : CaptureDeviceTest
{
    const string Sys = "/sys/a1TestPK001/dev-001/";

    protected override Task CreateProductAsync() => Emulator.CreateCaptureProductAsync(rawReplyHex: "020000000100");

    [Fact]
    public async Task EventPost_WireCapturePayload_RepliedAsCaptured_AndStored()
    {
        string reply = await Device.RequestAsync(Sys + "thing/event/alarm/post",
            """{"id": "4", "version": "1.0", "params": {"value": {"level": 3}}, "method": "thing.event.alarm.post"}""", Sys + "thing/event/alarm/post_reply");
        Assert.Equal("""{"code":200,"data":{},"id":"4","message":"success","method":"thing.event.alarm.post","version":"1.0"}""", reply);
        var events = await Emulator.CallAsync("QueryDeviceEventData", new { Vectors.ProductKey, Vectors.DeviceName, Identifier = "alarm" });
        Assert.Equal("""[{"Identifier":"alarm","EventType":"alert","OutputData":"{\"level\": 3}","Time":1700000001000}]""",
            events["Data"]!["List"]!["EventInfo"]!.Json());
    }

    [Fact]
    public async Task EventPost_UnknownEventOrOutput_Refused()
    {
        string reply = await Device.RequestAsync(Sys + "thing/event/fire/post",
            """{"id": "4", "version": "1.0", "params": {"value": {}}, "method": "thing.event.fire.post"}""", Sys + "thing/event/fire/post_reply");
        Assert.Equal("""{"code":6304,"data":{},"id":"4","message":"event fire is not in the thing model","method":"thing.event.fire.post","version":"1.0"}""", reply);
        reply = await Device.RequestAsync(Sys + "thing/event/alarm/post",
            """{"id": "5", "version": "1.0", "params": {"value": {"level": 11}}, "method": "thing.event.alarm.post"}""", Sys + "thing/event/alarm/post_reply");
        Assert.Equal("""{"code":6306,"data":{},"id":"5","message":"level is out of range","method":"thing.event.alarm.post","version":"1.0"}""", reply);
    }

    [Fact]
    public async Task Tags_UpdateAndDelete_RepliedAsCaptured_AndStored()
    {
        string reply = await Device.RequestAsync(Sys + "thing/deviceinfo/update",
            """{"id": "5", "version": "1.0", "params": [{"attrKey": "room", "attrValue": "lab"}, {"attrKey": "floor", "attrValue": "3"}], "method": "thing.deviceinfo.update"}""",
            Sys + "thing/deviceinfo/update_reply");
        Assert.Equal("""{"code":200,"data":{},"id":"5","message":"success","method":"thing.deviceinfo.update","version":"1.0"}""", reply);
        reply = await Device.RequestAsync(Sys + "thing/deviceinfo/delete",
            """{"id": "6", "version": "1.0", "params": [{"attrKey": "room"}], "method": "thing.deviceinfo.delete"}""", Sys + "thing/deviceinfo/delete_reply");
        Assert.Equal("""{"code":200,"data":{},"id":"6","message":"success","method":"thing.deviceinfo.delete","version":"1.0"}""", reply);
        var props = await Emulator.CallAsync("QueryDeviceProp", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal("""{"floor":"3"}""", props["Props"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tags_BadItems_RefusedWith460()
    {
        string reply = await Device.RequestAsync(Sys + "thing/deviceinfo/update",
            """{"id": "8", "version": "1.0", "params": [{"attrKey": "room"}], "method": "thing.deviceinfo.update"}""", Sys + "thing/deviceinfo/update_reply");
        Assert.Equal("""{"code":460,"data":{},"id":"8","message":"each item needs attrKey and attrValue strings","method":"thing.deviceinfo.update","version":"1.0"}""", reply);
    }

    [Fact]
    public async Task RawUp_StoredAndAnsweredWithTheConfiguredReply()
    {
        await Device.PublishAsync(Sys + "thing/model/up_raw", Convert.FromHexString("01000000020019"));
        (string topic, byte[] payload) = await Device.NextAsync();
        Assert.Equal(Sys + "thing/model/up_raw_reply", topic);
        Assert.Equal("020000000100", Convert.ToHexString(payload));
        var uplinks = await Emulator.CallAsync("QueryDeviceUplinks", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal($$"""[{"Topic":"{{Sys}}thing/model/up_raw","PayloadBase64":"AQAAAAIAGQ==","Time":1700000001000}]""", uplinks["Data"]!["List"]!.Json());
    }

    [Fact]
    public async Task Ntp_EchoesDeviceSendTime_AddsServerTimes()
    {
        string reply = await Device.RequestAsync("/ext/ntp/a1TestPK001/dev-001/request", """{"deviceSendTime":"1571724098000"}""",
            "/ext/ntp/a1TestPK001/dev-001/response");
        Assert.Equal("""{"deviceSendTime":"1571724098000","serverRecvTime":"1700000001000","serverSendTime":"1700000001000"}""", reply);
    }

    [Fact]
    public async Task Ntp_LastRequestShownByQueryDeviceNtp()
    {
        Assert.Equal("""{"Data":null}""", Strip(await Emulator.CallAsync("QueryDeviceNtp", new { Vectors.ProductKey, Vectors.DeviceName })));
        await Device.RequestAsync("/ext/ntp/a1TestPK001/dev-001/request", """{"deviceSendTime":"1571724098000"}""", "/ext/ntp/a1TestPK001/dev-001/response");
        await Device.RequestAsync("/ext/ntp/a1TestPK001/dev-001/request", """{"deviceSendTime":1571724099000}""", "/ext/ntp/a1TestPK001/dev-001/response");
        Assert.Equal("""{"Data":{"DeviceSendTime":1571724099000,"ServerRecvTime":1700000001000,"ServerSendTime":1700000001000}}""",
            Strip(await Emulator.CallAsync("QueryDeviceNtp", new { Vectors.ProductKey, Vectors.DeviceName })));
    }

    // The answer without its RequestId and Success.
    static string Strip(System.Text.Json.Nodes.JsonObject answer) => new System.Text.Json.Nodes.JsonObject { ["Data"] = answer["Data"]?.DeepClone() }.Json();

    [Fact]
    public async Task UnservedSystemTopic_AnsweredWith6203()
    {
        string reply = await Device.RequestAsync(Sys + "thing/topo/add",
            """{"id": "9", "version": "1.0", "params": [{"productKey": "a1SubPK0001", "deviceName": "sub-001"}]}""", Sys + "thing/topo/add_reply");
        Assert.Equal("""{"code":6203,"data":{},"id":"9","message":"topic not served by the emulator","version":"1.0"}""", reply);
    }

    [Fact]
    public async Task WithoutServerSideSubscription_NothingArrivesUntilSubscribed()
    {
        await Device.DisposeAsync();
        // The C SDK style clientId of another device, without _ss=1.
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        const string clientId = "a1TestPK001.dev-002|timestamp=2524608000000,securemode=3,signmethod=hmacsha256|";
        string password = Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Vectors.DeviceSecret),
            Encoding.UTF8.GetBytes("clientIda1TestPK001.dev-002deviceNamedev-002productKeya1TestPK001timestamp2524608000000")));
        Device = await TestDevice.ConnectedAsync(Emulator.MqttPort, clientId, "dev-002&a1TestPK001", password);
        const string post = """{"id": "1", "version": "1.0", "params": {"temperature": 20.5}, "method": "thing.event.property.post"}""";
        await Device.PublishAsync("/sys/a1TestPK001/dev-002/thing/event/property/post", post, 1);
        Assert.Equal(MqttClientSubscribeResultCodeGranted, await Device.SubscribeAsync("/sys/a1TestPK001/dev-002/thing/event/property/post_reply"));
        string reply = await Device.RequestAsync("/sys/a1TestPK001/dev-002/thing/event/property/post", post.Replace("\"1\"", "\"2\""),
            "/sys/a1TestPK001/dev-002/thing/event/property/post_reply", 1);
        Assert.Contains("\"id\":\"2\"", reply);       // the reply to id 1 went nowhere
    }

    const MQTTnet.MqttClientSubscribeResultCode MqttClientSubscribeResultCodeGranted = MQTTnet.MqttClientSubscribeResultCode.GrantedQoS0;

    [Fact]
    public async Task Subscribe_OtherDevicesTopics_RefusedWith0x80_OwnGranted()
    {
        Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.UnspecifiedError, await Device.SubscribeAsync("/sys/a1TestPK001/dev-002/thing/service/property/set"));
        Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.UnspecifiedError, await Device.SubscribeAsync("#"));
        Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.UnspecifiedError, await Device.SubscribeAsync("/ext/register"));
        Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.GrantedQoS0, await Device.SubscribeAsync("/a1TestPK001/dev-001/user/get"));
        Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.GrantedQoS0, await Device.SubscribeAsync("/ext/rrpc/+/a1TestPK001/dev-001/user/rrpc_demo"));
    }
}
