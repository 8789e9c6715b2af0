namespace LinkKit.Nano
{
    /// <summary>
    /// The client's life cycle (Python's <c>LinkKitState</c>, same numbers). <see cref="Connecting"/> covers every
    /// moment the client is working towards a connection: the first attempt, the back-off waits between attempts and
    /// every reconnect after a connection loss. <see cref="Disconnected"/> means stopped by <see cref="LinkKitClient.Disconnect"/>
    /// (or by a failed dynamic registration): nothing happens until <see cref="LinkKitClient.ConnectAsync"/>.
    /// </summary>
    public enum LinkKitState
    {
        /// <summary>Constructed; <see cref="LinkKitClient.ConnectAsync"/> not called yet.</summary>
        Initialized = 1,

        /// <summary>Connecting, waiting to retry, or reconnecting after a connection loss.</summary>
        Connecting = 2,

        /// <summary>Connected to the broker.</summary>
        Connected = 3,

        /// <summary><see cref="LinkKitClient.Disconnect"/> is closing the connection.</summary>
        Disconnecting = 4,

        /// <summary>Stopped; <see cref="LinkKitClient.ConnectAsync"/> may start again.</summary>
        Disconnected = 5,

        /// <summary><see cref="LinkKitClient.Destruct"/> is tearing the client down.</summary>
        Destructing = 6,

        /// <summary>Torn down for good; every call except <see cref="LinkKitClient.State"/> and <see cref="LinkKitClient.Destruct"/> is refused.</summary>
        Destructed = 7,
    }

    /// <summary>Names of <see cref="LinkKitState"/> values (enum ToString prints the number on nanoFramework).</summary>
    public static class LinkKitStates
    {
        private static readonly string[] s_names =
        {
            "Unknown", "Initialized", "Connecting", "Connected", "Disconnecting", "Disconnected", "Destructing", "Destructed",
        };

        /// <summary>The state's name, e.g. "Connected".</summary>
        public static string GetName(LinkKitState state)
        {
            int i = (int)state;
            return i > 0 && i < s_names.Length ? s_names[i] : s_names[0];
        }
    }
}
