using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using MQTTnet;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>Malformed input never stops the emulator: clear refusals or dropped messages, other devices keep being served.</summary>
public sealed class BadInputTests : CaptureDeviceTest
{
    const string PostTopic = "/sys/a1TestPK001/dev-001/thing/event/property/post";
    const string ReplyTopic = "/sys/a1TestPK001/dev-001/thing/event/property/post_reply";
    const string Post = """{"id": "1", "version": "1.0", "params": {"temperature": 25.5}, "method": "thing.event.property.post"}""";

    protected override Task<TestEmulator> StartEmulatorAsync() => TestEmulator.StartAsync(o => o.MaxPayloadBytes = 4096, http: true);

    const string Success = """{"code":200,"data":{},"id":"1","message":"success","method":"thing.event.property.post","version":"1.0"}""";

    [Fact]
    public async Task OversizedPayload_Dropped_DeviceStillServed_DataIntact()
    {
        Assert.Equal(Success, await Device.RequestAsync(PostTopic, Post, ReplyTopic, 1));
        string big = """{"id": "2", "version": "1.0", "params": {"label": "x"}, "pad": """ + "\"" + new string('x', 5000) + "\"" + """, "method": "thing.event.property.post"}""";
        await Device.PublishAsync(PostTopic, big, 1);
        Assert.Equal(Success.Replace("\"id\":\"1\"", "\"id\":\"3\""), await Device.RequestAsync(PostTopic, Post.Replace("\"1\"", "\"3\""), ReplyTopic, 1));
        Assert.True(Device.NothingPending);      // no reply to the dropped message
        Assert.Equal(1, Emulator.Host.Broker.DroppedCount);
        var status = await Emulator.CallAsync("QueryDevicePropertyStatus", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal("""[{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":"25.5","Time":"1700000001000"}]""",
            status["Data"]!["List"]!["PropertyStatusInfo"].Json());
    }

    [Fact]
    public async Task UnknownAndForeignTopics_Dropped_NothingStored()
    {
        await Device.PublishAsync("/other/topic", "x");
        await Device.PublishAsync("/sys/a1TestPK001/dev-002/thing/event/property/post", Post);     // another device's topic
        await Device.PublishAsync("/ext/rrpc/123/a1Other0000/dev/user/x", "x");
        Assert.Equal(Success, await Device.RequestAsync(PostTopic, Post, ReplyTopic, 1));
        Assert.True(Device.NothingPending);
        var uplinks = await Emulator.CallAsync("QueryDeviceUplinks", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal("[]", uplinks["Data"]!["List"].Json());
    }

    [Fact]
    public async Task GarbageFromOneDevice_OtherDeviceKeepsBeingServed()
    {
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        const string clientId2 = "a1TestPK001.dev-002|timestamp=2524608000000,_ss=1,securemode=3,signmethod=hmacsha256|";
        string password2 = Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Vectors.DeviceSecret),
            Encoding.UTF8.GetBytes("clientIda1TestPK001.dev-002deviceNamedev-002productKeya1TestPK001timestamp2524608000000")));
        await using TestDevice other = await TestDevice.ConnectedAsync(Emulator.MqttPort, clientId2, "dev-002&a1TestPK001", password2);
        Emulator.AssertOnline(Vectors.ProductKey, "dev-002", clientId2);

        byte[][] garbage = [[0xff, 0xfe, 0x00], Encoding.UTF8.GetBytes("{\"id\":"), Encoding.UTF8.GetBytes("""{"id":"1","params":{"a":{"b":{"c":{"d":""" + new string('[', 200) + "}}}}}"), []];
        string[] topics = [PostTopic, "/sys/a1TestPK001/dev-001/thing/event/alarm/post", "/shadow/update/a1TestPK001/dev-001",
            "/sys/a1TestPK001/dev-001/thing/deviceinfo/update", "/sys/a1TestPK001/dev-001/thing/service/reboot_reply",
            "/sys/a1TestPK001/dev-001/rrpc/response/1", "/ext/ntp/a1TestPK001/dev-001/request", "/ext/rrpc/1/sys/a1TestPK001/dev-001/thing/service/x",
            "/ota/device/inform/a1TestPK001/dev-001", "/ota/device/progress/a1TestPK001/dev-001", "/sys/a1TestPK001/dev-001/thing/ota/firmware/get"];
        foreach (string topic in topics)
            foreach (byte[] payload in garbage)
                await Device.PublishAsync(topic, payload, 1);

