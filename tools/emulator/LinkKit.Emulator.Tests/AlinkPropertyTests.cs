using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>Property posts: reply shapes from the wire capture and the thing-model checks (6300 family).</summary>
public sealed class AlinkPropertyTests : IAsyncLifetime
{
    const string PostTopic = "/sys/a1TestPK001/dev-001/thing/event/property/post";
    const string ReplyTopic = "/sys/a1TestPK001/dev-001/thing/event/property/post_reply";
    TestEmulator _emulator = null!;
    TestDevice _device = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartAsync();
        await _emulator.CreateCaptureProductAsync();
        await _emulator.RegisterDeviceAsync(Vectors.ProductKey, Vectors.DeviceName, Vectors.DeviceSecret);
        _device = await TestDevice.CaptureDeviceAsync(_emulator);
    }

    public async Task DisposeAsync()
    {
        await _device.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    Task<string> PostAsync(string payload) => _device.RequestAsync(PostTopic, payload, ReplyTopic, qos: 1);

    static string Refusal(string id, int code, string message) =>
        $$"""{"code":{{code}},"data":{},"id":{{id}},"message":"{{message}}","method":"thing.event.property.post","version":"1.0"}""";

    [Fact]
    public async Task Post_WireCapturePayload_RepliedAsCaptured_AndStored()
    {
        string reply = await PostAsync("""{"id": "1", "version": "1.0", "params": {"temperature": 25.5, "LightSwitch": 1}, "method": "thing.event.property.post"}""");
        Assert.Equal("""{"code":200,"data":{},"id":"1","message":"success","method":"thing.event.property.post","version":"1.0"}""", reply);

        var status = await _emulator.CallAsync("QueryDevicePropertyStatus", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal(
            """[{"Identifier":"LightSwitch","Name":"Light","DataType":"bool","Value":"1","Time":"1700000001000"},{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":"25.5","Time":"1700000001000"}]""",
            status["Data"]!["List"]!["PropertyStatusInfo"]!.ToJsonString());
    }
}
