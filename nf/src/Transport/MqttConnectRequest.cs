namespace LinkKit.Nano.Transport
{
    /// <summary>
    /// Everything an <see cref="IMqttTransport"/> needs to open one MQTT connection. The client fills one
    /// instance before every attempt and reuses it; a transport reads it during <see cref="IMqttTransport.Connect"/>
    /// and must not keep it.
    /// </summary>
    public sealed class MqttConnectRequest
    {
        /// <summary>Broker host name or IP address (already resolved from region, instance id or endpoint).</summary>
        public string Host;

        /// <summary>Broker TCP port.</summary>
        public int Port;

        /// <summary>True for TLS; the server must then present a chain ending in one of <see cref="CaCertificatesPem"/>.</summary>
        public bool UseTls;

        /// <summary>The trusted root certificates as PEM (one or more certificates); used only with TLS.</summary>
        public string CaCertificatesPem;

        /// <summary>MQTT client identifier.</summary>
        public string ClientId;

        /// <summary>MQTT user name.</summary>
        public string Username;

        /// <summary>MQTT password. A secret: a transport must never log it.</summary>
        public string Password;

        /// <summary>Keep-alive period in seconds.</summary>
        public int KeepAliveSeconds;

        /// <summary>The CONNECT clean-session flag.</summary>
        public bool CleanSession;

        /// <summary>MQTT protocol level.</summary>
        public MqttProtocol Protocol;

        /// <summary>Fills every field for one connection attempt (the instance is reused, so nothing stale survives).</summary>
        public void Set(string host, int port, bool useTls, string caCertificatesPem, MqttCredentials credentials,
            int keepAliveSeconds, bool cleanSession, MqttProtocol protocol)
        {
            Host = host;
            Port = port;
            UseTls = useTls;
            CaCertificatesPem = caCertificatesPem;
            ClientId = credentials.ClientId;
            Username = credentials.Username;
            Password = credentials.Password;
            KeepAliveSeconds = keepAliveSeconds;
            CleanSession = cleanSession;
            Protocol = protocol;
        }
    }
}
