using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>Requests the cloud never answers reach their handlers as timeouts.</summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task PropertyPostTheCloudDrops_RepliedAsRequestTimedOut_LaterPostsUnaffected()
    {
        // The emulator drops uplinks over 256 bytes (as the platform drops oversized messages): no reply ever comes.
        await using E2eEmulator emulator = await E2eEmulator.StartAsync(o => o.MaxPayloadBytes = 256);
        using SdkDevice device = SdkDevice.Demo(emulator, o => o.RequestTimeoutMilliseconds = 2000).SetUpCustomProtocol();
        await device.ConnectAsync(emulator);

        ThingWriter w = device.Client.BeginPropertyPost();
        w.Write("color", new string('x', 300));
        Assert.Equal(ErrorCode.Ok, device.Client.EndPropertyPost(out long dropped));
        Assert.Equal(new Reply(null, dropped, ErrorCode.RequestTimedOut, null, null), SdkDevice.Next(device.Thing.PropertyPostReplies, "the timeout"));

        w = device.Client.BeginPropertyPost();
        w.Write("color", "short");
        Assert.Equal(ErrorCode.Ok, device.Client.EndPropertyPost(out long answered));
        Assert.Equal(new Reply(null, answered, 200, "{}", "success"), SdkDevice.Next(device.Thing.PropertyPostReplies, "the reply"));
        Assert.Equal(1L, emulator.Host.Broker.DroppedCount);
    }
}
