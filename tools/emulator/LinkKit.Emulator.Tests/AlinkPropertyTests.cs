using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>Property posts: reply shapes from the wire capture and the thing-model checks (6300 family).</summary>
public sealed class AlinkPropertyTests : CaptureDeviceTest
{
    const string PostTopic = "/sys/a1TestPK001/dev-001/thing/event/property/post";
    const string ReplyTopic = "/sys/a1TestPK001/dev-001/thing/event/property/post_reply";

    Task<string> PostAsync(string payload) => Device.RequestAsync(PostTopic, payload, ReplyTopic, qos: 1);

    static string Refusal(string id, int code, string message) =>
        $$"""{"code":{{code}},"data":{},"id":{{id}},"message":"{{message}}","method":"thing.event.property.post","version":"1.0"}""";

    [Fact]
    public async Task Post_WireCapturePayload_RepliedAsCaptured_AndStored()
    {
        string reply = await PostAsync("""{"id": "1", "version": "1.0", "params": {"temperature": 25.5, "LightSwitch": 1}, "method": "thing.event.property.post"}""");
        Assert.Equal("""{"code":200,"data":{},"id":"1","message":"success","method":"thing.event.property.post","version":"1.0"}""", reply);

        var status = await Emulator.CallAsync("QueryDevicePropertyStatus", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal(
            """[{"Identifier":"LightSwitch","Name":"Light","DataType":"bool","Value":"1","Time":"1700000001000"},{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":"25.5","Time":"1700000001000"}]""",
            status["Data"]!["List"]!["PropertyStatusInfo"]!.Json());
    }

    [Fact]
    public async Task Post_ValueTimeForm_StoresTheGivenTime()
    {
        string reply = await PostAsync("""{"id": "7", "version": "1.0", "params": {"temperature": {"value": 21.0, "time": 1699999999000}}, "method": "thing.event.property.post"}""");
        Assert.Equal("""{"code":200,"data":{},"id":"7","message":"success","method":"thing.event.property.post","version":"1.0"}""", reply);
        var history = await Emulator.CallAsync("QueryDevicePropertyData", new { Vectors.ProductKey, Vectors.DeviceName, Identifier = "temperature" });
        Assert.Equal("""[{"Value":"21.0","Time":1699999999000}]""", history["Data"]!["List"]!["PropertyInfo"]!.Json());
    }

    [Theory]
    // An identifier the thing model does not declare (the wire capture's "notInTsl").
    [InlineData("""{"notInTsl": "no validation"}""", 6304, "property notInTsl is not in the thing model")]
    // A float written without a decimal point (the platform requires 10.0, not 10).
    [InlineData("""{"temperature": 25}""", 6307, "temperature has no decimal point")]
    [InlineData("""{"temperature": 500.0}""", 6307, "temperature is out of range")]
    [InlineData("""{"temperature": "hot"}""", 6305, "temperature is not of type float")]
    [InlineData("""{"LightSwitch": 2}""", 6308, "LightSwitch is not one of 0,1")]
    [InlineData("""{"mode": 5}""", 6309, "mode is not one of 0,1")]
    [InlineData("""{"label": "longer than eight"}""", 6310, "label is longer than 8")]
    [InlineData("""{"temperature": null}""", 6302, "temperature is null")]
    // A time more than 24 h after the (fixed) emulator clock.
    [InlineData("""{"temperature": {"value": 20.5, "time": 1800000000000}}""", 460, "time of temperature is more than 24 hours ahead")]
    public async Task Post_ThingModelViolation_RefusedWithPlatformCode_NothingStored(string parameters, int code, string message)
    {
        string reply = await PostAsync("""{"id": "3", "version": "1.0", "params": """ + parameters + """, "method": "thing.event.property.post"}""");
        Assert.Equal(Refusal("\"3\"", code, message), reply);
        var status = await Emulator.CallAsync("QueryDevicePropertyStatus", new { Vectors.ProductKey, Vectors.DeviceName });
        Assert.Equal("[]", status["Data"]!["List"]!["PropertyStatusInfo"]!.Json());
    }

    [Fact]
    public async Task Post_EnvelopeErrors_AnsweredWith6207_6300_6301_460()
    {
        Assert.Equal(Refusal("\"\"", 6207, "device data format is error"), await PostAsync("{not json"));
        Assert.Equal(Refusal("\"\"", 6207, "device data format is error"), await PostAsync("[1,2]"));
        Assert.Equal(Refusal("\"5\"", 6300, "method not exist"), await PostAsync("""{"id": "5", "version": "1.0", "params": {"temperature": 20.5}}"""));
        Assert.Equal(Refusal("\"5\"", 6300, "method thing.event.alarm.post does not match the topic"),
            await PostAsync("""{"id": "5", "version": "1.0", "params": {"temperature": 20.5}, "method": "thing.event.alarm.post"}"""));
        Assert.Equal(Refusal("\"6\"", 6301, "params must be a JSON object"),
            await PostAsync("""{"id": "6", "version": "1.0", "params": [1], "method": "thing.event.property.post"}"""));
        Assert.Equal(Refusal("\"\"", 460, "id missing"), await PostAsync("""{"version": "1.0", "params": {}, "method": "thing.event.property.post"}"""));
    }

    [Fact]
    public async Task Post_TooManyProperties_RefusedWith460()
    {
        await Emulator.CallAsync("UpdateProduct", new { Vectors.ProductKey, Tsl = "" });      // no thing model: any identifier
        string parameters = "{" + string.Join(", ", Enumerable.Range(0, 201).Select(i => $"\"p{i}\": {i}")) + "}";
        string reply = await PostAsync("""{"id": "9", "version": "1.0", "params": """ + parameters + """, "method": "thing.event.property.post"}""");
        Assert.Equal(Refusal("\"9\"", 460, "more than 200 properties in one post"), reply);
    }

    [Fact]
    public async Task Post_WithoutThingModel_AcceptsAnyIdentifier()
    {
        await Emulator.CallAsync("UpdateProduct", new { Vectors.ProductKey, Tsl = "" });
        string reply = await PostAsync("""{"id": "3", "version": "1.0", "params": {"notInTsl": "no validation"}, "method": "thing.event.property.post"}""");
        Assert.Equal("""{"code":200,"data":{},"id":"3","message":"success","method":"thing.event.property.post","version":"1.0"}""", reply);
    }

    [Fact]
    public async Task Post_SysAck0_GetsNoReply()
    {
        await Device.PublishAsync(PostTopic, """{"id": "10", "version": "1.0", "sys": {"ack": 0}, "params": {"temperature": 20.5}, "method": "thing.event.property.post"}""", 1);
        // The next reply is the one for id 11: nothing was sent for id 10.
        string reply = await PostAsync("""{"id": "11", "version": "1.0", "params": {"temperature": 20.5}, "method": "thing.event.property.post"}""");
        Assert.Contains("\"id\":\"11\"", reply);
        Assert.True(Device.NothingPending);
    }

    [Fact]
    public async Task Post_NumericId_EchoedAsANumber()
    {
        string reply = await PostAsync("""{"id": 12, "version": "1.0", "params": {"temperature": 20.5}, "method": "thing.event.property.post"}""");
        Assert.Equal("""{"code":200,"data":{},"id":12,"message":"success","method":"thing.event.property.post","version":"1.0"}""", reply);
    }
}
