using System.Text.Json.Nodes;
using LinkKit.Emulator;
using LinkKit.Emulator.Registry;
using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>Property posts and their replies, refusals on the device and in the cloud, and property sets from the cloud.</summary>
public sealed class PropertyTests
{
    [Fact]
    public async Task Post_Accepted_Reply200_ValuesStoredByTheCloud()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        await device.ConnectAsync(emulator);
        Assert.True(SdkDevice.Next(device.Thing.Enabled, "ThingEnabled"));

        ThingWriter w = device.Client.BeginPropertyPost();
        w.Write("temperature", 23.5);
        w.Write("LightSwitch", true);
        w.Write("color", "warm white");
        Assert.Equal(ErrorCode.Ok, device.Client.EndPropertyPost(out long requestId));

        Assert.Equal(new Reply(null, requestId, 200, "{}", "success"), SdkDevice.Next(device.Thing.PropertyPostReplies, "PropertyPostReplied"));
        Assert.Equal(
            """[{"Identifier":"LightSwitch","Name":"Light switch","DataType":"bool","Value":"1","Time":"1700000001000"},""" +
            """{"Identifier":"color","Name":"Color","DataType":"text","Value":"warm white","Time":"1700000001000"},""" +
            """{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":"23.5","Time":"1700000001000"}]""",
            await PropertyStatusAsync(emulator));
    }

    [Fact]
    public async Task Post_OutOfRangeOrUndeclared_RefusedOnTheDevice_NothingSent()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        await device.ConnectAsync(emulator);

        ThingWriter w = device.Client.BeginPropertyPost();
        w.Write("temperature", 150.0);              // the TSL allows -40..120
        Assert.Equal(ErrorCode.ValueOutOfRange, w.Error);
        Assert.Equal(ErrorCode.ValueOutOfRange, device.Client.EndPropertyPost(out long refused));
        Assert.Equal(0, refused);

        w = device.Client.BeginPropertyPost();
        w.Write("humidity", 40);
        Assert.Equal(ErrorCode.PropertyNotDeclared, device.Client.EndPropertyPost(out _));

        w = device.Client.BeginPropertyPost();
        w.Write("color", "a text longer than the 32 bytes of the TSL");
        Assert.Equal(ErrorCode.ValueOutOfRange, device.Client.EndPropertyPost(out _));

        // Only what follows reaches the cloud: the next reply is this post's, and it is the only stored value.
        w = device.Client.BeginPropertyPost();
        w.Write("temperature", -40.0);
        Assert.Equal(ErrorCode.Ok, device.Client.EndPropertyPost(out long accepted));
        Assert.Equal(new Reply(null, accepted, 200, "{}", "success"), SdkDevice.Next(device.Thing.PropertyPostReplies, "PropertyPostReplied"));
        Assert.Equal("""[{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":"-40.0","Time":"1700000001000"}]""",
            await PropertyStatusAsync(emulator));
    }

    [Fact]
    public async Task Post_WithoutAModelOnTheDevice_RefusedByTheCloudWith6307_NothingStored()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpCustomProtocol();
        await device.ConnectAsync(emulator);

        ThingWriter w = device.Client.BeginPropertyPost();
        w.Write("temperature", 150.5);
        Assert.Equal(ErrorCode.Ok, device.Client.EndPropertyPost(out long requestId));

        Reply reply = SdkDevice.Next(device.Thing.PropertyPostReplies, "PropertyPostReplied");
        Assert.Equal(new Reply(null, requestId, 6307, "{}", "temperature is out of range"), reply);
        Assert.Equal("[]", await PropertyStatusAsync(emulator));

        w = device.Client.BeginPropertyPost();
        w.Write("humidity", 40);
        Assert.Equal(ErrorCode.Ok, device.Client.EndPropertyPost(out requestId));
        Assert.Equal(new Reply(null, requestId, 6304, "{}", "property humidity is not in the thing model"), SdkDevice.Next(device.Thing.PropertyPostReplies, "PropertyPostReplied"));
    }

    [Fact]
    public async Task SetFromTheCloud_ReachesTheHandler_RepliedWithItsCode_RecordedByTheCloud()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        await device.ConnectAsync(emulator);

        string messageId = await SetAsync(emulator, new { LightSwitch = 0, color = "blue" });

        Assert.Equal((long.Parse(messageId), """{"LightSwitch":0,"color":"blue"}"""), SdkDevice.Next(device.Thing.PropertySets, "PropertySet"));
        JsonNode call = await SetCallAsync(emulator, messageId);
        Assert.Equal(200, call["ReplyCode"]!.GetValue<int>());
        Assert.Equal("{}", call["OutputData"]!.GetValue<string>());
        Assert.Equal("""{"LightSwitch":0,"color":"blue"}""", call["InputData"]!.GetValue<string>());

        device.Thing.PropertySetReplyCode = 9201; // the application's own refusal code
        messageId = await SetAsync(emulator, new { temperature = 19.5 });
        Assert.Equal((long.Parse(messageId), """{"temperature":19.5}"""), SdkDevice.Next(device.Thing.PropertySets, "PropertySet"));
        Assert.Equal(9201, (await SetCallAsync(emulator, messageId))["ReplyCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task SetBreakingTheDevicesModel_Answered460WithoutCallingTheHandler()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        // The cloud's model now allows up to 200 °C; the device still has the original (up to 120).
        await emulator.CallAsync("UpdateProduct", new { emulator.ProductKey, Tsl = EmulatorHost.DemoTsl.Replace("\"max\": \"120\"", "\"max\": \"200\"") });
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        await device.ConnectAsync(emulator);

        string refused = await SetAsync(emulator, new { temperature = 150.5 });
        Assert.Equal(460, (await SetCallAsync(emulator, refused))["ReplyCode"]!.GetValue<int>());
        Assert.Equal(1, device.Client.InvalidParamsCount);

        string accepted = await SetAsync(emulator, new { temperature = 100.5 });
        Assert.Equal((long.Parse(accepted), """{"temperature":100.5}"""), SdkDevice.Next(device.Thing.PropertySets, "PropertySet"));
        Assert.Empty(device.Thing.PropertySets); // the refused set never reached the handler
        Assert.Equal(200, (await SetCallAsync(emulator, accepted))["ReplyCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task SubscribeThingTopics_GrantedByTheEmulator_EachDownlinkHandledOnce()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator, o => o.SubscribeThingTopics = true).SetUpThing();
        await device.ConnectAsync(emulator);
        // ConnectCompleted comes before the thing layer subscribes; ThingEnabled comes after its SUBSCRIBE went out.
        Assert.True(SdkDevice.Next(device.Thing.Enabled, "ThingEnabled"));

        // The SDK's own SUBACK is not raised; one for a later SUBSCRIBE on the same connection comes after it.
        Assert.Equal(ErrorCode.Ok, device.Client.Subscribe(device.Client.ToFullTopic("user/get"), 0, out int subscribeId));
        Assert.Equal(subscribeId, SdkDevice.Next(device.Subscribed, "Subscribed").MessageId);
        Assert.True(device.Log.Contains("INFO thing topics subscribed"));
        Assert.False(device.Log.Contains("WARNING broker refused a replayed subscription"));

        // The explicit subscriptions overlap the emulator's server-side ones (_ss=1): still one delivery each.
        string first = await SetAsync(emulator, new { color = "one" });
        string second = await SetAsync(emulator, new { color = "two" });
        Assert.Equal((long.Parse(first), """{"color":"one"}"""), SdkDevice.Next(device.Thing.PropertySets, "PropertySet"));
        Assert.Equal((long.Parse(second), """{"color":"two"}"""), SdkDevice.Next(device.Thing.PropertySets, "PropertySet"));
        Assert.Equal(200, (await SetCallAsync(emulator, second))["ReplyCode"]!.GetValue<int>());
        Assert.Empty(device.Thing.PropertySets);
        Assert.Equal(0, device.Client.UnmatchedReplyCount);
    }

    [Fact]
    public async Task FiveThousandSetsInABurst_EveryOneAnswered_WithTheDefaultWindow()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        await device.ConnectAsync(emulator);

        // All at once: the replies (QoS 1) outrun the window of 20 and wait for acknowledgements instead of being dropped.
        const int Sets = 5000;
        string[] ids = await Task.WhenAll(Enumerable.Range(0, Sets).Select(i => SetAsync(emulator, new { temperature = i % 100 + 0.5 })));
        List<ServiceCallRecord> calls = await Eventually.ReadAsync(
            () => Task.FromResult(emulator.Host.Store.QueryServiceCalls(emulator.ProductKey, emulator.DeviceName, "set", Sets + 1)),
            c => c.Count(call => call.ReplyCode != null) == Sets, "a reply to each of the " + Sets + " sets",
            // The emulator records each reply before taking the device's next one: 5,000 commits in a row, slower
            // when the other test classes share the two cores.
            TimeSpan.FromSeconds(90));

        Assert.Equal(ids.Order(), calls.Select(c => c.MessageId).Order());
        Assert.All(calls, c => Assert.Equal(200, c.ReplyCode));
        Assert.Equal(0, device.Client.DroppedReplyCount);
        Assert.Equal(Sets, device.Thing.PropertySets.Count);
    }

    internal static async Task<string> PropertyStatusAsync(E2eEmulator emulator) =>
        (await emulator.CallAsync("QueryDevicePropertyStatus", new { emulator.ProductKey, emulator.DeviceName }))["Data"]!["List"]!["PropertyStatusInfo"]!
        .ToJsonString(LinkKit.Emulator.ControlApi.ApiResponse.JsonOptions);

    static async Task<string> SetAsync(E2eEmulator emulator, object items) =>
        (await emulator.CallAsync("SetDeviceProperty", new { emulator.ProductKey, emulator.DeviceName, Items = items }))["Data"]!["MessageId"]!.GetValue<string>();

    /// <summary>The cloud's record of the set call, once the device's reply is in.</summary>
    internal static Task<JsonNode> SetCallAsync(E2eEmulator emulator, string messageId) => ServiceCallAsync(emulator, "set", messageId);

    internal static async Task<JsonNode> ServiceCallAsync(E2eEmulator emulator, string identifier, string messageId) =>
        await Eventually.ReadAsync(async () =>
        {
            JsonArray calls = (await emulator.CallAsync("QueryDeviceServiceData", new { emulator.ProductKey, emulator.DeviceName, Identifier = identifier }))
                ["Data"]!["List"]!["ServiceInfo"]!.AsArray();
            return calls.Single(c => c!["MessageId"]!.GetValue<string>() == messageId)!;
        }, c => c["ReplyCode"] != null, "the device's reply to " + identifier + " " + messageId);
}
