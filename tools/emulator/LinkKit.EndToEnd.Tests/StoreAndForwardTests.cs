using System.Diagnostics;
using LinkKit.Emulator.Registry;
using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>Store-and-forward against the emulator: posts made while the platform is gone arrive later, once each, in order, with their own time.</summary>
public sealed class StoreAndForwardTests
{
    [Fact]
    public async Task PlatformGoneFor60s_Posting10PerSecond_EveryAcceptedPostArrivesOnce_InOrder_WithItsTime()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        var clock = new OfflinePosting.SteppedClock(E2eEmulator.FixedNowMs);
        using SdkDevice device = SdkDevice.Demo(emulator, o =>
        {
            o.Clock = clock;
            o.OfflineQueueBytes = 256 * 1024;          // 600 posts of ~150 bytes
            o.ReconnectMinSeconds = 1;
            o.ReconnectMaxSeconds = 2;
        }).SetUpThing();
        await device.ConnectAsync(emulator);

        var accepted = new List<(long Id, string Label, long Time)>();
        await OfflinePosting.PostAsync(device, clock, accepted, TimeSpan.FromSeconds(5));
        await emulator.StopAsync();
        await OfflinePosting.PostAsync(device, clock, accepted, TimeSpan.FromSeconds(60));
        int keptWhileGone = device.Client.OfflineQueuedCount;
        await emulator.StartAgainOnSamePortsAsync();
        await OfflinePosting.PostAsync(device, clock, accepted, TimeSpan.FromSeconds(5));

        List<PropertyValue> stored = await Eventually.ReadAsync(
            () => Task.FromResult(emulator.Host.Store.GetPropertyHistory(emulator.ProductKey, emulator.DeviceName, "color", 0, long.MaxValue, 10_000, true)),
            rows => rows.Count >= accepted.Count && device.Client.OfflineQueuedCount == 0, "every accepted post stored");

        Console.WriteLine($"store-and-forward: {accepted.Count} posts accepted, {keptWhileGone} kept when the platform came back, {stored.Count} stored");
        Assert.True(keptWhileGone >= 550, keptWhileGone + " posts kept while the platform was gone");
        Assert.Equal(accepted.Select(a => ("\"" + a.Label + "\"", a.Time)), stored.Select(s => (s.ValueJson, s.TimeMs)));
        Assert.Equal(0, device.Client.OfflineDroppedCount);
        Assert.Equal(0, device.Client.OfflineRefusedCount);
    }
}
