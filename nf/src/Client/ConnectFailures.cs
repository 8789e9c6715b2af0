namespace LinkKit.Nano
{
    /// <summary>
    /// Which <see cref="ConnectResult"/> a failed device connect attempt is, from what the MQTT library reported. Kept here,
    /// not in the device adapter, so the rule is tested on every runtime.
    /// </summary>
    internal static class ConnectFailures
    {
        // Winsock codes of failures before TLS can start: network down or unreachable, connect timed out or refused,
        // host unreachable, host not found.
        private static readonly int[] s_beforeTls = { 10050, 10051, 10060, 10061, 10065, 11001 };

        /// <summary>
        /// A socket error while opening the link. Firmware before mid-2026 reports a failed TLS handshake as a socket
        /// error too, so on a TLS link any code that is not a TCP/DNS failure is the handshake.
        /// </summary>
        public static int FromSocketError(int socketErrorCode, bool useTls)
        {
            for (int i = 0; i < s_beforeTls.Length; i++)
            {
                if (s_beforeTls[i] == socketErrorCode) return ConnectResult.NetworkError;
            }
            return useTls ? ConnectResult.TlsFailure : ConnectResult.NetworkError;
        }

        /// <summary>
        /// No CONNACK: the library waited <paramref name="waitLimitMilliseconds"/> for it, or gave up early because the
        /// broker closed the link or the CONNECT could not be sent.
        /// </summary>
        public static int FromMissingConnack(long elapsedMilliseconds, int waitLimitMilliseconds, bool linkClosed)
        {
            // A little slack: the library's clock starts after ours.
            return !linkClosed && elapsedMilliseconds >= waitLimitMilliseconds - 1000 ? ConnectResult.Timeout : ConnectResult.NetworkError;
        }
    }
}
