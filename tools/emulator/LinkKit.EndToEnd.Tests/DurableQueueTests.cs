using System.Diagnostics;
using LinkKit.Emulator.Registry;
using LinkKit.Nano;
using LinkKit.Nano.Storage;

namespace LinkKit.EndToEnd.Tests;

/// <summary>
/// The durable store-and-forward queue against the emulator: the device reboots while the platform is gone, and
/// the posts it had accepted still arrive, in order, each with its own time (LinkKitOptions.OfflineJournal over
/// the host build of the device's journal files).
/// </summary>
public sealed class DurableQueueTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "linkkit-e2e-journal-" + Guid.NewGuid().ToString("N")) + Path.DirectorySeparatorChar;

    public DurableQueueTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    [Fact]
    public async Task DeviceRebootedWhileThePlatformIsGone_EveryAcceptedPostArrives_InOrder_WithItsTime()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        var clock = new OfflinePosting.SteppedClock(E2eEmulator.FixedNowMs);
        var accepted = new List<(long Id, string Label, long Time)>();

        SdkDevice before = Device(emulator, clock);
        Func<SdkDevice> rebooted = RebootedDevice(emulator, clock);     // the emulator's CA cannot be read while it is stopped
        await before.ConnectAsync(emulator);
        await OfflinePosting.PostAsync(before, clock, accepted, TimeSpan.FromSeconds(2));
        int online = accepted.Count;   // (the device may still be connected for the first posts after the stop)
        await emulator.StopAsync();
        await OfflinePosting.PostAsync(before, clock, accepted, TimeSpan.FromSeconds(3));
        int postedWhileGone = accepted.Count - online;
        int beforeReboot = accepted.Count;
        int keptAtReboot = before.Client.OfflineQueuedCount;
        before.Dispose();                                                  // the reboot: the RAM queue is gone

        using SdkDevice after = rebooted();
        int readBack = after.Client.OfflineQueuedCount;
        await emulator.StartAgainOnSamePortsAsync();
        await after.ConnectAsync(emulator);
        await OfflinePosting.PostAsync(after, clock, accepted, TimeSpan.FromSeconds(2));

        List<PropertyValue> stored = await Eventually.ReadAsync(
            () => Task.FromResult(emulator.Host.Store.GetPropertyHistory(emulator.ProductKey, emulator.DeviceName, "color", 0, long.MaxValue, 10_000, true)),
            rows => rows.Select(r => r.TimeMs).Distinct().Count() >= accepted.Count && after.Client.OfflineQueuedCount == 0, "every accepted post stored");

        Console.WriteLine($"durable queue: {accepted.Count} posts accepted, {keptAtReboot} kept at the reboot, {readBack} read back, {stored.Count} stored");
        Assert.True(postedWhileGone > 0 && keptAtReboot >= postedWhileGone, keptAtReboot + " posts kept at the reboot, " + postedWhileGone + " posted while the platform was gone");
        Assert.True(readBack >= keptAtReboot, readBack + " read back, " + keptAtReboot + " kept");

        // Stored once each, in order, with its time; besides, a post made before the reboot may be stored a second time:
        // one done that the marker did not yet forget (it advances every 16), or one sent whose PUBACK the stop cut
        // off (at least once, never lost).
        var distinct = new List<(string, long)>();
        int duplicates = 0;
        foreach (PropertyValue row in stored)
        {
            if (distinct.Count > 0 && distinct[^1] == (row.ValueJson, row.TimeMs))
            {
                duplicates++;
                Assert.True(distinct.Count <= beforeReboot, row.ValueJson + " stored twice, though posted after the reboot");
                continue;
            }

            distinct.Add((row.ValueJson, row.TimeMs));
        }

        Assert.Equal(accepted.Select(a => ("\"" + a.Label + "\"", a.Time)), distinct);
        Assert.True(duplicates < 16 + 20, duplicates + " duplicates");                 // the marker's lag + the QoS 1 window
        Assert.Equal(0, after.Client.OfflineDroppedCount);
        Assert.Equal(0, after.Client.OfflineRefusedCount);
    }

    SdkDevice Device(E2eEmulator emulator, OfflinePosting.SteppedClock clock) => SdkDevice.Demo(emulator, o => Configure(o, clock)).SetUpThing();

    /// <summary>The same device, made later (after a reboot) from what is read of the emulator now.</summary>
    Func<SdkDevice> RebootedDevice(E2eEmulator emulator, OfflinePosting.SteppedClock clock)
    {
        LinkKitOptions options = emulator.TlsOptions();
        Configure(options, clock);
        string productKey = emulator.ProductKey, deviceName = emulator.DeviceName, secret = emulator.Demo.DeviceSecret;
        return () => SdkDevice.WithSecret(productKey, deviceName, secret, options).SetUpThing();
    }

    void Configure(LinkKitOptions o, OfflinePosting.SteppedClock clock)
    {
        o.Clock = clock;
        o.OfflineQueueBytes = 64 * 1024;
        o.OfflineJournal = OfflineJournalFiles.InFolder(_folder);
        o.ReconnectMinSeconds = 1;
        o.ReconnectMaxSeconds = 2;
    }
}