        string reply = await other.RequestAsync("/sys/a1TestPK001/dev-002/thing/event/property/post", Post,
            "/sys/a1TestPK001/dev-002/thing/event/property/post_reply", 1);
        Assert.Equal(Success, reply);
        Assert.True(Device.IsConnected);
        Assert.Equal(Success, await SkipToReplyAsync(Device, Post));
    }

    // The garbage above was answered (6207, shadow 400 …) on several topics: read until the post reply arrives.
    static async Task<string> SkipToReplyAsync(TestDevice device, string post)
    {
        await device.PublishAsync(PostTopic, post.Replace("\"1\"", "\"99\""), 1);
        while (true)
        {
            (string topic, byte[] payload) = await device.NextAsync();
            string text = Encoding.UTF8.GetString(payload);
            if (topic == ReplyTopic && text.Contains("\"id\":\"99\"")) return text.Replace("\"99\"", "\"1\"");
        }
    }

    [Fact]
    public async Task MalformedConnectFields_RefusedWithClearCodes()
    {
        await using var device = new TestDevice();
        int port = Emulator.MqttPort;
        // Username that is not {dn}&{pk}.
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await device.ConnectAsync(port, Vectors.V2ClientId, "dev-001", Vectors.V2Password));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await device.ConnectAsync(port, Vectors.V2ClientId, "", Vectors.V2Password));
        // clientId naming another device than the username, or with broken options.
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, await device.ConnectAsync(port, Vectors.V2ClientId, "dev-002&a1TestPK001", Vectors.V2Password));
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, await device.ConnectAsync(port, "a1TestPK001&dev-001|securemode|", Vectors.Username, Vectors.V2Password));
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, await device.ConnectAsync(port, "a1TestPK001&dev-001|securemode=3", Vectors.Username, Vectors.V2Password));
        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, await device.ConnectAsync(port, "a1TestPK001&dev-001|authType=magic|", Vectors.Username, Vectors.V2Password));
        // Keep-alive below 30 s (Link SDK C 4.x: CONNACK 3).
        Assert.Equal(MqttClientConnectResultCode.ServerUnavailable, await device.ConnectAsync(port, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password, keepAliveSeconds: 10));
        // The emulator still serves.
        Assert.Equal(Success, await Device.RequestAsync(PostTopic, Post, ReplyTopic, 1));
    }

    [Fact]
    public async Task NotMqttAtAll_OtherDevicesStillServed()
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, Emulator.MqttPort);
        await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        // MQTTnet drops such a connection when its CONNECT does not come within the communication timeout; meanwhile:
        Assert.Equal(Success, await Device.RequestAsync(PostTopic, Post, ReplyTopic, 1));
    }

    [Fact]
    public async Task ControlApi_MalformedRequests_ClearErrors()
    {
        using var http = new HttpClient { BaseAddress = Emulator.Host.ApiBaseUri };
        async Task<(int Status, string Body)> PostAsync(string path, string body)
        {
            HttpResponseMessage r = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            return ((int)r.StatusCode, await r.Content.ReadAsStringAsync());
        }

        (int status, string body) = await PostAsync("api/RegisterDevice", "{not json");
        Assert.Equal(400, status);
        Assert.Contains("\"Success\":false,\"Code\":\"InvalidParameter\",\"ErrorMessage\":\"request body is not JSON", body);

        (status, body) = await PostAsync("api/RegisterDevice", "[1]");
        Assert.Equal(400, status);
        Assert.Contains("\"ErrorMessage\":\"request body must be a JSON object\"", body);

        (status, body) = await PostAsync("api/RegisterDevice", "{}");
        Assert.Equal(400, status);
        Assert.Contains("\"ErrorMessage\":\"ProductKey is required\"", body);

        (status, body) = await PostAsync("api/NoSuchAction", "{}");
        Assert.Equal(404, status);
        Assert.Contains("\"Code\":\"InvalidAction\"", body);

        (status, body) = await PostAsync("api/QueryDeviceDetail", """{"ProductKey":"a1TestPK001","DeviceName":"nobody"}""");
        Assert.Equal(200, status);
        Assert.Contains("\"Success\":false,\"Code\":\"iot.device.NotExistedDevice\"", body);

        (status, body) = await PostAsync("api/RegisterDevice", """{"ProductKey":"a1TestPK001","DeviceName":"x"}""");
        Assert.Contains("\"Code\":\"iot.device.InvalidFormattedDeviceName\"", body);

        (status, body) = await PostAsync("api/CreateProduct", """{"ProductName":"p","Tsl":"{\"properties\":[{\"identifier\":\"a\"}]}"}""");
        Assert.Equal(400, status);
        Assert.Contains("\"Code\":\"InvalidParameter\",\"ErrorMessage\":\"TSL entry a without dataType\"", body);

        // An event or service whose identifier is not a string was an HTTP 500 (a null dictionary key).
        (status, body) = await PostAsync("api/CreateProduct", """{"ProductName":"p","Tsl":{"events":[{"identifier":null}]}}""");
        Assert.Equal(400, status);
        Assert.Contains("\"Code\":\"InvalidParameter\",\"ErrorMessage\":\"TSL entry without identifier\"", body);
        (status, body) = await PostAsync("api/CreateProduct", """{"ProductName":"p","Tsl":{"services":[{"identifier":7}]}}""");
        Assert.Equal(400, status);
        Assert.Contains("\"ErrorMessage\":\"TSL entry without identifier\"", body);

        (status, body) = await PostAsync("api/SetDeviceProperty", """{"ProductKey":"a1TestPK001","DeviceName":"dev-001","Items":"{broken"}""");
        Assert.Equal(400, status);
        Assert.Contains("\"ErrorMessage\":\"Items is not valid JSON\"", body);

        (status, body) = await PostAsync("api/RRpc", """{"ProductKey":"a1TestPK001","DeviceName":"dev-001","RequestBase64Byte":"***"}""");
        Assert.Equal(400, status);
        Assert.Contains("\"ErrorMessage\":\"RequestBase64Byte is not base64\"", body);

        // Found by fuzzing (tools/fuzz/regressions/controlapi): System.Text.Json accepts an escaped lone surrogate but
        // throws when the string, or a member name next to the one looked up, is read: that was an HTTP 500.
        (status, body) = await PostAsync("api/QueryDeviceDetail", """{"ProductKey":"a1TestPK001","DeviceName":"dev-\udc00"}""");
        Assert.Equal(400, status);
        Assert.Contains("\"ErrorMessage\":\"request body holds a string that is not valid Unicode (a lone surrogate)\"", body);

        (status, body) = await PostAsync("api/QueryDeviceDetail", """{"Pro\ud800":1,"ProductKey":"a1TestPK001","DeviceName":"dev-001"}""");
        Assert.Equal(400, status);
        Assert.Contains("not valid Unicode", body);

        (status, body) = await PostAsync("api/SetDeviceProperty", """{"ProductKey":"a1TestPK001","DeviceName":"dev-001","Items":"{\"L\\udc00\":1}"}""");
        Assert.Equal(400, status);
        Assert.Contains("\"ErrorMessage\":\"Items holds a string that is not valid Unicode (a lone surrogate)\"", body);

        // Stored data is intact and the API keeps working.
        (status, body) = await PostAsync("api/QueryDeviceDetail", """{"ProductKey":"a1TestPK001","DeviceName":"dev-001"}""");
        Assert.Equal(200, status);
        Assert.Contains("\"Success\":true", body);
        Assert.Contains("\"DeviceSecret\":\"0123456789abcdef0123456789abcdef\"", body);
    }
}
