using System.Diagnostics;
using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>The emulator restarts (same database, same ports): the client reconnects by itself and the data is still there.</summary>
public sealed class ReconnectTests
{
    [Fact]
    public async Task EmulatorRestart_ClientReconnectsWithinItsBackoff_SubscriptionsReplayed_PropertiesShadowAndTagsKept()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing(); // back-off 1..2 s
        await device.ConnectAsync(emulator);
        Assert.True(SdkDevice.Next(device.Thing.Enabled, "ThingEnabled"));
        string get = device.Client.ToFullTopic("user/get");
        Assert.Equal(ErrorCode.Ok, device.Client.Subscribe(get, 1, out _));
        SdkDevice.Next(device.Subscribed, "Subscribed");

        ThingWriter w = device.Client.BeginPropertyPost();
        w.Write("temperature", 21.5);
        w.Write("LightSwitch", 1);
        Assert.Equal(ErrorCode.Ok, device.Client.EndPropertyPost(out long postId));
        Assert.Equal(200, SdkDevice.Next(device.Thing.PropertyPostReplies, "PropertyPostReplied").Code);
        w = device.Client.BeginShadowUpdate(1);
        w.Write("color", "red");
        Assert.Equal(ErrorCode.Ok, device.Client.EndShadowUpdate());
        Assert.True(SdkDevice.Next(device.Thing.Shadows, "ShadowReceived").IsSuccess);
        Assert.Equal(ErrorCode.Ok, device.Client.UpdateTags(new[] { "room" }, new[] { "lab" }, 1, out _));
        Assert.Equal(200, SdkDevice.Next(device.Thing.TagsUpdateReplies, "TagsUpdateReplied").Code);

        await emulator.StopAsync();
        Assert.Equal(DisconnectReason.ConnectionLost, device.NextDisconnect());
        Assert.False(SdkDevice.Next(device.Thing.Enabled, "ThingDisabled"));

        await emulator.StartAgainOnSamePortsAsync();
        Stopwatch sinceRestart = Stopwatch.StartNew();
        Assert.Equal(ConnectResult.Accepted, device.NextConnectSkipping(ConnectResult.NetworkError, out int failedAttempts));
        TimeSpan reconnected = sinceRestart.Elapsed;
        Assert.True(SdkDevice.Next(device.Thing.Enabled, "ThingEnabled"));
        emulator.AssertOnline();

        // A waiting client retries at most ReconnectMaxSeconds (2 s) after the emulator is back, plus the attempt itself
        // (TLS handshake and CONNACK: generous, for a loaded 2-core machine).
        Assert.True(reconnected < TimeSpan.FromSeconds(2 + 5), "reconnected " + reconnected + " after the restart (" + failedAttempts + " failed attempts)");

        // Kept: property values, shadow, tags.
        Assert.Equal(
            """[{"Identifier":"LightSwitch","Name":"Light switch","DataType":"bool","Value":"1","Time":"1700000001000"},""" +
            """{"Identifier":"temperature","Name":"Temperature","DataType":"float","Value":"21.5","Time":"1700000001000"}]""",
            await PropertyTests.PropertyStatusAsync(emulator));
        Assert.Equal(ErrorCode.Ok, device.Client.GetShadow());
        Assert.Equal(new Shadow(ShadowMethod.Reply, true, 1, 1700000001, 0, """{"reported":{"color":"red"}}""",
            """{"reported":{"color":{"timestamp":1700000001}}}"""), SdkDevice.Next(device.Thing.Shadows, "ShadowReceived"));
        Assert.Equal("""{"room":"lab"}""", (await emulator.CallAsync("QueryDeviceProp", new { emulator.ProductKey, emulator.DeviceName }))["Props"]!.GetValue<string>());

        // Working again: the replayed subscription and the server-side thing topics deliver, request ids go on.
        Assert.Equal((get, "back", 1), await emulator.PubUntilReceivedAsync(device, get, "back"));
        await emulator.CallAsync("SetDeviceProperty", new { emulator.ProductKey, emulator.DeviceName, Items = new { LightSwitch = 0 } });
        Assert.Equal("""{"LightSwitch":0}""", SdkDevice.Next(device.Thing.PropertySets, "PropertySet").Parameters);
        w = device.Client.BeginPropertyPost();
        w.Write("temperature", 22.0);
        Assert.Equal(ErrorCode.Ok, device.Client.EndPropertyPost(out long nextId));
        Assert.Equal(new Reply(null, nextId, 200, "{}", "success"), SdkDevice.Next(device.Thing.PropertyPostReplies, "PropertyPostReplied"));
        Assert.True(nextId > postId);
        Assert.Equal(0, device.Client.HandlerExceptionCount);
    }
}
