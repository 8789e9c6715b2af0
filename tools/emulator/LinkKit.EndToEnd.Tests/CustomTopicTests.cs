using System.Text;
using System.Text.Json.Nodes;
using LinkKit.Emulator.ControlApi;
using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>Custom topics: uplinks the emulator stores (QueryDeviceUplinks), downlinks it publishes (Pub), SUBACK refusals.</summary>
public sealed class CustomTopicTests
{
    [Fact]
    public async Task Publish_Qos0AndQos1_StoredByTheEmulator_Qos1Acknowledged()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator);
        await device.ConnectAsync(emulator);
        string topic = device.Client.ToFullTopic("user/update");
        Assert.Equal("/a1DemoPK001/demo-device-01/user/update", topic);
        byte[] first = Encoding.UTF8.GetBytes("{\"temperature\":23.5}");
        byte[] second = Encoding.UTF8.GetBytes("xx{\"door\":\"open\",\"note\":\"überall\"}yy");

        Assert.Equal(ErrorCode.Ok, device.Client.Publish(topic, first, 0, first.Length, 0, out int id0));
        Assert.Equal(ErrorCode.Ok, device.Client.Publish(topic, second, 2, second.Length - 4, 1, out int id1));

        Assert.Equal(id1, SdkDevice.Next(device.Published, "Published"));
        Assert.NotEqual(id0, id1);
        JsonArray uplinks = await Eventually.ReadAsync(
            async () => (await emulator.CallAsync("QueryDeviceUplinks", new { emulator.ProductKey, emulator.DeviceName }))["Data"]!["List"]!.AsArray(),
            list => list.Count == 2, "two stored uplinks");
        // Newest first, payloads byte for byte.
        Assert.Equal(topic, uplinks[0]!["Topic"]!.GetValue<string>());
        Assert.Equal("{\"door\":\"open\",\"note\":\"überall\"}", Encoding.UTF8.GetString(Convert.FromBase64String(uplinks[0]!["PayloadBase64"]!.GetValue<string>())));
        Assert.Equal(topic, uplinks[1]!["Topic"]!.GetValue<string>());
        Assert.Equal("{\"temperature\":23.5}", Encoding.UTF8.GetString(Convert.FromBase64String(uplinks[1]!["PayloadBase64"]!.GetValue<string>())));
        Assert.Equal(E2eEmulator.FixedNowMs, uplinks[1]!["Time"]!.GetValue<long>());
    }

    [Fact]
    public async Task Subscribe_ThenCloudPub_ReachesMessageReceived_UnsubscribeStopsIt()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator);
        await device.ConnectAsync(emulator);
        // user/get is one of the default topic classes; user/other must be defined first, as on the platform.
        await emulator.CallAsync("CreateProductTopic", new { emulator.ProductKey, TopicShortName = "other", Operation = "SUB" });
        string get = device.Client.ToFullTopic("user/get");
        string other = device.Client.ToFullTopic("user/other");

        Assert.Equal(ErrorCode.Ok, device.Client.Subscribe(new[] { get, other }, new[] { 1, 0 }, out int subscribeId));
        (int id, byte[] granted) = SdkDevice.Next(device.Subscribed, "Subscribed");
        Assert.Equal(subscribeId, id);
        Assert.Equal(new byte[] { 1, 0 }, granted);

        await Pub(emulator, get, "{\"led\":\"on\"}", 1);
        Assert.Equal((get, "{\"led\":\"on\"}", 1), SdkDevice.Next(device.Messages, "message on user/get"));
        await Pub(emulator, other, "plain text", 1);
        Assert.Equal((other, "plain text", 0), SdkDevice.Next(device.Messages, "message on user/other")); // granted QoS 0

        Assert.Equal(ErrorCode.Ok, device.Client.Unsubscribe(get, out int unsubscribeId));
        Assert.Equal(unsubscribeId, SdkDevice.Next(device.Unsubscribed, "Unsubscribed"));

        // In order on the one connection: had the first been delivered, it would arrive before the second.
        await Pub(emulator, get, "not for me any more", 0);
        await Pub(emulator, other, "still subscribed", 0);
        Assert.Equal((other, "still subscribed", 0), SdkDevice.Next(device.Messages, "message on user/other"));
    }

    [Fact]
    public async Task SubscribeToAnotherDevicesTopic_RefusedWithSuback0x80()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator);
        await device.ConnectAsync(emulator);

        Assert.Equal(ErrorCode.Ok, device.Client.Subscribe(new[] { "/a1DemoPK001/another-device/user/get", device.Client.ToFullTopic("user/get") },
            new[] { 1, 1 }, out int subscribeId));

        (int id, byte[] granted) = SdkDevice.Next(device.Subscribed, "Subscribed");
        Assert.Equal(subscribeId, id);
        Assert.Equal(new byte[] { 0x80, 1 }, granted);
        Assert.Equal(LinkKitState.Connected, device.Client.State);
    }

    [Fact]
    public async Task TopicClasses_SubscribeNeedsSub_PublishNeedsPub_WildcardClassCoversItsTopics()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        await emulator.CallAsync("CreateProductTopic", new { emulator.ProductKey, TopicShortName = "cmd/+", Operation = "SUB" });
        using SdkDevice device = SdkDevice.Demo(emulator);
        await device.ConnectAsync(emulator);

        // user/update is PUB only, user/# is no class, user/cmd/+ and one topic under it are covered by the class cmd/+.
        Assert.Equal(ErrorCode.Ok, device.Client.Subscribe(new[] { device.Client.ToFullTopic("user/update"), device.Client.ToFullTopic("user/#"),
            device.Client.ToFullTopic("user/cmd/+"), device.Client.ToFullTopic("user/cmd/led") }, new[] { 1, 1, 1, 0 }, out int subscribeId));
        (int id, byte[] granted) = SdkDevice.Next(device.Subscribed, "Subscribed");
        Assert.Equal(subscribeId, id);
        Assert.Equal(new byte[] { 0x80, 0x80, 1, 0 }, granted);

        // Publishing on a SUB-only class is dropped by the emulator (the SDK cannot know); the PUB class is stored.
        byte[] payload = Encoding.UTF8.GetBytes("{\"x\":1}");
        Assert.Equal(ErrorCode.Ok, device.Client.Publish(device.Client.ToFullTopic("user/get"), payload, 0, payload.Length, 1, out _));
        Assert.Equal(ErrorCode.Ok, device.Client.Publish(device.Client.ToFullTopic("user/update"), payload, 0, payload.Length, 1, out _));
        JsonArray uplinks = await Eventually.ReadAsync(
            async () => (await emulator.CallAsync("QueryDeviceUplinks", new { emulator.ProductKey, emulator.DeviceName }))["Data"]!["List"]!.AsArray(),
            list => list.Count >= 1, "the stored uplink");
        Assert.Equal(device.Client.ToFullTopic("user/update"), Assert.Single(uplinks)!["Topic"]!.GetValue<string>());
        Assert.Equal(LinkKitState.Connected, device.Client.State);
    }

    static async Task Pub(E2eEmulator emulator, string topic, string payload, int qos)
    {
        ApiResponse response = await emulator.TryCallAsync("Pub", new
        {
            emulator.ProductKey,
            TopicFullName = topic,
            MessageContent = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)),
            Qos = qos,
        });
        Assert.True(response.Success, response.ToString());
    }
}
