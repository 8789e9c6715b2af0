using System.Text.Json.Nodes;
using LinkKit.Emulator.ControlApi;
using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>Service calls from the cloud (InvokeThingService), asynchronous and synchronous, answered by the device.</summary>
public sealed class ServiceTests
{
    [Fact]
    public async Task AsyncService_ReachesTheHandler_AnswerRecordedByTheCloud()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        device.Thing.AnswerService = (client, call) => Assert.Equal(ErrorCode.Ok, client.AnswerService(call, 200));
        await device.ConnectAsync(emulator);

        JsonNode data = (await emulator.CallAsync("InvokeThingService",
            new { emulator.ProductKey, emulator.DeviceName, Identifier = "reboot", Args = new { delay = 5 } }))["Data"]!;
        string messageId = data["MessageId"]!.GetValue<string>();
        Assert.Null(data["Code"]); // async: no result in the answer

        Assert.Equal(new Call("reboot", long.Parse(messageId), false, -1, """{"delay":5}"""), SdkDevice.Next(device.Thing.ServiceCalls, "ServiceCalled"));
        JsonNode call = await PropertyTests.ServiceCallAsync(emulator, "reboot", messageId);
        Assert.Equal(("async", 200, "{}", """{"delay":5}"""),
            (call["CallType"]!.GetValue<string>(), call["ReplyCode"]!.GetValue<int>(), call["OutputData"]!.GetValue<string>(), call["InputData"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SyncService_AnsweredOnItsRrpcTopic_TheCloudCallReturnsTheOutput()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        device.Thing.AnswerService = (client, call) =>
        {
            ThingWriter answer = client.BeginServiceAnswer(call, 200);
            answer.Write("uptime", 86400);
            Assert.Equal(ErrorCode.Ok, client.EndServiceAnswer());
        };
        await device.ConnectAsync(emulator);

        JsonNode data = (await emulator.CallAsync("InvokeThingService",
            new { emulator.ProductKey, emulator.DeviceName, Identifier = "getStatus", Args = new { }, Timeout = 8000 }))["Data"]!;

        Assert.Equal((200, """{"uptime":86400}"""), (data["Code"]!.GetValue<int>(), data["Result"]!.GetValue<string>()));
        Call received = SdkDevice.Next(device.Thing.ServiceCalls, "ServiceCalled");
        Assert.Equal(("getStatus", long.Parse(data["MessageId"]!.GetValue<string>()), true, "{}"),
            (received.Identifier, received.RequestId, received.IsSync, received.Parameters));
        Assert.True(received.RrpcMessageId > 0);
        JsonNode call = await PropertyTests.ServiceCallAsync(emulator, "getStatus", data["MessageId"]!.GetValue<string>());
        Assert.Equal(("sync", 200, """{"uptime":86400}"""), (call["CallType"]!.GetValue<string>(), call["ReplyCode"]!.GetValue<int>(), call["OutputData"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SyncService_AnswerBreakingTheModel_RefusedOnTheDevice_CloudCallTimesOut()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        var endResults = new System.Collections.Concurrent.BlockingCollection<int>();
        device.Thing.AnswerService = (client, call) =>
        {
            ThingWriter answer = client.BeginServiceAnswer(call, 200);
            answer.Write("uptime", "not a number");
            endResults.Add(client.EndServiceAnswer());
        };
        await device.ConnectAsync(emulator);

        ApiResponse response = await emulator.TryCallAsync("InvokeThingService",
            new { emulator.ProductKey, emulator.DeviceName, Identifier = "getStatus", Timeout = 1000 });

        Assert.Equal("iot.device.TimeOut", response.Code);
        Assert.Equal(ErrorCode.TypeMismatch, SdkDevice.Next(endResults, "the answer's result"));
    }
}
