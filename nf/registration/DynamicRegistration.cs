using System;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Transport;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// Handles <see cref="DynamicRegistration.DeviceRegistered"/> (Python's <c>on_device_dynamic_register(rc, value)</c>
    /// and <c>on_device_dynamic_register_nwl_reply(rc, client_id, username, password)</c> in one).
    /// </summary>
    /// <param name="sender">The client that registered.</param>
    /// <param name="result"><see cref="ErrorCode.Ok"/>: registered and saved. A storage error
    /// (<see cref="ErrorCode.StorageFailed"/>, <see cref="ErrorCode.StorageVerifyFailed"/>, …): registered but not saved;
    /// the client connects with it anyway and the save is retried on the next connect. Otherwise the registration's
    /// error (e.g. <see cref="ErrorCode.RegistrationRefused"/>, <see cref="ErrorCode.RegistrationConnectFailed"/>,
    /// <see cref="ErrorCode.RegistrationTimeout"/>) and <paramref name="identity"/> is null.</param>
    /// <param name="identity">What was obtained: <see cref="SecretRecord.DeviceSecret"/> (HTTPS, <c>register</c>) or
    /// <see cref="SecretRecord.ClientId"/>/<see cref="SecretRecord.Username"/>/<see cref="SecretRecord.DeviceToken"/>
    /// (<c>regnwl</c>); see <see cref="SecretRecord.Kind"/>. Lent for the call, and SENSITIVE: never log or send it.</param>
    public delegate void DeviceRegisteredHandler(LinkKitClient sender, int result, SecretRecord identity);

    /// <summary>
    /// "One type, one secret" for <see cref="LinkKitClient"/>: the <see cref="IDynamicRegistration"/> that gives the
    /// client its identity from a <see cref="SecretStore"/>, registering with the platform only when the store is
    /// empty, and saving what it obtained before anything else happens (<see cref="DeviceProvisioning"/>'s contract).
    /// <code>
    /// var store = new SecretStore(new FileSecretSlots());
    /// var registration = DynamicRegistration.OverHttps(store, new SslStreamConnector());
    /// registration.DeviceRegistered += OnRegistered;
    /// var client = new LinkKitClient(transport, "cn-shanghai", productKey, deviceName, productSecret, registration, options);
    /// client.ConnectAsync();
    /// </code>
    /// </summary>
    /// <remarks>
    /// <para>On the client's connection thread, before its first CONNECT: load the store — a stored identity is used
    /// as it is and nothing is registered, ever (the platform refuses a second registration, 6289); an unreadable store
    /// is reported, not taken as empty. Otherwise register once through the channel, save, raise
    /// <see cref="DeviceRegistered"/>, and hand the client the device secret (it then signs its CONNECT with it) or
    /// the connwl credentials (sent verbatim). A failure ends the client's connect with
    /// <see cref="ConnectResult.RegistrationFailed"/>; the next <see cref="LinkKitClient.ConnectAsync"/> tries again.</para>
    /// <para>The channels made by <see cref="OverHttps(SecretStore, ITlsConnector)"/> and
    /// <see cref="OverMqtt(SecretStore, IMqttTransport, bool)"/> are built from the client (product key, device name,
    /// product secret, endpoint, TLS settings, <see cref="LinkKitOptions.Random"/> and <see cref="LinkKitOptions.Clock"/>)
    /// on the first registration only, so a device with a stored identity never allocates them.</para>
    /// <para>An MQTT registration holds the client's connection thread for up to its reply timeout, so a
    /// <see cref="LinkKitClient.Disconnect"/> or <see cref="LinkKitClient.Destruct"/> meanwhile returns only after it.</para>
    /// <para>One instance per device identity; use it from the client's connection thread (the client does).</para>
    /// </remarks>
    public sealed class DynamicRegistration : IDynamicRegistration
    {
        private const int ModeChannel = 0;
        private const int ModeHttps = 1;
        private const int ModeMqtt = 2;

        private readonly DeviceProvisioning _provisioning;
        private readonly int _mode;
        private readonly ITlsConnector _connector;
        private readonly string _httpsHost;
        private readonly int _httpsPort;
        private readonly string _httpsCaPem;
        private readonly IMqttTransport _transport;
        private readonly bool _whitelistFree;
        private readonly int _replyTimeout;

        private IRegistrationChannel _channel; // built on the first registration in the Over* modes
        private RegistrationReply _reply;
        private LinkKitClient _client;         // the client being served, during Register
        private string _productSecret;         // likewise
        private bool _registered;              // DeviceRegistered fired during this Register

        /// <summary>Registration through a channel the application built (its own identity and product secret; the
        /// product secret the client passes is then not used), e.g. an emulator's or a test's channel.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public DynamicRegistration(SecretStore store, IRegistrationChannel channel)
            : this(store, ModeChannel, channel, null, null, 0, null, null, false, 0)
        {
            if (channel == null) throw new ArgumentNullException("channel");
        }

        private DynamicRegistration(SecretStore store, int mode, IRegistrationChannel channel, ITlsConnector connector, string host,
            int port, string caPem, IMqttTransport transport, bool whitelistFree, int replyTimeout)
        {
            if (store == null) throw new ArgumentNullException("store");
            _mode = mode;
            _channel = channel;
            _connector = connector;
            _httpsHost = host;
            _httpsPort = port;
            _httpsCaPem = caPem;
            _transport = transport;
            _whitelistFree = whitelistFree;
            _replyTimeout = replyTimeout;
            _provisioning = new DeviceProvisioning(store, new DeferredChannel(this));
            _provisioning.RegistrationCompleted += OnRegistrationCompleted;
        }

        /// <summary>
        /// HTTPS registration (docs/protocol.md, Dynamic registration / Over HTTPS; Python's default with a product secret): POST to
        /// <c>iot-auth.{region}.aliyuncs.com:443</c> (region = the client's host name), trusting the client's
        /// <see cref="LinkKitClient.CaCertificates"/> (the Aliyun roots by default). Returns a device secret.
        /// </summary>
        /// <param name="connector">Opens the TLS connection (<c>SslStreamConnector</c> on the device and the host).</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static DynamicRegistration OverHttps(SecretStore store, ITlsConnector connector)
        {
            return OverHttps(store, connector, null, HttpsRegistration.DefaultPort, null);
        }

        /// <summary>HTTPS registration at another server (an emulator): <paramref name="host"/>:<paramref name="port"/>,
        /// trusting <paramref name="caPem"/>. Null <paramref name="host"/> or <paramref name="caPem"/> keep the defaults
        /// of <see cref="OverHttps(SecretStore, ITlsConnector)"/>. The server is always TLS; an emulator speaking plain
        /// HTTP needs an <see cref="ITlsConnector"/> that opens plain sockets.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="connector"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="host"/> is empty.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 1-65535.</exception>
        public static DynamicRegistration OverHttps(SecretStore store, ITlsConnector connector, string host, int port, string caPem)
        {
            if (connector == null) throw new ArgumentNullException("connector");
            if (host != null && host.Length == 0) throw new ArgumentException("empty", "host");
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException("port");
            return new DynamicRegistration(store, ModeHttps, null, connector, host, port, caPem, null, false, 0);
        }

        /// <summary>
        /// MQTT registration (docs/protocol.md, Dynamic registration / Over MQTT; Python's <c>auth_type="register"</c> / <c>"regnwl"</c>) at
        /// the client's endpoint, port and TLS settings, waiting up to
        /// <see cref="MqttRegistration.DefaultReplyTimeoutMilliseconds"/> for the platform's push. The platform takes it
        /// over TLS only; plain TCP (<see cref="LinkKitOptions.UseTls"/> false) is for local emulators.
        /// </summary>
        /// <param name="transport">The transport to register over; usually the client's own (registration is over
        /// before the client's first CONNECT).</param>
        /// <param name="whitelistFree">False (<c>register</c>): the device is pre-registered and gets a device secret.
        /// True (<c>regnwl</c>): no pre-registration; gets connwl credentials (cn-shanghai; purchased instances need
        /// <see cref="LinkKitOptions.InstanceId"/>).</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public static DynamicRegistration OverMqtt(SecretStore store, IMqttTransport transport, bool whitelistFree)
        {
            return OverMqtt(store, transport, whitelistFree, MqttRegistration.DefaultReplyTimeoutMilliseconds);
        }

        /// <summary>As <see cref="OverMqtt(SecretStore, IMqttTransport, bool)"/> with another wait for the push.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="replyTimeoutMilliseconds"/> is not positive.</exception>
        public static DynamicRegistration OverMqtt(SecretStore store, IMqttTransport transport, bool whitelistFree, int replyTimeoutMilliseconds)
        {
            if (transport == null) throw new ArgumentNullException("transport");
            if (replyTimeoutMilliseconds <= 0) throw new ArgumentOutOfRangeException("replyTimeoutMilliseconds");
            return new DynamicRegistration(store, ModeMqtt, null, null, null, 0, null, transport, whitelistFree, replyTimeoutMilliseconds);
        }

        /// <summary>
        /// Raised on the client's connection thread after each registration attempt — never when the identity came
        /// from the store — once the obtained identity is saved (or its save failed), before the client connects with
        /// it. An exception from the handler is caught, logged and counted in <see cref="LinkKitClient.HandlerExceptionCount"/>.
        /// </summary>
        public event DeviceRegisteredHandler DeviceRegistered;

        /// <summary>The store-and-register logic underneath: <see cref="DeviceProvisioning.Identity"/>,
        /// <see cref="DeviceProvisioning.IsSavePending"/>, <see cref="DeviceProvisioning.RetrySave"/>. Its
        /// <see cref="DeviceProvisioning.Provision"/> registers only when called by the client (or with an application
        /// channel); called directly when registration is due, the Over* channels throw InvalidOperationException.</summary>
        public DeviceProvisioning Provisioning
        {
            get { return _provisioning; }
        }

        /// <summary>
        /// The last registration's reply for the channels made by <see cref="OverHttps(SecretStore, ITlsConnector)"/>
        /// and <see cref="OverMqtt(SecretStore, IMqttTransport, bool)"/>: HTTP status, the platform's refusal
        /// <see cref="RegistrationReply.Code"/> (e.g. 6288 not enabled, 6289 already activated) and message. Null before
        /// the first registration and with an application channel. Holds no credential once registration succeeded.
        /// </summary>
        public RegistrationReply Reply
        {
            get { return _reply; }
        }

        /// <summary><see cref="IDynamicRegistration"/>: the stored identity, or a registered one (see the class remarks).</summary>
        /// <returns><see cref="ErrorCode.Ok"/> with one output set (also when a registered identity could not be saved:
        /// it is used from memory); a storage error when the store could not be read; <see cref="ErrorCode.IdentityMismatch"/>
        /// when the store holds another device's identity (erase the store to provision again); or the registration's error.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="productSecret"/> is null.</exception>
        public int Register(LinkKitClient client, string productSecret, out string deviceSecret, out MqttCredentials credentials)
        {
            if (client == null) throw new ArgumentNullException("client");
            if (productSecret == null) throw new ArgumentNullException("productSecret");
            deviceSecret = null;
            credentials = null;

            int rc;
            _client = client;
            _productSecret = productSecret;
            _registered = false;
            try
            {
                rc = _provisioning.Provision();
            }
            finally
            {
                _client = null;
                _productSecret = null;
            }

            if (!_provisioning.HasIdentity) return rc; // unreadable store, or the registration failed (already reported)

            SecretRecord identity = _provisioning.Identity;
            if (identity.ProductKey != client.ProductKey || identity.DeviceName != client.DeviceName)
            {
                client.Log(LogLevel.Error, "the stored identity belongs to another device");
                return ErrorCode.IdentityMismatch;
            }

            if (!_registered)
            {
                client.Log(LogLevel.Info, "identity loaded from the store");
            }
            else if (rc == ErrorCode.Ok)
            {
                client.Log(LogLevel.Info, "device registered; identity saved");
            }
            else if (client.IsLogging(LogLevel.Warning))
            {
                client.Log(LogLevel.Warning, "device registered; saving the identity failed (" + rc + "), using it from memory");
            }

            if (identity.Kind == SecretKind.DeviceSecret)
            {
                deviceSecret = identity.DeviceSecret;
            }
            else
            {
                credentials = new MqttCredentials(identity.ClientId, identity.Username, identity.DeviceToken);
            }

            return ErrorCode.Ok;
        }

        // DeviceProvisioning calls this when it really has to register: build the channel from the client once.
        private int RegisterThroughChannel(SecretRecord record)
        {
            if (_channel == null)
            {
                // Provisioning.Provision() called directly, with no client to take identity and settings from.
                if (_client == null) throw new InvalidOperationException("this registration runs through a LinkKitClient");
                _channel = CreateChannel(_client, _productSecret);
            }

            return _channel.Register(record);
        }

        private IRegistrationChannel CreateChannel(LinkKitClient client, string productSecret)
        {
            RegistrationSigner signer = new RegistrationSigner(client.ProductKey, client.DeviceName, productSecret);
            if (_mode == ModeHttps)
            {
                string caPem = _httpsCaPem != null ? _httpsCaPem : client.CaCertificates != null ? client.CaCertificates : AliyunRootCertificates.Pem;
                string host = _httpsHost != null ? _httpsHost : HttpsRegistrationRequest.GetRegionHost(client.HostName);
                HttpsRegistration https = new HttpsRegistration(_connector, client.Random, signer, host, _httpsPort, caPem);
                _reply = https.Reply;
                return https;
            }

            MqttRegistration mqtt = new MqttRegistration(_transport, signer, _whitelistFree, client.Endpoint, client.Port,
                client.UseTls, client.CaCertificates, client.Random, client.Clock);
            mqtt.InstanceId = client.InstanceId;
            mqtt.ReplyTimeoutMilliseconds = _replyTimeout;
            _reply = mqtt.Reply;
            return mqtt;
        }

        private void OnRegistrationCompleted(DeviceProvisioning sender, int result, SecretRecord identity)
        {
            LinkKitClient client = _client;
            _registered = identity != null;
            DeviceRegisteredHandler handler = DeviceRegistered;
            if (handler == null || client == null) return;
            try
            {
                handler(client, result, identity);
            }
            catch (Exception)
            {
                client.HandlerThrew();
            }
        }

        /// <summary>The channel <see cref="DeviceProvisioning"/> holds: the application's, or one built on first use.</summary>
        private sealed class DeferredChannel : IRegistrationChannel
        {
            private readonly DynamicRegistration _owner;

            public DeferredChannel(DynamicRegistration owner)
            {
                _owner = owner;
            }

            public int Register(SecretRecord record)
            {
                return _owner.RegisterThroughChannel(record);
            }
        }
    }
}
