using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// Batch and history posts, and the event post's own time: each value and event is stored with the time it carries, checked as a
/// property or event post checks it, and one bad value refuses the whole request. The clock is fixed at 1700000001000.
/// </summary>
public sealed class HistoryPostTests : CaptureDeviceTest
{
    const string Sys = "/sys/a1TestPK001/dev-001/";

    Task<string> BatchAsync(string parameters, string id = "1") => Device.RequestAsync(Sys + "thing/event/property/batch/post",
        $$"""{"id":"{{id}}","version":"1.0","params":{{parameters}},"method":"thing.event.property.batch.post"}""", Sys + "thing/event/property/batch/post_reply", 1);

    Task<string> HistoryAsync(string parameters, string id = "1") => Device.RequestAsync(Sys + "thing/event/property/history/post",
        $$"""{"id":"{{id}}","version":"1.0","params":{{parameters}},"method":"thing.event.property.history.post"}""", Sys + "thing/event/property/history/post_reply", 1);

    static string Reply(string method, int code = 200, string message = "success", string id = "1") =>
        $$"""{"code":{{code}},"data":{},"id":"{{id}}","message":"{{message}}","method":"{{method}}","version":"1.0"}""";

    const string Batch = "thing.event.property.batch.post";
    const string History = "thing.event.property.history.post";

    async Task<string> PropertyDataAsync(string identifier) =>
        (await Emulator.CallAsync("QueryDevicePropertyData", new { Vectors.ProductKey, Vectors.DeviceName, Identifier = identifier, Asc = 1 }))
        ["Data"]!["List"]!["PropertyInfo"].Json();

    async Task<string> EventDataAsync() =>
        (await Emulator.CallAsync("QueryDeviceEventData", new { Vectors.ProductKey, Vectors.DeviceName, Asc = 1 }))["Data"]!["List"]!["EventInfo"].Json();

    async Task<string> LatestAsync() =>
        (await Emulator.CallAsync("QueryDevicePropertyStatus", new { Vectors.ProductKey, Vectors.DeviceName }))["Data"]!["List"]!["PropertyStatusInfo"].Json();

    [Fact]
    public async Task Batch_EachValueAndEventStoredWithItsOwnTime_QueriedInTimeOrder()
    {
        // Out of time order on the wire; the second temperature has no time and takes the emulator's clock.
        string reply = await BatchAsync("""
            {"properties":{"temperature":[{"value":21.5,"time":1699999990000},{"value":22.5,"time":1699999980000},{"value":23.5}],
                           "LightSwitch":[{"value":1,"time":"1699999985000"}]},
             "events":{"alarm":[{"value":{"level":4},"time":1699999995000},{"value":{"level":2},"time":1699999970000}]}}
            """);
        Assert.Equal(Reply(Batch), reply);
        Assert.Equal("""[{"Value":"22.5","Time":1699999980000},{"Value":"21.5","Time":1699999990000},{"Value":"23.5","Time":1700000001000}]""",
            await PropertyDataAsync("temperature"));
        Assert.Equal("""[{"Value":"1","Time":1699999985000}]""", await PropertyDataAsync("LightSwitch"));
        Assert.Equal("""[{"Identifier":"alarm","EventType":"alert","OutputData":"{\"level\":2}","Time":1699999970000},""" +
                     """{"Identifier":"alarm","EventType":"alert","OutputData":"{\"level\":4}","Time":1699999995000}]""", await EventDataAsync());
        Assert.Equal("""[{"Identifier":"LightSwitch","Name":"Light","DataType":"bool","Value":"1","Time":"1699999985000"},""" +
                     """{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":"23.5","Time":"1700000001000"}]""", await LatestAsync());
    }

    [Fact]
    public async Task Batch_OlderValueAfterANewerOne_KeptInHistory_LatestUnchanged()
    {
        Assert.Equal(Reply(Batch), await BatchAsync("""{"properties":{"temperature":[{"value":30.5,"time":1699999999000}]}}"""));
        Assert.Equal(Reply(Batch, id: "2"), await BatchAsync("""{"properties":{"temperature":[{"value":10.5,"time":1600000000000}]}}""", "2"));
        Assert.Equal("""[{"Value":"10.5","Time":1600000000000},{"Value":"30.5","Time":1699999999000}]""", await PropertyDataAsync("temperature"));
        Assert.Equal("""[{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":"30.5","Time":"1699999999000"}]""", await LatestAsync());
    }

