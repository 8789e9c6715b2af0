using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>The device shadow: device updates and gets, cloud-side desired state pushed as "control", version conflicts.</summary>
public sealed class ShadowTests
{
    [Fact]
    public async Task ReportedDesiredControlAndGet_VersionsAndDocumentsAsThePlatformSendsThem()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        using SdkDevice device = SdkDevice.Demo(emulator).SetUpThing();
        await device.ConnectAsync(emulator);

        // The device reports.
        ThingWriter w = device.Client.BeginShadowUpdate(1);
        w.Write("color", "red");
        Assert.Equal(ErrorCode.Ok, device.Client.EndShadowUpdate());
        Assert.Equal(new Shadow(ShadowMethod.Reply, true, 1, 1700000001, 0, null, null), SdkDevice.Next(device.Thing.Shadows, "ShadowReceived"));

        // The cloud sets a desired state: pushed to the device as "control".
        await emulator.CallAsync("UpdateDeviceShadow", new
        {
            emulator.ProductKey,
            emulator.DeviceName,
            ShadowMessage = new { method = "update", state = new { desired = new { color = "green" } }, version = 2 },
        });
        Assert.Equal(new Shadow(ShadowMethod.Control, true, 2, 1700000001, 0, """{"desired":{"color":"green"}}""",
            """{"desired":{"color":{"timestamp":1700000001}}}"""), SdkDevice.Next(device.Thing.Shadows, "ShadowReceived"));
        Assert.Equal(2, device.Client.LatestShadow.Version);

        // The device applies it, reports, and clears the desired state.
        w = device.Client.BeginShadowUpdate(device.Client.LatestShadow.Version + 1);
        w.Write("color", "green");
        Assert.Equal(ErrorCode.Ok, device.Client.EndShadowUpdate());
        Assert.Equal(new Shadow(ShadowMethod.Reply, true, 3, 1700000001, 0, null, null), SdkDevice.Next(device.Thing.Shadows, "ShadowReceived"));
        Assert.Equal(ErrorCode.Ok, device.Client.ClearShadowDesired(4));
        Assert.Equal(new Shadow(ShadowMethod.Reply, true, 4, 1700000001, 0, null, null), SdkDevice.Next(device.Thing.Shadows, "ShadowReceived"));

        Assert.Equal(ErrorCode.Ok, device.Client.GetShadow());
        Assert.Equal(new Shadow(ShadowMethod.Reply, true, 4, 1700000001, 0, """{"reported":{"color":"green"}}""",
            """{"reported":{"color":{"timestamp":1700000001}}}"""), SdkDevice.Next(device.Thing.Shadows, "ShadowReceived"));
        Assert.Equal(
            """{"state":{"reported":{"color":"green"}},"metadata":{"reported":{"color":{"timestamp":1700000001}}},"timestamp":1700000001,"version":4}""",
            (await emulator.CallAsync("GetDeviceShadow", new { emulator.ProductKey, emulator.DeviceName }))["ShadowMessage"]!.GetValue<string>());

        // An old version is refused with 409.
        w = device.Client.BeginShadowUpdate(2);
        w.Write("color", "blue");
        Assert.Equal(ErrorCode.Ok, device.Client.EndShadowUpdate());
        Assert.Equal(new Shadow(ShadowMethod.Reply, false, -1, 1700000001, 409, null, null), SdkDevice.Next(device.Thing.Shadows, "ShadowReceived"));
        Assert.Equal(4, device.Client.LatestShadow.Version);
    }
}
