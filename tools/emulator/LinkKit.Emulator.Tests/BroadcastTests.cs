using System.Text;
using Xunit;

namespace LinkKit.Emulator.Tests;

/// <summary>
/// PubBroadcast: to every online device of the product on its own broadcast topic, which it receives without subscribing (dev-001
/// logs in with _ss=1, dev-002 without), or to the subscribers of a /broadcast/{pk}/… topic.
/// </summary>
public sealed class BroadcastTests : CaptureDeviceTest
{
    TestDevice _other = null!;

    protected override async Task CreateProductAsync()
    {
        await Emulator.CreateCaptureProductAsync();
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-002", Vectors.DeviceSecret);
        await Emulator.RegisterDeviceAsync(Vectors.ProductKey, "dev-003", Vectors.DeviceSecret);       // stays offline
    }

    public override async Task DisposeAsync()
    {
        if (_other != null) await _other.DisposeAsync();
        await base.DisposeAsync();
    }

    async Task<long> BroadcastAsync(string message, string? topic = null) =>
        (await Emulator.CallAsync("PubBroadcast", new { Vectors.ProductKey, MessageContent = Convert.ToBase64String(Encoding.UTF8.GetBytes(message)), TopicFullName = topic }))
        ["MessageId"]!.GetValue<long>();

    [Fact]
    public async Task WithoutTopic_EachOnlineDeviceGetsItOnItsOwnTopic_WithoutSubscribing()
    {
        _other = await TestDevice.SdkCStyleAsync(Emulator, "dev-002", serverSideSubscription: false);
        long id = await BroadcastAsync("reboot at 03:00");
        Assert.Equal("reboot at 03:00", await Device.NextTextAsync($"/sys/a1TestPK001/dev-001/broadcast/request/{id}"));
        Assert.Equal("reboot at 03:00", await _other.NextTextAsync($"/sys/a1TestPK001/dev-002/broadcast/request/{id}"));
    }

    [Fact]
    public async Task DeviceSubscribedToItsWholeTree_GetsEachBroadcastOnce()
    {
        _other = await TestDevice.SdkCStyleAsync(Emulator, "dev-002", serverSideSubscription: false);
        Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.GrantedQoS0, await _other.SubscribeAsync("/sys/a1TestPK001/dev-002/#"));
        long first = await BroadcastAsync("one");
        long second = await BroadcastAsync("two");
        // The server-side filter and the device's own overlap: the second broadcast comes right after the first, no copy between.
        Assert.Equal("one", await _other.NextTextAsync($"/sys/a1TestPK001/dev-002/broadcast/request/{first}"));
        Assert.Equal("two", await _other.NextTextAsync($"/sys/a1TestPK001/dev-002/broadcast/request/{second}"));
    }

    [Fact]
    public async Task WithTopic_OnlyItsSubscribersGetIt()
    {
        _other = await TestDevice.SdkCStyleAsync(Emulator, "dev-002", serverSideSubscription: false);
        Assert.Equal(MQTTnet.MqttClientSubscribeResultCode.GrantedQoS0, await _other.SubscribeAsync("/broadcast/a1TestPK001/news"));
        await BroadcastAsync("first", "/broadcast/a1TestPK001/news");
        Assert.Equal("first", await _other.NextTextAsync("/broadcast/a1TestPK001/news"));
        // dev-001 did not subscribe: the next thing it receives is the second broadcast, to everyone.
        long id = await BroadcastAsync("second");
        Assert.Equal("second", await Device.NextTextAsync($"/sys/a1TestPK001/dev-001/broadcast/request/{id}"));
    }

    [Theory]
    [InlineData("/a1TestPK001/dev-001/user/get", "TopicFullName must be a topic below /broadcast/a1TestPK001/")]
    [InlineData("/broadcast/a1OtherPK01/news", "TopicFullName must be a topic below /broadcast/a1TestPK001/")]
    [InlineData("/broadcast/a1TestPK001/", "TopicFullName must be a topic below /broadcast/a1TestPK001/")]
    [InlineData("/broadcast/a1TestPK001/#", "TopicFullName must be a topic below /broadcast/a1TestPK001/")]
    public async Task BadTopic_InvalidParameter(string topic, string message)
    {
        var refused = await Emulator.TryCallAsync("PubBroadcast", new { Vectors.ProductKey, MessageContent = "aGk=", TopicFullName = topic });
        Assert.Equal(("InvalidParameter", message), (refused.Code, refused.Body["ErrorMessage"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Over64KB_Refused_64KBSent()
    {
        var refused = await Emulator.TryCallAsync("PubBroadcast", new { Vectors.ProductKey, MessageContent = Convert.ToBase64String(new byte[65537]) });
        Assert.Equal(("InvalidParameter", "MessageContent holds 65537 bytes; the platform allows 65536 (64 KB)"), (refused.Code, refused.Body["ErrorMessage"]!.GetValue<string>()));
        var sent = await Emulator.CallAsync("PubBroadcast", new { Vectors.ProductKey, MessageContent = Convert.ToBase64String(new byte[65536]) });
        (string topic, byte[] payload) = await Device.NextAsync();
        Assert.Equal(($"/sys/a1TestPK001/dev-001/broadcast/request/{sent["MessageId"]!.GetValue<long>()}", 65536), (topic, payload.Length));
    }

    [Fact]
    public async Task UnknownProduct_Refused()
    {
        Assert.Equal("iot.prod.NotExistedProduct", (await Emulator.TryCallAsync("PubBroadcast", new { ProductKey = "a1NoSuchPK1", MessageContent = "aGk=" })).Code);
    }
}
