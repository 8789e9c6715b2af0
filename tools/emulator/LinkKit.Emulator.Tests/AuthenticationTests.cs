using System.Security.Cryptography;
using System.Text;
using MQTTnet;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>CONNECT authentication as the platform does it, with the published signing vectors.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    TestEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        await _emulator.CreateCaptureProductAsync();
        await _emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
        await _emulator.CallAsync("CreateProduct", new { ProductKey = Vectors.V1ProductKey, ProductName = "v1" });
        await _emulator.RegisterDeviceAsync(Vectors.V1ProductKey, Vectors.V1DeviceName, Vectors.DeviceSecret);
        await _emulator.CallAsync("CreateProduct", new { ProductKey = Vectors.ExampleProductKey, ProductName = "example" });
        await _emulator.RegisterDeviceAsync(Vectors.ExampleProductKey, Vectors.ExampleDeviceName, Vectors.ExampleDeviceSecret);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    int Plain => _emulator.MqttPort;
    int Tls => _emulator.MqttTlsPort;
    System.Security.Cryptography.X509Certificates.X509Certificate2 Ca => _emulator.Host.CaCertificate;

    async Task<MqttClientConnectResultCode> ConnectAsync(int port, string clientId, string username, string password, bool tls = false, int keepAlive = 60)
    {
        await using var device = new TestDevice();
        return await device.ConnectAsync(port, clientId, username, password, tls ? Ca : null, keepAlive);
    }

    [Fact]
    public async Task V2_WireCaptureCredentials_PlainTcp_Accepted()
    {
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync(Plain, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password));
    }

    [Fact]
    public async Task W1_SecondConnectionCredentials_Accepted()
    {
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync(Plain, Vectors.W1ClientId, Vectors.Username, Vectors.W1Password));
    }

    [Fact]
    public async Task V1_HmacSha1_Tls_Accepted_WrongSecretRefusedWith4()
    {
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync(Tls, Vectors.V1ClientId, Vectors.V1Username, Vectors.V1Password, tls: true));
        // V1b: the same product key, but another device secret's signature.
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await ConnectAsync(Tls, Vectors.V1ClientId, Vectors.V1Username, "4608d3aa3c928984bb5968cbcb2b2710bea4b8db", tls: true));
    }

    [Fact]
    public async Task V1b_PublicExampleCredentials_Accepted()
    {
        Assert.Equal(MqttClientConnectResultCode.Success,
            await ConnectAsync(Tls, Vectors.V1bClientId, Vectors.ExampleUsername, Vectors.V1bPassword, tls: true));
    }

    [Fact]
    public async Task V2_WrongPassword_RefusedWith4()
    {
        // W1's password belongs to another timestamp: right secret, wrong signed string.
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync(Plain, Vectors.V2ClientId, Vectors.Username, Vectors.W1Password));
    }

    [Fact]
    public async Task L4_CSdkStyleHmacSha256UpperCase_Accepted_LowerCaseToo()
    {
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync(Tls, Vectors.L4ClientId, Vectors.ExampleUsername, Vectors.L4Password, tls: true));
        Assert.Equal(MqttClientConnectResultCode.Success,
            await ConnectAsync(Tls, Vectors.L4ClientId, Vectors.ExampleUsername, Vectors.L4Password.ToLowerInvariant(), tls: true));
    }

    [Fact]
    public async Task L4_WrongSecret_RefusedWith4()
    {
        // The same signed string keyed with the V1 device secret instead of the example device's.
        string wrong = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Vectors.DeviceSecret),
            Encoding.UTF8.GetBytes("clientIda1X2bEnP82z.example1deviceNameexample1productKeya1X2bEnP82ztimestamp2524608000000")));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync(Tls, Vectors.L4ClientId, Vectors.ExampleUsername, wrong, tls: true));
    }

    [Fact]
    public async Task HmacMd5_RightAndWrongSecret()
    {
        const string clientId = "a1X2bEnP82z.example1|timestamp=2524608000000,_ss=1,securemode=2,signmethod=hmacmd5|";
        byte[] content = Encoding.UTF8.GetBytes("clientIda1X2bEnP82z.example1deviceNameexample1productKeya1X2bEnP82ztimestamp2524608000000");
        string right = Convert.ToHexStringLower(HMACMD5.HashData(Encoding.UTF8.GetBytes(Vectors.ExampleDeviceSecret), content));
        string wrong = Convert.ToHexStringLower(HMACMD5.HashData(Encoding.UTF8.GetBytes(Vectors.DeviceSecret), content));
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync(Tls, clientId, Vectors.ExampleUsername, right, tls: true));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync(Tls, clientId, Vectors.ExampleUsername, wrong, tls: true));
    }

    [Fact]
    public async Task UnsupportedSignMethod_RefusedWith4()
    {
        string clientId = Vectors.V2ClientId.Replace("signmethod=hmacsha1", "signmethod=sha1");
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync(Plain, clientId, Vectors.Username, Vectors.V2Password));
    }

    [Fact]
    public async Task SecureMode3_OnTlsListener_Refused()
    {
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await ConnectAsync(Tls, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password, tls: true));
    }

    [Fact]
    public async Task SecureMode2_OnPlainListener_Refused()
    {
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync(Plain, Vectors.V1ClientId, Vectors.V1Username, Vectors.V1Password));
    }

    [Fact]
    public async Task UnknownDeviceAndProduct_RefusedWith4()
    {
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await ConnectAsync(Plain, Vectors.V2ClientId.Replace("&dev-001|", "&dev-999|"), "dev-999&a1TestPK001", Vectors.V2Password));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await ConnectAsync(Plain, Vectors.V2ClientId.Replace("a1TestPK001&", "a1Unknown00&"), "dev-001&a1Unknown00", Vectors.V2Password));
    }

    [Fact]
    public async Task RefusalCode_Configurable_To5()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(o => o.AuthFailureConnack = 5);
        await using var device = new TestDevice();
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, await device.ConnectAsync(emulator.MqttPort, Vectors.V2ClientId, Vectors.Username, "x"));
    }

    [Fact]
    public async Task DuplicateLogin_NewConnectionTakesOver_OldIsDropped()
    {
        await using TestDevice first = await TestDevice.ConnectedAsync(Plain, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password);
        await using TestDevice second = await TestDevice.ConnectedAsync(Plain, Vectors.W1ClientId, Vectors.Username, Vectors.W1Password);
        await first.Disconnected.Task.WaitAsync(TestDevice.Wait);
        Assert.False(first.IsConnected);
        _emulator.AssertOnline(Vectors.ProductKey, Vectors.DeviceName, Vectors.W1ClientId);
        // The newer connection is the device now: it is served and the device is online.
        string reply = await second.RequestAsync("/sys/a1TestPK001/dev-001/thing/event/property/post",
            """{"id": "1", "version": "1.0", "params": {"temperature": 25.5}, "method": "thing.event.property.post"}""",
            "/sys/a1TestPK001/dev-001/thing/event/property/post_reply");
        Assert.Equal("""{"code":200,"data":{},"id":"1","message":"success","method":"thing.event.property.post","version":"1.0"}""", reply);
        Assert.True(_emulator.Host.Broker.IsOnline(Vectors.ProductKey, Vectors.DeviceName));
        Assert.Equal("ONLINE", (await _emulator.CallAsync("QueryDeviceDetail", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!["Status"]!.GetValue<string>());
    }

    [Fact]
    public async Task DuplicateLogin_SameClientId_TakesOver()
    {
        // The Python SDK's force_reconnect reuses the clientId and password (wire conn#2 → conn#3).
        await using TestDevice first = await TestDevice.ConnectedAsync(Plain, Vectors.W1ClientId, Vectors.Username, Vectors.W1Password);
        await using TestDevice second = await TestDevice.ConnectedAsync(Plain, Vectors.W1ClientId, Vectors.Username, Vectors.W1Password);
        await first.Disconnected.Task.WaitAsync(TestDevice.Wait);
        Assert.True(second.IsConnected);
        Assert.True(_emulator.Host.Broker.IsOnline(Vectors.ProductKey, Vectors.DeviceName));
    }

    [Fact]
    public async Task Disconnect_MarksDeviceOffline()
    {
        TestDevice device = await TestDevice.CaptureDeviceAsync(_emulator);
        await device.DisposeAsync();
        for (int i = 0; i < 100 && _emulator.Host.Broker.IsOnline(Vectors.ProductKey, Vectors.DeviceName); i++) await Task.Delay(20);
        Assert.False(_emulator.Host.Broker.IsOnline(Vectors.ProductKey, Vectors.DeviceName));
        System.Text.Json.Nodes.JsonNode detail = (await _emulator.CallAsync("QueryDeviceDetail", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!;
        Assert.Equal("OFFLINE", detail["Status"]!.GetValue<string>());
        Assert.Equal("2023-11-14T22:13:21.000Z", detail["UtcActive"]!.GetValue<string>());      // the fixed test clock
    }

    [Fact]
    public async Task DeviceDetail_AgreesWithTheBroker_TheMomentTheDeviceComesOnline_AndTheMomentItGoesOffline()
    {
        TestDevice device = await TestDevice.ConnectedAsync(Plain, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password);
        // No waiting for the registry: as soon as the broker counts the device, every answer must say so.
        await SpinUntilAsync(() => _emulator.Host.Broker.IsOnline(Vectors.ProductKey, Vectors.DeviceName));
        System.Text.Json.Nodes.JsonNode detail = (await _emulator.CallAsync("QueryDeviceDetail", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!;
        Assert.Equal(("ONLINE", true, "2023-11-14T22:13:21.000Z", "2023-11-14T22:13:21.000Z"), (detail["Status"]!.GetValue<string>(),
            detail["Online"]!.GetValue<bool>(), detail["UtcActive"]!.GetValue<string>(), detail["UtcOnline"]!.GetValue<string>()));

        await device.DisposeAsync();
        await SpinUntilAsync(() => !_emulator.Host.Broker.IsOnline(Vectors.ProductKey, Vectors.DeviceName));
        detail = (await _emulator.CallAsync("QueryDeviceDetail", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!;
        Assert.Equal(("OFFLINE", false), (detail["Status"]!.GetValue<string>(), detail["Online"]!.GetValue<bool>()));
    }

    static async Task SpinUntilAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + TestDevice.Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached");
            await Task.Yield();
        }
    }

    [Fact]
    public async Task DisableThing_DropsTheConnection_RefusesLogins_EnableThingAllowsAgain()
    {
        await using TestDevice device = await TestDevice.CaptureDeviceAsync(_emulator);
        await _emulator.CallAsync("DisableThing", new { Vectors.ProductKey, Vectors.DeviceName });
        await device.Disconnected.Task.WaitAsync(TestDevice.Wait);
        Assert.Equal("DISABLE", (await _emulator.CallAsync("QueryDeviceDetail", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!["Status"]!.GetValue<string>());
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync(Plain, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password));
        await _emulator.CallAsync("EnableThing", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal("OFFLINE", (await _emulator.CallAsync("QueryDeviceDetail", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!["Status"]!.GetValue<string>());
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync(Plain, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password));
    }
}
