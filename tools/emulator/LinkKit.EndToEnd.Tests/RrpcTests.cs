using System.Text;
using System.Text.Json.Nodes;
using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>RRPC from the cloud (the RRpc action): system RRPC and custom-topic RRPC, answered by the device.</summary>
public sealed class RrpcTests
{
    static void AnswerPong(LinkKitClient client, RrpcRequest request)
    {
        byte[] answer = Encoding.UTF8.GetBytes("pong:" + Encoding.UTF8.GetString(request.Payload, request.PayloadOffset, request.PayloadCount));
        Assert.Equal(ErrorCode.Ok, client.AnswerRrpc(request.MessageId, answer, 0, answer.Length));
    }

    [Fact]
    public async Task SystemRrpc_RequestReachesTheHandler_AnswerReturnedToTheCloudCall()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        device.Thing.AnswerRrpc = AnswerPong;
        await device.ConnectAsync(emulator);

        JsonObject result = await emulator.CallAsync("RRpc", new
        {
            emulator.ProductKey, emulator.DeviceName, RequestBase64Byte = Convert.ToBase64String(Encoding.UTF8.GetBytes("ping")), Timeout = 8000,
        });

        string messageId = result["MessageId"]!.GetValue<string>();
        Assert.Equal(("SUCCESS", "pong:ping"), (result["RrpcCode"]!.GetValue<string>(),
            Encoding.UTF8.GetString(Convert.FromBase64String(result["PayloadBase64Byte"]!.GetValue<string>()))));
        Assert.Equal(new Rrpc(long.Parse(messageId), true, $"/sys/{emulator.ProductKey}/{emulator.DeviceName}/rrpc/request/{messageId}", "ping"),
            SdkDevice.Next(device.Thing.RrpcRequests, "RrpcRequestReceived"));
        Assert.Equal(ErrorCode.RequestNotPending, device.Client.AnswerRrpc(long.Parse(messageId), new byte[1], 0, 1)); // answered once only
    }

    [Fact]
    public async Task CustomRrpc_SubscribedTopic_RequestReachesTheHandler_AnswerReturnedToTheCloudCall()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        device.Thing.AnswerRrpc = AnswerPong;
        await emulator.CallAsync("CreateProductTopic", new { emulator.ProductKey, TopicShortName = "rrpc_demo", Operation = "SUB" });
        await device.ConnectAsync(emulator);
        string topic = device.Client.ToFullTopic("user/rrpc_demo");
        Assert.Equal(ErrorCode.Ok, device.Client.SubscribeRrpcTopic(topic, out int subscribeId));
        Assert.Equal(subscribeId, SdkDevice.Next(device.Subscribed, "Subscribed").MessageId);

        JsonObject result = await emulator.CallAsync("RRpc", new
        {
            emulator.ProductKey, emulator.DeviceName, RequestBase64Byte = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"cmd\":\"open\"}")), Topic = topic, Timeout = 8000,
        });

        string messageId = result["MessageId"]!.GetValue<string>();
        Assert.Equal(("SUCCESS", "pong:{\"cmd\":\"open\"}"), (result["RrpcCode"]!.GetValue<string>(),
            Encoding.UTF8.GetString(Convert.FromBase64String(result["PayloadBase64Byte"]!.GetValue<string>()))));
        // The request arrived on /ext/rrpc/{messageId}{topic}; the handler sees the custom topic itself.
        Assert.Equal(new Rrpc(long.Parse(messageId), false, topic, "{\"cmd\":\"open\"}"),
            SdkDevice.Next(device.Thing.RrpcRequests, "RrpcRequestReceived"));

        // Unsubscribed: the next request reaches nobody and the cloud call times out.
        Assert.Equal(ErrorCode.Ok, device.Client.UnsubscribeRrpcTopic(topic, out int unsubscribeId));
        Assert.Equal(unsubscribeId, SdkDevice.Next(device.Unsubscribed, "Unsubscribed"));
        result = await emulator.CallAsync("RRpc", new { emulator.ProductKey, emulator.DeviceName, RequestBase64Byte = "AQI=", Topic = topic, Timeout = 1000 });
        Assert.Equal("TIMEOUT", result["RrpcCode"]!.GetValue<string>());
        Assert.Empty(device.Thing.RrpcRequests);
    }

    [Fact]
    public async Task Rrpc_Unanswered_CloudCallTimesOut()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        await device.ConnectAsync(emulator);

        JsonObject result = await emulator.CallAsync("RRpc", new { emulator.ProductKey, emulator.DeviceName, RequestBase64Byte = "AQI=", Timeout = 1000 });

        Assert.Equal("TIMEOUT", result["RrpcCode"]!.GetValue<string>());
        Rrpc request = SdkDevice.Next(device.Thing.RrpcRequests, "RrpcRequestReceived");
        Assert.Equal((true, "\u0001\u0002"), (request.IsSystem, request.Payload));
    }
}
