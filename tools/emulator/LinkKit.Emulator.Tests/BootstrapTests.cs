using System.Net.Http;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// Bootstrap: the notify pushed to an online device and its notify_reply recorded, and the HTTP(S) endpoint that answers where to
/// connect: the emulator's own MQTT listener, or the endpoint set for the product or the device.
/// </summary>
public sealed class BootstrapTests : CaptureDeviceTest
{
    const string Sys = "/sys/a1TestPK001/dev-001/";

    protected override Task<TestEmulator> StartEmulatorAsync() => TestEmulator.StartAsync(o => o.AuthTlsPort = 0, http: true);

    async Task<string> BootstrapAsync(string form, bool https = false)
    {
        using var http = https ? new HttpClient(EmulatorTrust.Handler(Emulator.Host.CaCertificate)) : new HttpClient();
        string url = https ? $"https://127.0.0.1:{Emulator.Host.AuthTlsPort}/auth/bootstrap" : $"http://127.0.0.1:{Emulator.Host.AuthPort}/auth/bootstrap";
        using HttpResponseMessage response = await http.PostAsync(url, new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    const string Form = "productKey=a1TestPK001&deviceName=dev-001&clientId=a1TestPK001.dev-001&resources=mqtt";

    static string Answer(string host, int port) =>
        $$$$"""{"code":200,"data":{"resources":{"mqtt":{"host":"{{{{host}}}}","port":{{{{port}}}}}}},"message":"success"}""";

    async Task<string> SetEndpointAsync(object parameters) => (await Emulator.CallAsync("SetBootstrapEndpoint", parameters))["Data"].Json();

    [Fact]
    public async Task Notify_OnlineDevice_GetsThePush_ItsReplyRecorded()
    {
        string id = (await Emulator.CallAsync("NotifyBootstrap", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!["MessageId"]!.GetValue<string>();
        Assert.Equal($$"""{"id":"{{id}}","version":"1.0","params":{"cmd":0},"method":"thing.bootstrap.notify"}""",
            await Device.NextTextAsync(Sys + "thing/bootstrap/notify"));
        // QoS 1: the PUBACK comes after the emulator has handled the reply.
        await Device.PublishAsync(Sys + "thing/bootstrap/notify_reply", $$$"""{"id":"{{{id}}}","code":200,"data":{}}""", 1);
        var calls = await Emulator.CallAsync("QueryDeviceServiceData", new { Vectors.ProductKey, Vectors.DeviceName, Identifier = "bootstrap/notify" });
        Assert.Equal($$"""[{"MessageId":"{{id}}","Identifier":"bootstrap/notify","CallType":"async","InputData":"{\"cmd\":0}","ReplyCode":200,"OutputData":"{}","Time":1700000001000,"ReplyTime":1700000001000}]""",
            calls["Data"]!["List"]!["ServiceInfo"].Json());
    }

    [Fact]
    public async Task Notify_OfflineDevice_Refused()
    {
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        Assert.Equal("iot.device.OfflineDevice", (await Emulator.TryCallAsync("NotifyBootstrap", new { Vectors.ProductKey, DeviceName = "dev-002" })).Code);
    }

    [Fact]
    public async Task Endpoint_Default_TheEmulatorsOwnListener_TlsForHttps()
    {
        Assert.Equal(Answer("127.0.0.1", Emulator.MqttPort), await BootstrapAsync(Form));
        Assert.Equal(Answer("127.0.0.1", Emulator.MqttTlsPort), await BootstrapAsync(Form, https: true));
    }

    [Fact]
    public async Task Endpoint_SetForTheProductAndTheDevice_DeviceWins_RemovingFallsBack()
    {
        Assert.Equal("""{"ProductKey":"a1TestPK001","DeviceName":null,"Host":"mqtt.example.com","Port":1883}""",
            await SetEndpointAsync(new { Vectors.ProductKey, Host = "mqtt.example.com", Port = 1883 }));
        Assert.Equal(Answer("mqtt.example.com", 1883), await BootstrapAsync(Form));
        Assert.Equal("""{"ProductKey":"a1TestPK001","DeviceName":"dev-001","Host":"10.0.0.7","Port":8883}""",
            await SetEndpointAsync(new { Vectors.ProductKey, Vectors.DeviceName, Host = "10.0.0.7", Port = 8883 }));
        Assert.Equal(Answer("10.0.0.7", 8883), await BootstrapAsync(Form, https: true));

        Assert.Equal("""{"ProductKey":"a1TestPK001","DeviceName":"dev-001","Host":null,"Port":null}""", await SetEndpointAsync(new { Vectors.ProductKey, Vectors.DeviceName }));
        Assert.Equal(Answer("mqtt.example.com", 1883), await BootstrapAsync(Form));
        await SetEndpointAsync(new { Vectors.ProductKey });
        Assert.Equal(Answer("127.0.0.1", Emulator.MqttPort), await BootstrapAsync(Form));
    }

    [Theory]
    [InlineData("productKey=a1TestPK001&deviceName=dev-001", 460, "productKey, deviceName and resources are required")]
    [InlineData("productKey=a1TestPK001&deviceName=dev-001&resources=codec", 460, "resources must name mqtt")]
    [InlineData("productKey=a1TestPK001&deviceName=dev-001&clientId=dev-001&resources=mqtt", 460, "clientId must be a1TestPK001.dev-001")]
    [InlineData("productKey=a1NoSuchPK1&deviceName=dev-001&resources=mqtt", 6250, "product not found")]
    [InlineData("productKey=a1TestPK001&deviceName=dev-404&resources=mqtt", 6100, "device not found")]
    public async Task Endpoint_BadRequest_RefusedWithCodeAndMessage(string form, int code, string message)
    {
        Assert.Equal($$"""{"code":{{code}},"message":"{{message}}"}""", await BootstrapAsync(form));
    }

    [Theory]
    [InlineData("mqtt.example.com", null)]
    [InlineData(null, 1883)]
    public async Task SetEndpoint_HostWithoutPortOrTheOtherWay_InvalidParameter(string? host, int? port)
    {
        var refused = await Emulator.TryCallAsync("SetBootstrapEndpoint", new { Vectors.ProductKey, Host = host, Port = port });
        Assert.Equal(("InvalidParameter", "give Host and Port together, or neither to remove the endpoint"), (refused.Code, refused.Body["ErrorMessage"]!.GetValue<string>()));
    }
}
