using System;
using System.Threading;

namespace LinkKit.Nano
{
    /// <summary>
    /// The client's view of time: wall-clock seconds for HMAC-SHA1 signing, and the back-off wait. Replaced in
    /// tests (<see cref="LinkKitOptions.Clock"/>) so back-off runs without real sleeps.
    /// </summary>
    public interface IClock
    {
        /// <summary>Seconds since 1970-01-01 UTC.</summary>
        long UnixTimeSeconds();

        /// <summary>Waits up to <paramref name="milliseconds"/> ms, returning early (true) when <paramref name="wake"/> is signalled.</summary>
        bool Wait(WaitHandle wake, int milliseconds);
    }

    /// <summary>The real clock: <see cref="DateTime.UtcNow"/> and a real wait on the handle.</summary>
    public sealed class SystemClock : IClock, IMillisecondClock
    {
        private const long UnixEpochTicks = 621355968000000000; // 1970-01-01T00:00:00Z in DateTime ticks

        /// <inheritdoc/>
        public long UnixTimeSeconds()
        {
            return (DateTime.UtcNow.Ticks - UnixEpochTicks) / TimeSpan.TicksPerSecond;
        }

        /// <inheritdoc/>
        public long UnixTimeMilliseconds()
        {
            return (DateTime.UtcNow.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond;
        }

        /// <inheritdoc/>
        public bool Wait(WaitHandle wake, int milliseconds)
        {
            return wake.WaitOne(milliseconds, false);
        }
    }
}
