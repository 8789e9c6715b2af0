using System.Net.Http;
using System.Text;
using System.Text.Json;
using MQTTnet;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>MQTT (register, regnwl → connwl) and HTTP dynamic registration, with the wire capture's credentials.</summary>
public sealed class DynamicRegistrationTests : IAsyncLifetime
{
    TestEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync(http: true);
        await _emulator.CreateCaptureProductAsync(dynamicRegistration: true);
        await _emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.V3DeviceName, "DeviceSecretFromPlatform0001");
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    System.Security.Cryptography.X509Certificates.X509Certificate2 Ca => _emulator.Host.CaCertificate;

    [Fact]
    public async Task Register_V3_PushesTheSecret_ThenTheDeviceLogsInWithIt()
    {
        await using TestDevice registering = await TestDevice.ConnectedAsync(_emulator.MqttTlsPort, Vectors.V3ClientId, Vectors.V3Username, Vectors.V3Password, Ca);
        Assert.Equal("""{"productKey":"a1TestPK001","deviceName":"dev-dyn-1","deviceSecret":"DeviceSecretFromPlatform0001"}""",
            await registering.NextTextAsync("/ext/register"));
        await registering.DisconnectAsync();

        // A Python-style login with the pushed secret; afterwards the device is activated and cannot register again.
        const string clientId = "a1TestPK001&dev-dyn-1|securemode=2,signmethod=hmacsha256,_ss=1,timestamp=1700000000|";
        string password = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("DeviceSecretFromPlatform0001"),
            Encoding.UTF8.GetBytes("clientIda1TestPK001&dev-dyn-1deviceNamedev-dyn-1productKeya1TestPK001timestamp1700000000")));
        await using (TestDevice device = await TestDevice.ConnectedAsync(_emulator.MqttTlsPort, clientId, Vectors.V3Username, password, Ca))
            _emulator.AssertOnline(Vectors.ProductKey, Vectors.V3DeviceName, clientId);
        await using var again = new TestDevice();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await again.ConnectAsync(_emulator.MqttTlsPort, Vectors.V3ClientId, Vectors.V3Username, Vectors.V3Password, Ca));
    }

    [Fact]
    public async Task Register_SwitchOff_Refused()
    {
        await _emulator.CallAsync("UpdateProduct", new { Vectors.ProductKey, DynamicRegistration = false });
        await using var device = new TestDevice();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await device.ConnectAsync(_emulator.MqttTlsPort, Vectors.V3ClientId, Vectors.V3Username, Vectors.V3Password, Ca));
    }

    [Fact]
    public async Task Register_OverPlainTcp_Refused()
    {
        await using var device = new TestDevice();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await device.ConnectAsync(_emulator.MqttPort, Vectors.V3ClientId, Vectors.V3Username, Vectors.V3Password));
    }

    [Fact]
    public async Task Register_NotPreRegisteredOrBadSign_Refused()
    {
        await using var device = new TestDevice();
        // W3's credentials are a valid signature for dev-dyn-2, which is not registered.
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await device.ConnectAsync(_emulator.MqttTlsPort,
            Vectors.W3ClientId.Replace("authType=regnwl", "authType=register"), Vectors.W3Username, Vectors.W3Password, Ca));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await device.ConnectAsync(_emulator.MqttTlsPort, Vectors.V3ClientId, Vectors.V3Username, Vectors.W3Password, Ca));
    }

    [Fact]
    public async Task Register_PushGoesOnlyToTheRegisteringConnection()
    {
        await _emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-dyn-3", "Secret3");
        // A second registering device (signature made here with the product secret, as the device would).
        const string clientId3 = "dev-dyn-3.a1TestPK001|random=AAAAAAAAAAAAAAA,authType=register,securemode=2,signmethod=hmacsha256|";
        string password3 = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Vectors.ProductSecret),
            Encoding.UTF8.GetBytes("deviceNamedev-dyn-3productKeya1TestPK001randomAAAAAAAAAAAAAAA")));
        await using TestDevice third = await TestDevice.ConnectedAsync(_emulator.MqttTlsPort, clientId3, "dev-dyn-3&a1TestPK001", password3, Ca);
        Assert.Equal("""{"productKey":"a1TestPK001","deviceName":"dev-dyn-3","deviceSecret":"Secret3"}""", await third.NextTextAsync("/ext/register"));
        await using TestDevice first = await TestDevice.ConnectedAsync(_emulator.MqttTlsPort, Vectors.V3ClientId, Vectors.V3Username, Vectors.V3Password, Ca);
        Assert.Contains("dev-dyn-1", await first.NextTextAsync("/ext/register"));
        Assert.True(third.NothingPending);
    }

    [Fact]
    public async Task Regnwl_W3_PushesToken_ThenConnwlLoginWorks_WrongTokenRefused()
    {
        string clientId, token;
        await using (TestDevice registering = await TestDevice.ConnectedAsync(_emulator.MqttTlsPort, Vectors.W3ClientId, Vectors.W3Username, Vectors.W3Password, Ca))
        {
            using JsonDocument push = JsonDocument.Parse(await registering.NextTextAsync("/ext/regnwl"));
            JsonElement root = push.RootElement;
            Assert.Equal(["productKey", "deviceName", "clientId", "deviceToken"], root.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Equal("a1TestPK001", root.GetProperty("productKey").GetString());
            Assert.Equal("dev-dyn-2", root.GetProperty("deviceName").GetString());
            clientId = root.GetProperty("clientId").GetString()!;
            token = root.GetProperty("deviceToken").GetString()!;
        }
        Assert.Equal("a1TestPK001.dev-dyn-2", clientId);
        // What the Python SDK's on_device_dynamic_register_nwl_reply hands the application (docs/protocol.md, Dynamic registration / Over MQTT).
        string loginClientId = clientId + "|authType=connwl,securemode=-2,_ss=1,ext=3,lan=Python,_v=1.2.13|";
        await using (var wrong = new TestDevice())
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await wrong.ConnectAsync(_emulator.MqttTlsPort, loginClientId, Vectors.W3Username, token + "x", Ca));
        await using TestDevice device = await TestDevice.ConnectedAsync(_emulator.MqttTlsPort, loginClientId, Vectors.W3Username, token, Ca);
        _emulator.AssertOnline(Vectors.ProductKey, Vectors.W3DeviceName, loginClientId);
        string reply = await device.RequestAsync("/sys/a1TestPK001/dev-dyn-2/thing/event/property/post",
            """{"id": "1", "version": "1.0", "params": {"temperature": 22.5}, "method": "thing.event.property.post"}""",
            "/sys/a1TestPK001/dev-dyn-2/thing/event/property/post_reply", 1);
        Assert.Equal("""{"code":200,"data":{},"id":"1","message":"success","method":"thing.event.property.post","version":"1.0"}""", reply);
    }

    [Fact]
    public async Task Regnwl_WireCaptureClientIdWithPipe_Parsed()
    {
        // The wire capture's platform-issued clientId holds a '|' of its own (conn#6); the token decides.
        await using (TestDevice registering = await TestDevice.ConnectedAsync(_emulator.MqttTlsPort, Vectors.W3ClientId, Vectors.W3Username, Vectors.W3Password, Ca))
            await registering.NextTextAsync("/ext/regnwl");
        string token = _emulator.Host.Store.GetDevice(Vectors.ProductKey, Vectors.W3DeviceName)!.DeviceToken!;
        const string captureClientId = "a1TestPK001.dev-dyn-2|example-clientid-from-platform|authType=connwl,securemode=-2,_ss=1,ext=3,lan=Python,_v=1.2.13|";
        await using TestDevice device = await TestDevice.ConnectedAsync(_emulator.MqttTlsPort, captureClientId, Vectors.W3Username, token, Ca);
    }

    // ------------------------------------------------------------------------------------------ HTTP

    async Task<string> PostFormAsync(string body)
    {
        using var http = new HttpClient();
        HttpResponseMessage response = await http.PostAsync($"http://127.0.0.1:{_emulator.Host.AuthPort}/auth/register/device",
            new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    async Task CreateV4ProductAsync(bool dynamicRegistration)
    {
        await _emulator.CallAsync("CreateProduct", new
        {
            ProductKey = Vectors.V4ProductKey, ProductName = "v4", ProductSecret = Vectors.V4ProductSecret, DynamicRegistration = dynamicRegistration,
        });
        await _emulator.RegisterDeviceAsync(Vectors.V4ProductKey, "device01", "SecretOfDevice01");
    }

    [Fact]
    public async Task Http_V4Form_ReturnsTheSecret()
    {
        await CreateV4ProductAsync(true);
        Assert.Equal("""{"code":200,"data":{"productKey":"a1B2c3D4e5F","deviceName":"device01","deviceSecret":"SecretOfDevice01"},"message":"success"}""",
            await PostFormAsync(Vectors.V4Body));
    }

    [Fact]
    public async Task Http_Refusals_UseThePlatformCodes()
    {
        await CreateV4ProductAsync(false);
        Assert.Equal("""{"code":6288,"message":"dynamic registration is not enabled for the product"}""", await PostFormAsync(Vectors.V4Body));
        await _emulator.CallAsync("UpdateProduct", new { ProductKey = Vectors.V4ProductKey, DynamicRegistration = true });
        Assert.Equal("""{"code":6600,"message":"signature check failed"}""", await PostFormAsync(Vectors.V4Body.Replace("sign=e354", "sign=f354")));
        Assert.Equal("""{"code":6292,"message":"sign method not supported"}""", await PostFormAsync(Vectors.V4Body.Replace("signMethod=hmacsha256", "signMethod=rsa")));
        Assert.Equal("""{"code":6250,"message":"product not found"}""", await PostFormAsync(Vectors.V4Body.Replace("productKey=a1B2c3D4e5F", "productKey=a1Nothing00")));
        Assert.Equal("""{"code":460,"message":"productKey, deviceName, random, sign and signMethod are required"}""", await PostFormAsync("productKey=a1B2c3D4e5F"));
        Assert.Equal("""{"code":460,"message":"productKey, deviceName, random, sign and signMethod are required"}""", await PostFormAsync("%%%garbage"));
    }

    [Fact]
    public async Task Http_ActivatedDevice_Refused6289()
    {
        await CreateV4ProductAsync(true);
        await _emulator.Host.Store.SetOnlineAsync(Vectors.V4ProductKey, "device01", TestEmulator.FixedNowMs);     // as after its first login
        Assert.Equal("""{"code":6289,"message":"device already activated"}""", await PostFormAsync(Vectors.V4Body));
    }
}
