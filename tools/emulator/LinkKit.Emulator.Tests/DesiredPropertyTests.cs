using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// Desired properties: SetDeviceDesiredProperty and QueryDeviceDesiredProperty on the cloud side, desired/get and desired/delete on
/// the device's side, versions, the thing model's checks, and the values surviving a restart.
/// </summary>
public sealed class DesiredPropertyTests : CaptureDeviceTest
{
    const string Sys = "/sys/a1TestPK001/dev-001/";
    const string Now = "1700000001000";

    Task<string> GetAsync(string parameters, string id = "1") => Device.RequestAsync(Sys + "thing/property/desired/get",
        $$"""{"id":"{{id}}","version":"1.0","params":{{parameters}},"method":"thing.property.desired.get"}""", Sys + "thing/property/desired/get_reply");

    Task<string> DeleteAsync(string parameters, string id = "2") => Device.RequestAsync(Sys + "thing/property/desired/delete",
        $$"""{"id":"{{id}}","version":"1.0","params":{{parameters}},"method":"thing.property.desired.delete"}""", Sys + "thing/property/desired/delete_reply");

    static string GetReply(string data, int code = 200, string message = "success", string id = "1") =>
        $$"""{"code":{{code}},"data":{{data}},"id":"{{id}}","message":"{{message}}","method":"thing.property.desired.get","version":"1.0"}""";

    static string DeleteReply(int code = 200, string message = "success", string id = "2") =>
        $$"""{"code":{{code}},"data":{},"id":"{{id}}","message":"{{message}}","method":"thing.property.desired.delete","version":"1.0"}""";

    async Task<string> SetAsync(object items, object versions, string deviceName = Vectors.DeviceName) =>
        (await Emulator.CallAsync("SetDeviceDesiredProperty", new { Vectors.ProductKey, DeviceName = deviceName, Items = items, Versions = versions }))["Data"].Json();

    async Task<string> QueryAsync(object? identifiers = null) =>
        (await Emulator.CallAsync("QueryDeviceDesiredProperty", new { Vectors.ProductKey, Vectors.DeviceName, Identifier = identifiers }))
        ["Data"]!["List"]!["DesiredPropertyInfo"].Json();

    [Fact]
    public async Task Set_ThenDeviceGets_ValuesAndVersions_EachSetRaisesTheVersion()
    {
        Assert.Equal("""{"Versions":"{\"temperature\":1,\"LightSwitch\":1}"}""", await SetAsync(new { temperature = 25.5, LightSwitch = 1 }, new { }));
        // mode was never set: left out of the answer.
        Assert.Equal(GetReply("""{"temperature":{"value":25.5,"version":1},"LightSwitch":{"value":1,"version":1}}"""),
            await GetAsync("""["temperature","LightSwitch","mode"]"""));

        // The platform's API takes Items and Versions as strings holding JSON.
        Assert.Equal("""{"Versions":"{\"temperature\":2}"}""", await SetAsync("{\"temperature\":26.5}", "{\"temperature\":1}"));
        Assert.Equal(GetReply("""{"LightSwitch":{"value":1,"version":1},"temperature":{"value":26.5,"version":2}}""", id: "3"),
            await GetAsync("""["LightSwitch","temperature"]""", "3"));
        Assert.Equal($$"""[{"Identifier":"LightSwitch","Name":"Light","DataType":"bool","Value":"1","Version":1,"Time":"{{Now}}"},""" +
                     $$"""{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":"26.5","Version":2,"Time":"{{Now}}"}]""",
            await QueryAsync());
        Assert.Equal($$"""[{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":"26.5","Version":2,"Time":"{{Now}}"}]""",
            await QueryAsync(new[] { "temperature" }));
    }

    [Fact]
    public async Task Set_VersionNotTheCurrentOne_Refused_NothingChanges()
    {
        await SetAsync(new { temperature = 25.5 }, new { temperature = 0 });
        var refused = await Emulator.TryCallAsync("SetDeviceDesiredProperty",
            new { Vectors.ProductKey, Vectors.DeviceName, Items = new { temperature = 30.5, LightSwitch = 0 }, Versions = new { temperature = 0 } });
        Assert.Equal(("iot.device.DesiredPropertyVersionMismatch", "the desired value of temperature is at version 1, not 0"),
            (refused.Code, refused.Body["ErrorMessage"]!.GetValue<string>()));
        Assert.Equal(GetReply("""{"temperature":{"value":25.5,"version":1}}"""), await GetAsync("""["temperature","LightSwitch"]"""));
    }

