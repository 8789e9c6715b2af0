using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>The platform's clock over /ext/ntp against the emulator (whose clock is fixed at 1,700,000,001,000 ms).</summary>
public sealed class PlatformClockTests
{
    [Fact]
    public async Task Connect_ClockFromThePlatform_ThenUsedToSignTheNextConnect()
    {
        await using E2eEmulator emulator = await E2eEmulator.StartAsync();
        var clock = new PlatformClock(new TickCountClock(), new SystemClock());
        var synchronized = new System.Collections.Concurrent.BlockingCollection<long>();
        clock.Synchronized += (_, utc) => synchronized.Add(utc);
        LinkKitOptions options = emulator.PlainOptions();
        options.SignMethod = SignMethod.HmacSha1;                    // the scheme whose signature carries the time
        options.Clock = clock;
        using SdkDevice device = SdkDevice.WithSecret(emulator.ProductKey, emulator.DeviceName, emulator.Demo.DeviceSecret, options);
        clock.Attach(device.Client);

        await device.ConnectAsync(emulator);
        Assert.True(synchronized.TryTake(out long utc, E2eEmulator.Wait), "no answer from the platform clock");
        // The emulator answers with its fixed time for both server stamps: the device adds half the round trip.
        Assert.InRange(utc, E2eEmulator.FixedNowMs, E2eEmulator.FixedNowMs + 1000);
        Assert.Equal(1_700_000_001L, clock.UnixTimeSeconds());

        device.Client.Disconnect();
        Assert.Equal(DisconnectReason.Requested, device.NextDisconnect());
        await emulator.WaitOfflineAsync();
        await device.ConnectAsync(emulator);
        Assert.Contains(",timestamp=1700000001", emulator.SessionClientId()!);   // signed with the platform's time
        Assert.Equal(0, clock.IgnoredResponses);
    }
}
