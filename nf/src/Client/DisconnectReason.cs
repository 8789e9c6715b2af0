namespace LinkKit.Nano
{
    /// <summary>Why <see cref="LinkKitClient.Disconnected"/> was raised (the Python rc values).</summary>
    public static class DisconnectReason
    {
        /// <summary>The application called Disconnect or Destruct.</summary>
        public const int Requested = 0;

        /// <summary>The connection was lost; the client reconnects on its own.</summary>
        public const int ConnectionLost = 1;

        /// <summary>The cloud's bootstrap notice: the client closed the connection to resolve its endpoint again, and reconnects on its own.</summary>
        public const int Redirected = 2;

        /// <summary>The constant's name, or "Unknown".</summary>
        public static string GetName(int reason)
        {
            return reason == Requested ? "Requested" : reason == ConnectionLost ? "ConnectionLost" : reason == Redirected ? "Redirected" : "Unknown";
        }
    }
}
