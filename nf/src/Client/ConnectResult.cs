namespace LinkKit.Nano
{
    /// <summary>
    /// The result of one connection attempt, as reported by <see cref="LinkKitClient.ConnectCompleted"/> and
    /// returned by <see cref="Transport.IMqttTransport.Connect"/>. 0-5 are the MQTT 3.1.1 CONNACK return codes;
    /// 6-9 are the Python SDK's <c>on_connect</c> codes for attempts that got no CONNACK.
    /// </summary>
    public static class ConnectResult
    {
        /// <summary>CONNACK 0: connected.</summary>
        public const int Accepted = 0;

        /// <summary>CONNACK 1: the broker does not speak the requested protocol level.</summary>
        public const int UnacceptableProtocolVersion = 1;

        /// <summary>CONNACK 2: the client identifier was rejected.</summary>
        public const int IdentifierRejected = 2;

        /// <summary>CONNACK 3: the MQTT service is unavailable.</summary>
        public const int ServerUnavailable = 3;

        /// <summary>CONNACK 4: bad user name or password (wrong device secret, product key or device name).</summary>
        public const int BadUsernameOrPassword = 4;

        /// <summary>CONNACK 5: not authorised (e.g. the device is disabled).</summary>
        public const int NotAuthorized = 5;

        /// <summary>The TLS handshake failed, e.g. the server's certificate is not signed by a trusted root.</summary>
        public const int TlsFailure = 6;

        /// <summary>The transport rejected the connection parameters.</summary>
        public const int InvalidParameter = 7;

        /// <summary>No CONNACK arrived in time.</summary>
        public const int Timeout = 8;

        /// <summary>DNS, socket or I/O failure: the broker could not be reached.</summary>
        public const int NetworkError = 9;

        /// <summary>Dynamic registration ("one type, one secret") failed; the client stops and does not retry.</summary>
        public const int RegistrationFailed = 10;

        private static readonly string[] s_names =
        {
            "Accepted", "UnacceptableProtocolVersion", "IdentifierRejected", "ServerUnavailable",
            "BadUsernameOrPassword", "NotAuthorized", "TlsFailure", "InvalidParameter", "Timeout",
            "NetworkError", "RegistrationFailed",
        };

        /// <summary>The constant's name, or "Unknown" (nanoFramework prints enums and constants as numbers).</summary>
        public static string GetName(int result)
        {
            return result >= 0 && result < s_names.Length ? s_names[result] : "Unknown";
        }
    }
}
