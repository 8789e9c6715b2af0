namespace LinkKit.Nano
{
    /// <summary>
    /// Where the SDK's log lines go once <see cref="LinkKitClient.EnableLogger"/> is called. Called from the SDK's
    /// threads; must not throw. Messages never contain a secret or a password. On hot paths (publish, receive)
    /// they are constant strings, so a sink that does not allocate keeps the steady state allocation-free.
    /// </summary>
    public interface ILogSink
    {
        /// <summary>Writes one line.</summary>
        void Write(LogLevel level, string message);
    }
}
