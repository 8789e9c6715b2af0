using System.Text;
using LinkKit.Emulator.ControlApi;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// A product's custom topic classes: the defaults, the control-API actions named as the platform's, and what they
/// permit on the wire (SUBACK 0x80 without SUB; a PUBLISH without PUB dropped, or the connection closed).
/// </summary>
public sealed class TopicClassTests : IAsyncLifetime
{
    const string Custom = "/a1TestPK001/dev-001/user/";
    TestEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        await _emulator.CallAsync("CreateProduct", new { Vectors.ProductKey, ProductName = "topics", ProductSecret = Vectors.ProductSecret });
        await _emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
    }

    public Task DisposeAsync() => _emulator.DisposeAsync().AsTask();

    async Task<string> QueryAsync() =>
        (await _emulator.CallAsync("QueryProductTopic", new { Vectors.ProductKey }))["Data"]!["ProductTopicInfo"].Json();

    async Task<long> CreateAsync(string shortName, string operation) =>
        (await _emulator.CallAsync("CreateProductTopic", new { Vectors.ProductKey, TopicShortName = shortName, Operation = operation }))["TopicId"]!
        .GetValue<long>();

    Task<(RawMqttClient Client, byte[] Connack)> ConnectAsync() =>
        RawMqttClient.ConnectAsync(_emulator.MqttPort, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password);

    [Fact]
    public async Task NewProduct_HasTheDefaultClasses_AsQueryProductTopicReportsThem()
    {
        Assert.Equal(
            """[{"Id":"1","ProductKey":"a1TestPK001","TopicShortName":"/a1TestPK001/${deviceName}/user/update","Operation":"0","Desc":null},""" +
            """{"Id":"2","ProductKey":"a1TestPK001","TopicShortName":"/a1TestPK001/${deviceName}/user/update/error","Operation":"0","Desc":null},""" +
            """{"Id":"3","ProductKey":"a1TestPK001","TopicShortName":"/a1TestPK001/${deviceName}/user/get","Operation":"1","Desc":null}]""",
            await QueryAsync());
    }

    [Fact]
    public async Task CreateUpdateDelete_RoundTrip()
    {
        long id = await CreateAsync("cmd/led", "ALL");
        Assert.Equal(4, id);
        await _emulator.CallAsync("UpdateProductTopic", new { TopicId = id, TopicShortName = "cmd/lamp", Operation = "PUB", Desc = "lamp commands" });
        Assert.EndsWith(""",{"Id":"4","ProductKey":"a1TestPK001","TopicShortName":"/a1TestPK001/${deviceName}/user/cmd/lamp","Operation":"0","Desc":"lamp commands"}]""",
            await QueryAsync());
        await _emulator.CallAsync("DeleteProductTopic", new { TopicId = id.ToString() });
        Assert.DoesNotContain("cmd/lamp", await QueryAsync());
        Assert.Equal(("iot.prod.NotExistedTopicId", "no topic class with TopicId 4"), await RefusalAsync("DeleteProductTopic", new { TopicId = id }));
    }

    async Task<(string? Code, string? Message)> RefusalAsync(string action, object parameters)
    {
        ApiResponse response = await _emulator.TryCallAsync(action, parameters);
        Assert.False(response.Success, response.ToString());
        return (response.Code, response.Body["ErrorMessage"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("a-b", "SUB", "TopicShortName level 1 ('a-b') may hold only letters, digits and '_', or be '+' or a final '#'")]
    [InlineData("cmd//x", "ALL", "TopicShortName level 2 ('') may hold only letters, digits and '_' (wildcards only in a SUB class)")]
    [InlineData("cmd/+", "PUB", "TopicShortName level 2 ('+') may hold only letters, digits and '_' (wildcards only in a SUB class)")]
    [InlineData("#/cmd", "SUB", "TopicShortName level 1 ('#') may hold only letters, digits and '_', or be '+' or a final '#'")]
    [InlineData("cmd", "sub", "Operation must be SUB, PUB or ALL")]
    public async Task MalformedClass_Refused_SayingWhatIsWrong(string shortName, string operation, string message)
    {
        Assert.Equal(("InvalidParameter", message),
            await RefusalAsync("CreateProductTopic", new { Vectors.ProductKey, TopicShortName = shortName, Operation = operation }));
        Assert.DoesNotContain("user/" + shortName + "\"", await QueryAsync());
    }

    [Fact]
    public async Task SameNameTwice_Refused()
    {
        Assert.Equal(("iot.prod.CreateProductTopicFailed", "product a1TestPK001 already has the topic class get"),
            await RefusalAsync("CreateProductTopic", new { Vectors.ProductKey, TopicShortName = "get", Operation = "ALL" }));
        long id = await CreateAsync("cmd", "SUB");
        Assert.Equal(("iot.prod.UpdateProductTopicFailed", "product a1TestPK001 already has the topic class get"),
            await RefusalAsync("UpdateProductTopic", new { TopicId = id, TopicShortName = "get", Operation = "SUB" }));
    }

    [Fact]
    public async Task SubscribePermission_FollowsTheClasses_AsTheyChange()
    {
        (RawMqttClient device, _) = await ConnectAsync();
        await using (device)
        {
            Assert.Equal(new byte[] { 0x90, 0x03, 0x00, 0x01, 0x80 }, await device.SubscribeAsync(1, (Custom + "cmd", 1)));
            long id = await CreateAsync("cmd", "SUB");
            Assert.Equal(new byte[] { 0x90, 0x03, 0x00, 0x02, 0x01 }, await device.SubscribeAsync(2, (Custom + "cmd", 1)));
            await _emulator.CallAsync("UpdateProductTopic", new { TopicId = id, TopicShortName = "cmd", Operation = "PUB" });
            Assert.Equal(new byte[] { 0x90, 0x03, 0x00, 0x03, 0x80 }, await device.SubscribeAsync(3, (Custom + "cmd", 1)));
            // A wildcard class covers the filters inside it, and nothing wider.
            await CreateAsync("room/+/temp", "SUB");
            Assert.Equal(new byte[] { 0x90, 0x06, 0x00, 0x04, 0x00, 0x00, 0x80, 0x80 }, await device.SubscribeAsync(4,
                (Custom + "room/+/temp", 0), (Custom + "room/kitchen/temp", 0), (Custom + "room/#", 0), (Custom + "room/kitchen", 0)));
        }
    }

    [Fact]
    public async Task PublishWithoutPermission_DroppedAndCounted_ConnectionKept()
    {
        (RawMqttClient device, _) = await ConnectAsync();
        await using (device)
        {
            await device.PublishAsync(Custom + "get", "on a SUB class");
            await device.PublishAsync(Custom + "nothing", "on no class");
            await device.PublishAsync(Custom + "update", "on the PUB class");
            var uplinks = await WaitForUplinksAsync(1);
            Assert.Equal("""[{"Topic":"/a1TestPK001/dev-001/user/update","PayloadBase64":"b24gdGhlIFBVQiBjbGFzcw==","Time":1700000001000}]""", uplinks);
            Assert.Equal(2, _emulator.Host.Broker.DroppedCount);
            Assert.False(await device.ClosedByBrokerAsync(TimeSpan.FromMilliseconds(300)));
        }
    }

    [Fact]
    public async Task PublishWithoutPermission_ClosesTheConnection_WhenConfigured()
    {
        await _emulator.DisposeAsync();
        _emulator = await TestEmulator.StartAsync(o => o.CloseOnForbiddenPublish = true);
        await _emulator.CallAsync("CreateProduct", new { Vectors.ProductKey, ProductName = "topics", ProductSecret = Vectors.ProductSecret });
        await _emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
        (RawMqttClient device, _) = await ConnectAsync();
        await using (device)
        {
            await device.PublishAsync(Custom + "get", "on a SUB class");
            Assert.True(await device.ClosedByBrokerAsync(TestDevice.Wait));
            Assert.Equal(1, _emulator.Host.Broker.DroppedCount);
        }
    }

    [Fact]
    public async Task CloudPub_ToATopicNoDeviceMaySubscribe_Refused()
    {
        string content = Convert.ToBase64String(Encoding.UTF8.GetBytes("x"));
        Assert.Equal(("InvalidParameter",
                "TopicFullName /a1TestPK001/dev-001/user/update has no topic class that devices may subscribe to (CreateProductTopic with SUB or ALL)"),
            await RefusalAsync("Pub", new { Vectors.ProductKey, TopicFullName = Custom + "update", MessageContent = content }));
        Assert.True((await _emulator.TryCallAsync("Pub", new { Vectors.ProductKey, TopicFullName = Custom + "get", MessageContent = content })).Success);
    }

    async Task<string> WaitForUplinksAsync(int count)
    {
        string json = "[]";
        for (int i = 0; i < 500; i++, await Task.Delay(10))
        {
            var list = (await _emulator.CallAsync("QueryDeviceUplinks", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!["List"]!;
            json = list.Json();
            if (list.AsArray().Count >= count) break;
        }
        return json;
    }
}
