using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// Device logs: the log switch as the Link SDK C asks for it (config/log/get) and is told of a change (config/log/push), log posts
/// kept while it is on and counted as dropped while it is off, and the emulator's actions to set the switch and read the logs.
/// </summary>
public sealed class DeviceLogTests : CaptureDeviceTest
{
    const string Sys = "/sys/a1TestPK001/dev-001/";

    // What the Link SDK C 4.x logpost component publishes (its format strings: no method, params keys in this order).
    const string SdkConfigGet = """{"id":"1","version":"1.0","params":{"getType":"content","configScope":"device"}}""";

    static string SdkLogPost(string id, string level, string content) =>
        $$"""{"id":"{{id}}","version":"1.0","params":[{"utcTime":"2023-11-15 06:13:20.000","logLevel":"{{level}}","module":"net_rt","code":"200","traceContext":"0","logContent":"{{content}}"}]}""";

    static string ConfigReply(int mode, string id = "1") =>
        $$$"""{"code":200,"data":{"getType":"content","content":{"mode":{{{mode}}}}},"id":"{{{id}}}","message":"success","method":"thing.config.log.get","version":"1.0"}""";

    static string PostReply(string id, int code = 200, string message = "success") =>
        $$"""{"code":{{code}},"data":{},"id":"{{id}}","message":"{{message}}","method":"thing.log.post","version":"1.0"}""";

    Task<string> ConfigGetAsync(string request = SdkConfigGet) => Device.RequestAsync(Sys + "thing/config/log/get", request, Sys + "thing/config/log/get_reply");

    Task<string> PostAsync(string request) => Device.RequestAsync(Sys + "thing/log/post", request, Sys + "thing/log/post_reply");

    async Task<string> SetSwitchAsync(int mode, string deviceName = Vectors.DeviceName) =>
        (await Emulator.CallAsync("SetDeviceLogSwitch", new { Vectors.ProductKey, DeviceName = deviceName, Mode = mode }))["Data"].Json();

    async Task<string> SwitchAsync() => (await Emulator.CallAsync("QueryDeviceLogSwitch", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"].Json();

    async Task<string> LogsAsync() => (await Emulator.CallAsync("QueryDeviceLogs", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!["List"].Json();

    [Fact]
    public async Task ConfigGet_SdkPayload_OffUntilSwitchedOn()
    {
        Assert.Equal(ConfigReply(0), await ConfigGetAsync());
        Assert.Equal("""{"Mode":0,"Dropped":0}""", await SwitchAsync());
    }

    [Fact]
    public async Task SetSwitch_ChangePushedToTheOnlineDevice_SameModeAgainNotPushed()
    {
        string answer = await SetSwitchAsync(1);
        string id = Assert.IsType<string>(System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("MessageId").GetString());
        Assert.Equal($$"""{"Mode":1,"MessageId":"{{id}}"}""", answer);
        Assert.Equal($$$"""{"id":"{{{id}}}","version":"1.0","params":{"getType":"content","content":{"mode":1}},"method":"thing.config.log.push"}""",
            await Device.NextTextAsync(Sys + "thing/config/log/push"));

        Assert.Equal("""{"Mode":1,"MessageId":null}""", await SetSwitchAsync(1));
        // The next message is the get reply: no second push came before it.
        Assert.Equal(ConfigReply(1), await ConfigGetAsync());
        Assert.True(Device.NothingPending);
    }

    [Fact]
    public async Task SetSwitch_OfflineDevice_NotPushed_FoundAtItsNextGet()
    {
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        Assert.Equal("""{"Mode":1,"MessageId":null}""", await SetSwitchAsync(1, "dev-002"));
        await Device.DisposeAsync();
        Device = await TestDevice.SdkCStyleAsync(Emulator, "dev-002");
        Assert.Equal(ConfigReply(1), await Device.RequestAsync("/sys/a1TestPK001/dev-002/thing/config/log/get", SdkConfigGet,
            "/sys/a1TestPK001/dev-002/thing/config/log/get_reply"));
    }

    [Fact]
    public async Task LogPost_DroppedWhileOff_KeptWhileOn_SwitchKeptAcrossARestart()
    {
        Assert.Equal(PostReply("2"), await PostAsync(SdkLogPost("2", "ERROR", "dropped")));
        Assert.Equal("""{"Mode":0,"Dropped":1}""", await SwitchAsync());
        Assert.Equal("[]", await LogsAsync());

        await SetSwitchAsync(1);
        await Device.NextTextAsync(Sys + "thing/config/log/push");
        Assert.Equal(PostReply("3"), await PostAsync(SdkLogPost("3", "WARN", "rtt=120")));
        Assert.Equal(PostReply("4"), await PostAsync(
            """{"id":"4","version":"1.0","params":[{"utcTime":"2023-11-14T22:13:21.000+0800","logLevel":"DEBUG","code":4103,"logContent":"a"},""" +
            """{"utcTime":"2023-11-14T22:13:21.500+0800","logLevel":"FATAL","module":"ota","logContent":"b"}],"method":"thing.log.post"}"""));
        const string kept =
            """[{"UtcTime":"2023-11-14T22:13:21.500+0800","LogLevel":"FATAL","Module":"ota","Code":null,"TraceContext":null,"LogContent":"b","Time":1700000001000},""" +
            """{"UtcTime":"2023-11-14T22:13:21.000+0800","LogLevel":"DEBUG","Module":null,"Code":"4103","TraceContext":null,"LogContent":"a","Time":1700000001000},""" +
            """{"UtcTime":"2023-11-15 06:13:20.000","LogLevel":"WARN","Module":"net_rt","Code":"200","TraceContext":"0","LogContent":"rtt=120","Time":1700000001000}]""";
        Assert.Equal(kept, await LogsAsync());

        await Emulator.RestartAsync();
        Assert.Equal("""{"Mode":1,"Dropped":1}""", await SwitchAsync());
        Assert.Equal(kept, await LogsAsync());
    }

    [Theory]
    [InlineData("""{"id":"5","params":[{"utcTime":"t","logLevel":"TRACE","logContent":"x"}]}""", "params[0].logLevel must be one of FATAL, ERROR, WARN, INFO, DEBUG")]
    [InlineData("""{"id":"5","params":[{"utcTime":"t","logLevel":"INFO"}]}""", "params[0] needs utcTime and logContent strings")]
    [InlineData("""{"id":"5","params":["x"]}""", "params[0] must be a JSON object")]
    [InlineData("""{"id":"5","params":[]}""", "params must be a non-empty array")]
    [InlineData("""{"id":"5","params":{"logLevel":"INFO"}}""", "params must be a non-empty array")]
    public async Task LogPost_Malformed_460_NothingKept(string request, string message)
    {
        await SetSwitchAsync(1);
        await Device.NextTextAsync(Sys + "thing/config/log/push");
        Assert.Equal(PostReply("5", 460, message), await PostAsync(request));
        Assert.Equal("[]", await LogsAsync());
    }

    [Fact]
    public async Task ConfigGet_OtherScopeOrType_460()
    {
        Assert.Equal("""{"code":460,"data":{},"id":"6","message":"configScope must be \"device\"","method":"thing.config.log.get","version":"1.0"}""",
            await ConfigGetAsync("""{"id":"6","params":{"configScope":"product","getType":"content"}}"""));
    }
}
