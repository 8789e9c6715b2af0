using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using LinkKit.Emulator.Alink;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>The control API and device-auth listeners over HTTP(S), and the registry queries.</summary>
public sealed class ControlApiTests
{
    [Fact]
    public async Task HttpApi_ListsActions_ServesCaPem_AndRegistryQueries()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(http: true);
        using var http = new HttpClient { BaseAddress = emulator.Host.ApiBaseUri };
        string actions = await http.GetStringAsync("api");
        foreach (string action in new[] { "CreateProduct", "RegisterDevice", "QueryDeviceDetail", "SetDeviceProperty", "InvokeThingService", "RRpc", "Pub",
                     "UpdateDeviceShadow", "GetDeviceShadow", "QueryDevicePropertyStatus", "QueryDeviceEventData" })
            Assert.Contains("\"" + action + "\"", actions);
        Assert.Equal(emulator.Host.CaCertificatePem, await http.GetStringAsync("ca.pem"));

        HttpResponseMessage created = await http.PostAsync("api/CreateProduct",
            new StringContent("""{"ProductName":"lamp","ProductKey":"a1LampPK001","ProductSecret":"ps","DynamicRegistration":true}""", Encoding.UTF8, "application/json"));
        Assert.Contains("\"Data\":{\"ProductKey\":\"a1LampPK001\",\"ProductName\":\"lamp\",\"ProductSecret\":\"ps\",\"DynamicRegistration\":true,\"RawReplyHex\":null}",
            await created.Content.ReadAsStringAsync());
        await emulator.CallAsync("RegisterDevice", new { ProductKey = "a1LampPK001", DeviceName = "lamp-01" });
        await emulator.CallAsync("RegisterDevice", new { ProductKey = "a1LampPK001", DeviceName = "lamp-02" });
        var list = await emulator.CallAsync("QueryDevice", new { ProductKey = "a1LampPK001" });
        Assert.Equal(2, list["Total"]!.GetValue<int>());
        var product = await emulator.CallAsync("QueryProduct", new { ProductKey = "a1LampPK001" });
        Assert.Equal(2, product["Data"]!["DeviceCount"]!.GetValue<int>());
        string iotId = list["Data"]!["DeviceInfo"]![0]!["IotId"]!.GetValue<string>();
        var byIotId = await emulator.CallAsync("QueryDeviceDetail", new { IotId = iotId });
        Assert.Equal("lamp-01", byIotId["Data"]!["DeviceName"]!.GetValue<string>());
        Assert.Equal("UNACTIVE", byIotId["Data"]!["Status"]!.GetValue<string>());
        Assert.Equal("iot.device.AlreadyExistedDeviceName", (await emulator.TryCallAsync("RegisterDevice", new { ProductKey = "a1LampPK001", DeviceName = "lamp-01" })).Code);
        Assert.Equal("iot.prod.AlreadyExistedProduct", (await emulator.TryCallAsync("CreateProduct", new { ProductName = "x", ProductKey = "a1LampPK001" })).Code);
        var status = await emulator.CallAsync("GetEmulatorStatus", new { });
        Assert.Equal(emulator.MqttPort, status["Data"]!["MqttPort"]!.GetValue<int>());
    }

    [Fact]
    public async Task HttpsDynamicRegistration_WithTheEmulatorsCa()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync(o => o.AuthTlsPort = 0, http: true);
        await emulator.CallAsync("CreateProduct", new { ProductKey = Vectors.V4ProductKey, ProductName = "v4", ProductSecret = Vectors.V4ProductSecret, DynamicRegistration = true });
        await emulator.RegisterDeviceAsync(Vectors.V4ProductKey, "device01", "SecretOfDevice01");
        using var http = new HttpClient(EmulatorTrust.Handler(emulator.Host.CaCertificate));
        HttpResponseMessage response = await http.PostAsync($"https://127.0.0.1:{emulator.Host.AuthTlsPort}/auth/register/device",
            new StringContent(Vectors.V4Body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal("""{"code":200,"data":{"productKey":"a1B2c3D4e5F","deviceName":"device01","deviceSecret":"SecretOfDevice01"},"message":"success"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task QueryProductList_OldestFirst_WithDeviceCounts_PagingInsideData()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await emulator.CreateCaptureProductAsync();
        await emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
        await emulator.CallAsync("CreateProduct", new { ProductKey = "a1LampPK001", ProductName = "lamp" });
        JsonObject all = await emulator.CallAsync("QueryProductList", new { });
        Assert.Equal("""{"Total":2,"PageSize":10,"PageCount":1,"CurrentPage":1,"List":{"ProductInfo":[{"ProductKey":"a1TestPK001","ProductName":"capture","DeviceCount":1,"GmtCreate":1700000001000},{"ProductKey":"a1LampPK001","ProductName":"lamp","DeviceCount":0,"GmtCreate":1700000001000}]}}""",
            all["Data"].Json());
        JsonObject second = await emulator.CallAsync("QueryProductList", new { PageSize = 1, CurrentPage = 2 });
        Assert.Equal("a1LampPK001", second["Data"]!["List"]!["ProductInfo"]![0]!["ProductKey"]!.GetValue<string>());
        Assert.Equal(2, second["Data"]!["PageCount"]!.GetValue<int>());
    }

    // The count is SQLite's COUNT(*), not the length of a device list: exact past the console's 100 rows and the 200 of a page.
    [Fact]
    public async Task DeviceCount_IsExact_ForAProductWithMoreDevicesThanAPage()
    {
        await using TestEmulator emulator = await TestEmulator.StartAsync();
        await emulator.CreateCaptureProductAsync();
        await emulator.CallAsync("CreateProduct", new { ProductKey = "a1LampPK001", ProductName = "lamp" });
        const int Devices = 250;
        await emulator.Host.Store.RegisterDevicesAsync(Enumerable.Range(0, Devices)
            .Select(i => AlinkCloud.NewDevice("a1LampPK001", $"lamp-{i:D3}", null, TestEmulator.FixedNowMs)).ToList());
        await emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);

        JsonObject all = await emulator.CallAsync("QueryProductList", new { PageSize = 200 });
        JsonArray products = all["Data"]!["List"]!["ProductInfo"]!.AsArray();
        Assert.Equal([(Vectors.ProductKey, 1), ("a1LampPK001", Devices)],
            products.Select(p => (p!["ProductKey"]!.GetValue<string>(), p["DeviceCount"]!.GetValue<int>())));
        Assert.Equal(Devices, (await emulator.CallAsync("QueryProduct", new { ProductKey = "a1LampPK001" }))["Data"]!["DeviceCount"]!.GetValue<int>());
        Assert.Equal(Devices, (await emulator.CallAsync("QueryDevice", new { ProductKey = "a1LampPK001" }))["Total"]!.GetValue<int>());
        Assert.Equal(Devices, emulator.Host.Store.CountDevices("a1LampPK001"));
        Assert.Equal(0, emulator.Host.Store.CountDevices("a1NoSuchPK1"));
    }
}