    [Theory]
    // The first temperature is valid, the second is not: nothing of the request is stored.
    [InlineData("""{"properties":{"temperature":[{"value":21.5,"time":1699999990000},{"value":25}]}}""", 6307, "temperature has no decimal point")]
    [InlineData("""{"properties":{"notInTsl":[{"value":1}]}}""", 6304, "property notInTsl is not in the thing model")]
    [InlineData("""{"properties":{"temperature":[{"value":21.5,"time":1700086401001}]}}""", 460, "time of temperature is more than 24 hours ahead")]
    [InlineData("""{"properties":{"temperature":{"value":21.5}}}""", 6301, "params.properties.temperature must be a JSON array")]
    [InlineData("""{"properties":{"temperature":[21.5]}}""", 6302, "temperature has an entry without value")]
    [InlineData("""{"properties":[]}""", 6301, "params.properties must be a JSON object")]
    [InlineData("""{"properties":{"temperature":[{"value":21.5}]},"events":{"alarm":[{"value":{"level":11}}]}}""", 6306, "level is out of range")]
    [InlineData("""{"properties":{"temperature":[{"value":21.5}]},"events":{"fire":[{"value":{}}]}}""", 6304, "event fire is not in the thing model")]
    [InlineData("""{"events":{"alarm":[{"value":{"level":1},"time":1700086401001}]}}""", 460, "event time is more than 24 hours ahead")]
    [InlineData("""{"events":{"alarm":[{"time":1}]}}""", 6302, "event alarm has an entry without value")]
    [InlineData("""[]""", 6301, "params must be a JSON object")]
    public async Task Batch_BadValue_RefusedWithThePostsCode_NothingStored(string parameters, int code, string message)
    {
        Assert.Equal(Reply(Batch, code, message), await BatchAsync(parameters));
        Assert.Equal("[]", await PropertyDataAsync("temperature"));
        Assert.Equal("[]", await EventDataAsync());
    }

    [Fact]
    public async Task Batch_ExactlyTheTimeLimit_Accepted()
    {
        // 24 h after the fixed clock is still allowed; one millisecond more is not (the theory above).
        Assert.Equal(Reply(Batch), await BatchAsync("""{"properties":{"temperature":[{"value":21.5,"time":1700086401000}]}}"""));
        Assert.Equal("""[{"Value":"21.5","Time":1700086401000}]""", await PropertyDataAsync("temperature"));
    }

    [Fact]
    public async Task Batch_MoreThan200Properties_460()
    {
        await Emulator.CallAsync("UpdateProduct", new { Vectors.ProductKey, Tsl = "" });      // no thing model: any identifier
        string properties = string.Join(",", Enumerable.Range(0, 201).Select(i => $"\"p{i}\":[{{\"value\":{i}}}]"));
        Assert.Equal(Reply(Batch, 460, "more than 200 properties in one post"), await BatchAsync("{\"properties\":{" + properties + "}}"));
    }

    [Fact]
    public async Task Batch_SysAck0_StoredWithoutReply()
    {
        await Device.PublishAsync(Sys + "thing/event/property/batch/post",
            """{"id":"5","version":"1.0","sys":{"ack":0},"params":{"properties":{"temperature":[{"value":20.5,"time":1699999000000}]}},"method":"thing.event.property.batch.post"}""", 1);
        Assert.Equal(Reply(Batch, id: "6"), await BatchAsync("""{"properties":{}}""", "6"));
        Assert.True(Device.NothingPending);
        Assert.Equal("""[{"Value":"20.5","Time":1699999000000}]""", await PropertyDataAsync("temperature"));
    }

