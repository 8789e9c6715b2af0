using LinkKit.Emulator.Broker;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// Short of connections, database queue room or memory, the emulator answers CONNACK 3 and sheds uplinks, each
/// counted; once the pressure goes it serves again. (Descriptor exhaustion itself: <see cref="DescriptorExhaustionTests"/>.)
/// </summary>
public sealed class ResourceLimitTests : CaptureDeviceTest
{
    const string PostTopic = "/sys/a1TestPK001/dev-001/thing/event/property/post";
    const string ReplyTopic = "/sys/a1TestPK001/dev-001/thing/event/property/post_reply";
    static readonly byte[] Accepted = [0x20, 0x02, 0x00, 0x00], ServerUnavailable = [0x20, 0x02, 0x00, 0x03];

    ResourceLimits Limits => Emulator.Host.Broker.Limits;

    static string Post(int id) => $$"""{"id": "{{id}}", "version": "1.0", "params": {"temperature": 25.5}, "method": "thing.event.property.post"}""";

    static string Reply(int id) => $$"""{"code":200,"data":{},"id":"{{id}}","message":"success","method":"thing.event.property.post","version":"1.0"}""";

    Task<(RawMqttClient Client, byte[] Connack)> ConnectAsync() =>
        RawMqttClient.ConnectAsync(Emulator.MqttPort, Vectors.V2ClientId, Vectors.Username, Vectors.V2Password);

    static async Task Until(Func<bool> condition, Func<string> what)
    {
        for (int i = 0; i < 1000 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition(), what());
    }

    [Fact]
    public async Task ConnectionLimit_NextConnectGetsConnack3_ServedAgainOnceAConnectionCloses()
    {
        Limits.MaxConnections = 1;       // the capture device holds the one connection
        (RawMqttClient refused, byte[] connack) = await ConnectAsync();
        await using (refused) Assert.Equal(ServerUnavailable, connack);
        Assert.Equal(1, Limits.ConnectionsRefused);
        Assert.True(Emulator.Host.Broker.IsOnline(Vectors.ProductKey, Vectors.DeviceName));      // a refusal takes nothing over

        await Device.DisposeAsync();
        await Until(() => Emulator.Host.Broker.OpenConnections == 0, () => Emulator.Host.Broker.OpenConnections + " connections still open");
        (RawMqttClient again, connack) = await ConnectAsync();
        await using (again) Assert.Equal(Accepted, connack);
        Assert.Equal(1, Limits.ConnectionsRefused);
        Device = await TestDevice.CaptureDeviceAsync(Emulator);     // for DisposeAsync
    }

    [Fact]
    public async Task StoreQueueFull_PostShedUnanswered_AndCounted_ThenServed()
    {
        Limits.MaxStoreQueue = 1;
        using var release = new ManualResetEventSlim();
        Task held = Emulator.Host.Store.WriteAsync(_ => release.Wait());     // one write the writer cannot finish
        await Until(() => Emulator.Host.Store.WriteQueueDepth == 1, () => "the held write not queued alone: " + Emulator.Host.Store.WriteQueueDepth);

        await Device.PublishAsync(PostTopic, Post(1), 1);
        Assert.Equal(1, Limits.UplinksShed);      // the PUBACK came after the broker handled the PUBLISH
        release.Set();
        await held;

        // The reply to post 2 is the next message: post 1 was never answered.
        Assert.Equal(Reply(2), await Device.RequestAsync(PostTopic, Post(2), ReplyTopic, qos: 1));
        Assert.Equal(1, Limits.UplinksShed);
    }

    [Fact]
    public async Task HeapOverItsLimit_ConnectRefusedAndPostShed_ServedAgainBelowIt()
    {
        Limits.MaxHeapBytes = 1;
        (RawMqttClient refused, byte[] connack) = await RawMqttClient.ConnectAsync(Emulator.MqttPort, Vectors.W1ClientId, Vectors.Username, Vectors.W1Password);
        await using (refused) Assert.Equal(ServerUnavailable, connack);
        await Device.PublishAsync(PostTopic, Post(1), 1);
        Assert.Equal((1, 1), (Limits.ConnectionsRefused, Limits.UplinksShed));

        Limits.MaxHeapBytes = long.MaxValue;
        Assert.Equal(Reply(2), await Device.RequestAsync(PostTopic, Post(2), ReplyTopic, qos: 1));
        Assert.Equal((1, 1), (Limits.ConnectionsRefused, Limits.UplinksShed));
    }
}
