using System.Text.Json.Nodes;
using LinkKit.Emulator.ControlApi;
using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>Event posts, tags (device info) and raw data through the emulator.</summary>
public sealed class EventTagsRawTests
{
    [Fact]
    public async Task EventPost_Reply200_StoredWithItsType_UndeclaredOrOutOfRangeRefusedOnTheDevice()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        await device.ConnectAsync(emulator);

        ThingWriter w = device.Client.BeginEventPost("alarm");
        w.Write("level", 11);
        Assert.Equal(ErrorCode.ValueOutOfRange, device.Client.EndEventPost(out _));
        device.Client.BeginEventPost("fire");
        Assert.Equal(ErrorCode.EventNotDeclared, device.Client.EndEventPost(out _));

        w = device.Client.BeginEventPost("alarm");
        w.Write("level", 3);
        Assert.Equal(ErrorCode.Ok, device.Client.EndEventPost(out long requestId));

        Assert.Equal(new Reply("alarm", requestId, 200, "{}", "success"), SdkDevice.Next(device.Thing.EventPostReplies, "EventPostReplied"));
        JsonNode events = (await emulator.CallAsync("QueryDeviceEventData", new { emulator.ProductKey, emulator.DeviceName }))["Data"]!["List"]!["EventInfo"]!;
        Assert.Equal("""[{"Identifier":"alarm","EventType":"alert","OutputData":"{\"level\":3}","Time":1700000001000}]""",
            events.ToJsonString(ApiResponse.JsonOptions));
    }

    [Fact]
    public async Task Tags_UpdatedAndRemoved_Replies200_CloudKeepsTheRest()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        await device.ConnectAsync(emulator);

        Assert.Equal(ErrorCode.Ok, device.Client.UpdateTags(new[] { "room", "floor", "owner" }, new[] { "lab", "3", "Zoë" }, 3, out long updateId));
        Assert.Equal(new Reply(null, updateId, 200, "{}", "success"), SdkDevice.Next(device.Thing.TagsUpdateReplies, "TagsUpdateReplied"));
        Assert.Equal("""{"floor":"3","owner":"Zoë","room":"lab"}""", await TagsAsync(emulator));

        Assert.Equal(ErrorCode.Ok, device.Client.RemoveTags(new[] { "room", "owner" }, 2, out long removeId));
        Assert.Equal(new Reply(null, removeId, 200, "{}", "success"), SdkDevice.Next(device.Thing.TagsRemoveReplies, "TagsRemoveReplied"));
        Assert.Equal("""{"floor":"3"}""", await TagsAsync(emulator));
    }

    [Fact]
    public async Task RawData_UpAnsweredWithTheProductsReplyBytes_DownArrives_AndItsReplyIsStored()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        await emulator.CallAsync("UpdateProduct", new { emulator.ProductKey, RawReplyHex = "0102FF" });
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        await device.ConnectAsync(emulator);
        string pk = emulator.ProductKey, dn = emulator.DeviceName;

        byte[] up = { 0x00, 0xAA, 0xBB, 0x00 };
        Assert.Equal(ErrorCode.Ok, device.Client.PostRawData(up, 1, 2));
        Assert.Equal("0102FF", SdkDevice.Next(device.Thing.RawReplied, "RawDataReplied"));

        await emulator.CallAsync("Pub", new { ProductKey = pk, TopicFullName = $"/sys/{pk}/{dn}/thing/model/down_raw", MessageContent = Convert.ToBase64String(new byte[] { 0xC0, 0x01 }) });
        Assert.Equal("C001", SdkDevice.Next(device.Thing.RawArrived, "RawDataArrived"));
        Assert.Equal(ErrorCode.Ok, device.Client.ReplyRawData(new byte[] { 0xC0, 0x00 }, 0, 2));

        JsonArray uplinks = await Eventually.ReadAsync(
            async () => (await emulator.CallAsync("QueryDeviceUplinks", new { ProductKey = pk, DeviceName = dn }))["Data"]!["List"]!.AsArray(),
            list => list.Count == 2, "both raw uplinks stored");
        Assert.Equal(($"/sys/{pk}/{dn}/thing/model/down_raw_reply", "wAA="), (uplinks[0]!["Topic"]!.GetValue<string>(), uplinks[0]!["PayloadBase64"]!.GetValue<string>()));
        Assert.Equal(($"/sys/{pk}/{dn}/thing/model/up_raw", "qrs="), (uplinks[1]!["Topic"]!.GetValue<string>(), uplinks[1]!["PayloadBase64"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RawData_EchoReply_CustomProtocolMode()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        await emulator.CallAsync("UpdateProduct", new { emulator.ProductKey, RawReplyHex = "echo" });
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpCustomProtocol();
        await device.ConnectAsync(emulator);

        byte[] frame = { 0x01, 0x66, 0x00, 0xFF, 0x7B };
        Assert.Equal(ErrorCode.Ok, device.Client.PostRawData(frame, 0, frame.Length));

        Assert.Equal(Convert.ToHexString(frame), SdkDevice.Next(device.Thing.RawReplied, "RawDataReplied"));
    }

    static async Task<string> TagsAsync(E2eEmulator emulator) =>
        (await emulator.CallAsync("QueryDeviceProp", new { emulator.ProductKey, emulator.DeviceName }))["Props"]!.GetValue<string>();
}