    [Fact]
    public async Task History_ItemsOfTheDeviceItself_StoredWithTheirOwnTimes()
    {
        string reply = await HistoryAsync("""
            [{"identity":{"productKey":"a1TestPK001","deviceName":"dev-001"},
              "properties":[{"temperature":{"value":18.5,"time":1699990000000},"LightSwitch":{"value":0,"time":1699990000000}},
                            {"temperature":{"value":17.5,"time":1699980000000}}],
              "events":[{"alarm":{"value":{"level":7},"time":1699985000000}}]},
             {"identity":{"productKey":"a1TestPK001","deviceName":"dev-001"},
              "properties":[{"temperature":{"value":19.5,"time":1699995000000}}]}]
            """);
        Assert.Equal(Reply(History), reply);
        Assert.Equal("""[{"Value":"17.5","Time":1699980000000},{"Value":"18.5","Time":1699990000000},{"Value":"19.5","Time":1699995000000}]""",
            await PropertyDataAsync("temperature"));
        Assert.Equal("""[{"Value":"0","Time":1699990000000}]""", await PropertyDataAsync("LightSwitch"));
        Assert.Equal("""[{"Identifier":"alarm","EventType":"alert","OutputData":"{\"level\":7}","Time":1699985000000}]""", await EventDataAsync());
    }

    [Theory]
    [InlineData("""[{"identity":{"productKey":"a1TestPK001","deviceName":"dev-002"},"properties":[]}]""", 6401,
        "a1TestPK001/dev-002 is not this device (sub-devices are not modelled)")]
    [InlineData("""[{"identity":{"productKey":"a1TestPK001","deviceName":"dev-404"},"properties":[]}]""", 6100, "device a1TestPK001/dev-404 not found")]
    [InlineData("""[{"properties":[{"temperature":{"value":18.5}}]}]""", 460, "params[0].identity must hold productKey and deviceName")]
    [InlineData("""{"identity":{"productKey":"a1TestPK001","deviceName":"dev-001"}}""", 6301, "params must be a JSON array")]
    [InlineData("""[{"identity":{"productKey":"a1TestPK001","deviceName":"dev-001"},"properties":{"temperature":{"value":18.5}}}]""", 6301,
        "params[0].properties must be a JSON array")]
    [InlineData("""[{"identity":{"productKey":"a1TestPK001","deviceName":"dev-001"},"properties":[{"temperature":{"value":18.5}}],"events":[[]]}]""", 6301,
        "params[0].events[0] must be a JSON object")]
    // The second item's bad value refuses the first item's good one too.
    [InlineData("""[{"identity":{"productKey":"a1TestPK001","deviceName":"dev-001"},"properties":[{"temperature":{"value":18.5}}]},""" +
                """{"identity":{"productKey":"a1TestPK001","deviceName":"dev-001"},"properties":[{"temperature":{"value":"warm"}}]}]""", 6305,
        "temperature is not of type float")]
    [InlineData("""[{"identity":{"productKey":"a1TestPK001","deviceName":"dev-001"},"events":[{"alarm":{"value":{"level":"high"}}}]}]""", 6305,
        "level is not of type int")]
    public async Task History_BadIdentityOrValue_Refused_NothingStored(string parameters, int code, string message)
    {
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        Assert.Equal(Reply(History, code, message), await HistoryAsync(parameters));
        Assert.Equal("[]", await PropertyDataAsync("temperature"));
        Assert.Equal("[]", await EventDataAsync());
    }

    [Fact]
    public async Task EventPost_ValueTimeForm_StoresTheGivenTime_NumberOrString()
    {
        Assert.Equal("""{"code":200,"data":{},"id":"8","message":"success","method":"thing.event.alarm.post","version":"1.0"}""",
            await Device.RequestAsync(Sys + "thing/event/alarm/post",
                """{"id":"8","version":"1.0","params":{"value":{"level":3},"time":"1699999000000"},"method":"thing.event.alarm.post"}""",
                Sys + "thing/event/alarm/post_reply"));
        Assert.Equal("""{"code":460,"data":{},"id":"9","message":"event time is more than 24 hours ahead","method":"thing.event.alarm.post","version":"1.0"}""",
            await Device.RequestAsync(Sys + "thing/event/alarm/post",
                """{"id":"9","version":"1.0","params":{"value":{"level":3},"time":1700086401001},"method":"thing.event.alarm.post"}""",
                Sys + "thing/event/alarm/post_reply"));
        Assert.Equal("""[{"Identifier":"alarm","EventType":"alert","OutputData":"{\"level\":3}","Time":1699999000000}]""", await EventDataAsync());
    }
}
