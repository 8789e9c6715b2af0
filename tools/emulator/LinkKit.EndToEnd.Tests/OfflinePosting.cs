using System.Diagnostics;
using LinkKit.Nano;

namespace LinkKit.EndToEnd.Tests;

/// <summary>The store-and-forward tests' device side: posts at 10 a second, each with a label and a known time.</summary>
static class OfflinePosting
{
    /// <summary>One post every 100 ms for <paramref name="span"/>, each with a unique label and the clock stepped 100 ms.</summary>
    public static async Task PostAsync(SdkDevice device, SteppedClock clock, List<(long, string, long)> accepted, TimeSpan span)
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
    public sealed class SteppedClock(long startMs) : IClock
    {
        long _ms = startMs;

        public long Step(long ms) => Interlocked.Add(ref _ms, ms);

        public long UnixTimeMilliseconds() => Interlocked.Read(ref _ms);

        public long UnixTimeSeconds() => UnixTimeMilliseconds() / 1000;

        public bool Wait(WaitHandle wake, int milliseconds) => wake.WaitOne(milliseconds);
    }
}
