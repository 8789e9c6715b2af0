using System;

namespace LinkKit.Nano
{
    /// <summary>
    /// The monotonic millisecond counter <c>Environment.TickCount64</c> (on the device in nanoFramework.Runtime.Native;
    /// the host build compiles this same file), for <see cref="PlatformClock"/>.
    /// </summary>
    public sealed class TickCountClock : IMonotonicClock
    {
        /// <inheritdoc/>
        public long ElapsedMilliseconds
        {
            get { return Environment.TickCount64; }
        }
    }
}
