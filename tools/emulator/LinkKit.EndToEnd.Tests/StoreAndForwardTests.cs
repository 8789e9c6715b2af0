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
        var clock = new SteppedClock(E2eEmulator.FixedNowMs);
        using SdkDevice device = SdkDevice.Demo(emulator, o =>
        {
            o.Clock = clock;
            o.OfflineQueueBytes = 256 * 1024;          // 600 posts of ~150 bytes
            o.ReconnectMinSeconds = 1;
            o.ReconnectMaxSeconds = 2;
        }).SetUpThing();
        await device.ConnectAsync(emulator);

        var accepted = new List<(long Id, string Label, long Time)>();
        await PostAsync(device, clock, accepted, TimeSpan.FromSeconds(5));
        await emulator.StopAsync();
        await PostAsync(device, clock, accepted, TimeSpan.FromSeconds(60));
        int keptWhileGone = device.Client.OfflineQueuedCount;
        await emulator.StartAgainOnSamePortsAsync();
        await PostAsync(device, clock, accepted, TimeSpan.FromSeconds(5));

        List<PropertyValue> stored = await Eventually.ReadAsync(
            () => Task.FromResult(emulator.Host.Store.GetPropertyHistory(emulator.ProductKey, emulator.DeviceName, "color", 0, long.MaxValue, 10_000, true)),
            rows => rows.Count >= accepted.Count && device.Client.OfflineQueuedCount == 0, "every accepted post stored");

        Console.WriteLine($"store-and-forward: {accepted.Count} posts accepted, {keptWhileGone} kept when the platform came back, {stored.Count} stored");
        Assert.True(keptWhileGone >= 550, keptWhileGone + " posts kept while the platform was gone");
        Assert.Equal(accepted.Select(a => ("\"" + a.Label + "\"", a.Time)), stored.Select(s => (s.ValueJson, s.TimeMs)));
        Assert.Equal(0, device.Client.OfflineDroppedCount);
        Assert.Equal(0, device.Client.OfflineRefusedCount);
    }

    /// <summary>One post every 100 ms for <paramref name="span"/>, each with a unique label and the clock stepped 100 ms.</summary>
    static async Task PostAsync(SdkDevice device, SteppedClock clock, List<(long, string, long)> accepted, TimeSpan span)
    {
        var watch = Stopwatch.StartNew();
        for (int i = 0; watch.Elapsed < span; i++)
        {
            string label = "post-" + accepted.Count.ToString("D4");
            long time = clock.Step(100);
            ThingWriter w = device.Client.BeginPropertyPost();
            w.Write("color", label);
            Assert.Equal(ErrorCode.Ok, device.Client.EndPropertyPost(out long id));
            accepted.Add((id, label, time));
            await Task.Delay(TimeSpan.FromMilliseconds(100) * (i + 1) - watch.Elapsed is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);
        }
    }

    /// <summary>A clock the test steps (so each post's time is known), with real waits for the back-off.</summary>
    sealed class SteppedClock(long startMs) : IClock
    {
        long _ms = startMs;

        public long Step(long ms) => Interlocked.Add(ref _ms, ms);

        public long UnixTimeMilliseconds() => Interlocked.Read(ref _ms);

        public long UnixTimeSeconds() => UnixTimeMilliseconds() / 1000;

        public bool Wait(WaitHandle wake, int milliseconds) => wake.WaitOne(milliseconds);
    }
}
