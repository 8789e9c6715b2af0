namespace LinkKit.Nano
{
    /// <summary>
    /// A clock that keeps milliseconds, for what the SDK stamps to the millisecond (the device log's <c>utcTime</c>).
    /// <see cref="SystemClock"/> and <see cref="PlatformClock"/> are ones; with any other <see cref="IClock"/> the SDK
    /// uses its whole seconds.
    /// </summary>
    public interface IMillisecondClock
    {
        /// <summary>Milliseconds since 1970-01-01 UTC.</summary>
        long UnixTimeMilliseconds();
    }
}