    [Theory]
    [InlineData("""{"serial":"x"}""", "{}", "iot.tsl.ValidationFailed", "6304: property serial is read-only")]
    [InlineData("""{"nope":1}""", "{}", "iot.tsl.ValidationFailed", "6304: property nope is not in the thing model")]
    [InlineData("""{"temperature":500.0}""", "{}", "iot.tsl.ValidationFailed", "6307: temperature is out of range")]
    [InlineData("""{"temperature":25}""", "{}", "iot.tsl.ValidationFailed", "6307: temperature has no decimal point")]
    [InlineData("{}", "{}", "InvalidParameter", "Items must be a JSON object of 1 to 10 properties")]
    [InlineData("""{"temperature":25.5}""", """{"mode":0}""", "InvalidParameter", "Versions names mode, which Items does not set")]
    [InlineData("""{"temperature":25.5}""", """{"temperature":"one"}""", "InvalidParameter", "Versions.temperature must be an integer")]
    public async Task Set_AgainstTheThingModelOrMalformed_Refused(string items, string versions, string code, string message)
    {
        var refused = await Emulator.TryCallAsync("SetDeviceDesiredProperty", new { Vectors.ProductKey, Vectors.DeviceName, Items = items, Versions = versions });
        Assert.Equal((code, message), (refused.Code, refused.Body["ErrorMessage"]!.GetValue<string>()));
        Assert.Equal("[]", await QueryAsync());
    }

    [Fact]
    public async Task Set_MoreThanTenValues_Refused()
    {
        await Emulator.CallAsync("UpdateProduct", new { Vectors.ProductKey, Tsl = "" });
        string items = "{" + string.Join(",", Enumerable.Range(0, 11).Select(i => $"\"p{i}\":{i}")) + "}";
        Assert.Equal("InvalidParameter", (await Emulator.TryCallAsync("SetDeviceDesiredProperty", new { Vectors.ProductKey, Vectors.DeviceName, Items = items, Versions = "{}" })).Code);
    }

    [Fact]
    public async Task Set_Null_ClearsTheValue_TheVersionCountsOn()
    {
        await SetAsync(new { temperature = 25.5 }, new { });
        Assert.Equal("""{"Versions":"{\"temperature\":2}"}""", await SetAsync("{\"temperature\":null}", "{\"temperature\":1}"));
        Assert.Equal(GetReply("{}"), await GetAsync("""["temperature"]"""));
        Assert.Equal($$"""[{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":null,"Version":2,"Time":"{{Now}}"}]""", await QueryAsync());
    }

    [Fact]
    public async Task DeviceDelete_MatchingOrNoVersion_Clears_AnotherVersion_LeavesTheValue()
    {
        await SetAsync(new { temperature = 25.5, LightSwitch = 1, mode = 1 }, new { });
        Assert.Equal(DeleteReply(), await DeleteAsync("""{"temperature":{"version":1},"LightSwitch":{"version":5},"mode":{}}"""));
        Assert.Equal(GetReply("""{"LightSwitch":{"value":1,"version":1}}"""), await GetAsync("""["temperature","LightSwitch","mode"]"""));
        // Deleting keeps the version: the next set names 1.
        Assert.Equal("""{"Versions":"{\"temperature\":2}"}""", await SetAsync(new { temperature = 20.5 }, new { temperature = 1 }));
    }

    [Theory]
    [InlineData("""{"nope":{}}""", 6304, "property nope is not in the thing model")]
    [InlineData("""{"temperature":1}""", 460, "temperature must be a JSON object")]
    [InlineData("""{"temperature":{"version":"1"}}""", 460, "temperature.version must be an integer")]
    [InlineData("""["temperature"]""", 6301, "params must be a JSON object")]
    public async Task DeviceDelete_Malformed_Refused_NothingDeleted(string parameters, int code, string message)
    {
        await SetAsync(new { temperature = 25.5 }, new { });
        Assert.Equal(DeleteReply(code, message), await DeleteAsync(parameters));
        Assert.Equal(GetReply("""{"temperature":{"value":25.5,"version":1}}"""), await GetAsync("""["temperature"]"""));
    }

    [Fact]
    public async Task DeviceGet_MoreThan200_6104_NotAnArray_6301_NotStrings_460()
    {
        string many = "[" + string.Join(",", Enumerable.Range(0, 201).Select(i => $"\"p{i}\"")) + "]";
        Assert.Equal(GetReply("{}", 6104, "more than 200 properties in one request"), await GetAsync(many));
        Assert.Equal(GetReply("{}", 6301, "params must be a JSON array", "4"), await GetAsync("""{"temperature":{}}""", "4"));
        Assert.Equal(GetReply("{}", 460, "params must hold property identifiers (strings)", "5"), await GetAsync("""[1]""", "5"));
    }

    [Fact]
    public async Task Set_WhileTheDeviceIsOffline_KeptInSqlite_AcrossARestart()
    {
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);     // never connected
        Assert.Equal("""{"Versions":"{\"mode\":1}"}""", await SetAsync(new { mode = 1 }, new { }, "dev-002"));
        await Emulator.RestartAsync();
        var answer = await Emulator.CallAsync("QueryDeviceDesiredProperty", new { Vectors.ProductKey, DeviceName = "dev-002" });
        Assert.Equal($$"""[{"Identifier":"mode","Name":"Mode","DataType":"enum","Value":"1","Version":1,"Time":"{{Now}}"}]""",
            answer["Data"]!["List"]!["DesiredPropertyInfo"].Json());
    }
}
