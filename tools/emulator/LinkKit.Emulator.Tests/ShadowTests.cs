using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>Device shadow: versioning, replies as captured, error codes (docs/protocol.md, Shadow error codes), control pushes.</summary>
public sealed class ShadowTests : CaptureDeviceTest
{
    const string Update = "/shadow/update/a1TestPK001/dev-001";
    const string Get = "/shadow/get/a1TestPK001/dev-001";

    Task<string> SendAsync(string payload) => Device.RequestAsync(Update, payload, Get, 1);

    static string Error(string code, string message) =>
        $$$"""{"method":"reply","payload":{"status":"error","content":{"errorcode":"{{{code}}}","errormessage":"{{{message}}}"}},"timestamp":1700000001}""";

    [Fact]
    public async Task Update_WireCapturePayload_RepliedAsCaptured_ThenGet()
    {
        Assert.Equal("""{"method":"reply","payload":{"status":"success","version":1},"timestamp":1700000001}""",
            await SendAsync("""{"state": {"reported": {"color": "red"}}, "method": "update", "version": 1}"""));
        Assert.Equal(
            """{"method":"reply","payload":{"status":"success","state":{"reported":{"color":"red"}},"metadata":{"reported":{"color":{"timestamp":1700000001}}}},"version":1,"timestamp":1700000001}""",
            await SendAsync("""{"method": "get"}"""));
    }

    [Fact]
    public async Task Update_VersionNotGreater_Refused409_ShadowUnchanged()
    {
        await SendAsync("""{"state": {"reported": {"color": "red"}}, "method": "update", "version": 3}""");
        Assert.Equal(Error("409", "影子版本冲突"), await SendAsync("""{"state": {"reported": {"color": "blue"}}, "method": "update", "version": 3}"""));
        Assert.Equal(Error("409", "影子版本冲突"), await SendAsync("""{"state": {"reported": {"color": "blue"}}, "method": "update", "version": 2}"""));
        var shadow = await Emulator.CallAsync("GetDeviceShadow", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal("""{"state":{"reported":{"color":"red"}},"metadata":{"reported":{"color":{"timestamp":1700000001}}},"timestamp":1700000001,"version":3}""",
            shadow["ShadowMessage"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{oops", "400", "不正确的JSON格式")]
    [InlineData("""{"state": {}}""", "401", "影子数据缺少method信息")]
    [InlineData("""{"method": "update", "version": 1}""", "402", "影子数据缺少state字段")]
    [InlineData("""{"method": "update", "state": {"reported": {"a": 1}}, "version": "x"}""", "403", "影子数据中version值不是数字")]
    [InlineData("""{"method": "update", "state": {}, "version": 1}""", "404", "影子数据缺少reported字段")]
    [InlineData("""{"method": "patch", "state": {}, "version": 1}""", "406", "影子数据中method是无效的方法")]
    public async Task MalformedShadowMessage_RefusedWithStringErrorcode(string payload, string code, string message)
    {
        Assert.Equal(Error(code, message), await SendAsync(payload));
    }

    [Fact]
    public async Task TooManyReportedAttributes_Refused408()
    {
        string reported = "{" + string.Join(",", Enumerable.Range(0, 129).Select(i => $"\"k{i}\":{i}")) + "}";
        Assert.Equal(Error("408", "影子数据中reported属性个数超过128个"), await SendAsync("""{"method":"update","state":{"reported":""" + reported + """},"version":1}"""));
    }

    [Fact]
    public async Task CloudDesired_PushedAsControl_ThenDeviceClearsDesired()
    {
        await SendAsync("""{"state": {"reported": {"color": "red"}}, "method": "update", "version": 1}""");
        var result = await Emulator.CallAsync("UpdateDeviceShadow", new
        {
            Vectors.ProductKey, Vectors.DeviceName, ShadowMessage = """{"method":"update","state":{"desired":{"color":"blue"}},"version":2}""",
        });
        Assert.Equal(2, result["Version"]!.GetValue<long>());
        Assert.Equal(
            """{"method":"control","payload":{"status":"success","state":{"desired":{"color":"blue"}},"metadata":{"desired":{"color":{"timestamp":1700000001}}}},"version":2,"timestamp":1700000001}""",
            await Device.NextTextAsync(Get));

        // The device applies it, reports, and clears desired with the platform's "null".
        Assert.Equal("""{"method":"reply","payload":{"status":"success","version":3},"timestamp":1700000001}""",
            await SendAsync("""{"method":"update","state":{"reported":{"color":"blue"},"desired":"null"},"version":3}"""));
        var shadow = await Emulator.CallAsync("GetDeviceShadow", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal("""{"state":{"reported":{"color":"blue"}},"metadata":{"reported":{"color":{"timestamp":1700000001}}},"timestamp":1700000001,"version":3}""",
            shadow["ShadowMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task CloudUpdate_StaleVersion_Refused()
    {
        await SendAsync("""{"state": {"reported": {"color": "red"}}, "method": "update", "version": 5}""");
        var response = await Emulator.TryCallAsync("UpdateDeviceShadow", new
        {
            Vectors.ProductKey, Vectors.DeviceName, ShadowMessage = """{"method":"update","state":{"desired":{"color":"blue"}},"version":4}""",
        });
        Assert.Equal("iot.device.InvalidShadowMessage", response.Code);
        Assert.True(Device.NothingPending);
    }

    [Fact]
    public async Task Delete_OneKeyThenAll_AndVersionMinus1Resets()
    {
        await SendAsync("""{"state": {"reported": {"color": "red", "size": 2}}, "method": "update", "version": 1}""");
        Assert.Equal("""{"method":"reply","payload":{"status":"success","version":2},"timestamp":1700000001}""",
            await SendAsync("""{"method":"delete","state":{"reported":{"size":"null"}},"version":2}"""));
        Assert.Equal("""{"method":"reply","payload":{"status":"success","state":{"reported":{"color":"red"}},"metadata":{"reported":{"color":{"timestamp":1700000001}}}},"version":2,"timestamp":1700000001}""",
            await SendAsync("""{"method":"get"}"""));
        await SendAsync("""{"method":"delete","state":{"reported":"null"},"version":3}""");
        Assert.Equal("""{"method":"reply","payload":{"status":"success","state":{},"metadata":{}},"version":3,"timestamp":1700000001}""",
            await SendAsync("""{"method":"get"}"""));
        Assert.Equal("""{"method":"reply","payload":{"status":"success","version":0},"timestamp":1700000001}""",
            await SendAsync("""{"method":"update","state":{"reported":{"x":1}},"version":-1}"""));
        Assert.Equal("""{"method":"reply","payload":{"status":"success","version":1},"timestamp":1700000001}""",
            await SendAsync("""{"method":"update","state":{"reported":{"x":1}},"version":1}"""));
    }
}
