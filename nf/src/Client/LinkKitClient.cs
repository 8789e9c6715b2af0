using System;
using LinkKit.Nano.Client;
using LinkKit.Nano.Transport;

namespace LinkKit.Nano
{
    /// <summary>
    /// A device's connection to Alibaba Cloud IoT Platform (Python's <c>LinkKit</c>): connects and reconnects on its
    /// own thread, replays subscriptions after every reconnect, publishes and receives custom-topic messages without
    /// allocating. Events run on the SDK's threads; a handler that throws is logged and counted, never fatal.
    /// </summary>
    /// <remarks>
    /// Thread-safe. Buffers are allocated here, sized by <see cref="LinkKitOptions"/>; credentials are built at
    /// connect time. After <see cref="ConnectAsync"/> and a connection, Publish and message delivery allocate nothing.
    /// </remarks>
    public sealed partial class LinkKitClient : IDisposable
    {
        private readonly MqttSession _session;
        private readonly string _hostName;
        private readonly string _productKey;
        private readonly string _deviceName;
        private readonly string _instanceId;

        // Options the thing layer takes at ThingSetup, copied at construction so later changes to the options object
        // do not reach a running client.
        private readonly int _maxQueued;
        private readonly int _requestTimeoutMilliseconds;
        private readonly int _rrpcCapacity;
        private readonly int _owedReplyCapacity;
        private readonly int _offlineQueueBytes;
        private readonly OfflineOverflow _offlineOverflow;
        private readonly Storage.OfflineJournalStorage _offlineJournal;
        private readonly int _shadowCacheCapacity;
        private readonly bool _subscribeThingTopics;
        private readonly IClock _clock;
        private readonly IRandomSource _random;

        /// <summary>Connects with a device secret ("one device, one secret"), signed per <see cref="LinkKitOptions.SignMethod"/>.</summary>
        /// <param name="transport">The MQTT transport (M2MqttTransport on the device).</param>
        /// <param name="hostName">Region id such as "cn-shanghai", or "127.0.0.1"/"localhost" for a local broker (Python's <c>host_name</c>).</param>
        /// <param name="productKey">The product key.</param>
        /// <param name="deviceName">The device name.</param>
        /// <param name="deviceSecret">The device secret.</param>
        /// <param name="options">Settings, or null for the defaults.</param>
        /// <exception cref="ArgumentNullException">A required argument is null.</exception>
        /// <exception cref="ArgumentException">An argument is empty or an option is invalid (the message names the valid range).</exception>
        public LinkKitClient(IMqttTransport transport, string hostName, string productKey, string deviceName, string deviceSecret, LinkKitOptions options)
            : this(transport, hostName, productKey, deviceName, CheckText(deviceSecret, "deviceSecret"), null, null, null, options)
        {
        }

        /// <summary>Connects with ready-made credentials sent verbatim (Python's client_id/username/password, e.g. after a whitelist-free registration).</summary>
        public LinkKitClient(IMqttTransport transport, string hostName, string productKey, string deviceName, MqttCredentials credentials, LinkKitOptions options)
            : this(transport, hostName, productKey, deviceName, null, (MqttCredentials)CheckNotNull(credentials, "credentials"), null, null, options)
        {
        }

        /// <summary>
        /// Registers dynamically with a product secret ("one type, one secret") on the first connect, through
        /// <paramref name="registration"/>, then connects with what it obtained. See <see cref="IDynamicRegistration"/>.
        /// </summary>
        public LinkKitClient(IMqttTransport transport, string hostName, string productKey, string deviceName, string productSecret, IDynamicRegistration registration, LinkKitOptions options)
            : this(transport, hostName, productKey, deviceName, null, null, CheckText(productSecret, "productSecret"), (IDynamicRegistration)CheckNotNull(registration, "registration"), options)
        {
        }

        private LinkKitClient(IMqttTransport transport, string hostName, string productKey, string deviceName, string deviceSecret, MqttCredentials readyMade, string productSecret, IDynamicRegistration registration, LinkKitOptions options)
        {
            if (transport == null) throw new ArgumentNullException("transport");
            CheckText(hostName, "hostName");
            CheckText(productKey, "productKey");
            CheckText(deviceName, "deviceName");
            if (options == null) options = new LinkKitOptions();
            options.Validate();

            _hostName = hostName;
            _productKey = productKey;
            _deviceName = deviceName;
            _instanceId = options.InstanceId;
            _maxQueued = options.MaxQueuedMessages;
            _requestTimeoutMilliseconds = options.RequestTimeoutMilliseconds;
            _rrpcCapacity = options.RrpcCapacity;
            _owedReplyCapacity = options.OwedReplyCapacity;
            _offlineQueueBytes = options.OfflineQueueBytes;
            _offlineOverflow = options.OfflineOverflow;
            _offlineJournal = options.OfflineJournal;
            _shadowCacheCapacity = options.ShadowCacheCapacity;
            _subscribeThingTopics = options.SubscribeThingTopics;
            _clock = options.Clock;
            _random = options.Random;
            DeviceCredentials credentials = new DeviceCredentials(productKey, deviceName, deviceSecret, readyMade, productSecret, registration, options);
            string endpoint = MqttEndpoint.Resolve(hostName, productKey, options.InstanceId, options.Endpoint);
            _session = new MqttSession(this, transport, credentials, endpoint, options);
        }

        /// <summary>The region id or local host given to the constructor (Python's <c>host_name</c>).</summary>
        public string HostName { get { return _hostName; } }

        /// <summary>The product key (Python's <c>get_product()</c>).</summary>
        public string ProductKey { get { return _productKey; } }

        /// <summary>The device name (Python's <c>get_device_name()</c>).</summary>
        public string DeviceName { get { return _deviceName; } }

        /// <summary>The enterprise instance id, or null.</summary>
        public string InstanceId { get { return _instanceId; } }

        /// <summary>The MQTT host actually used (Python's <c>get_actual_endpoint()</c>, rules in <see cref="MqttEndpoint.Resolve"/>).</summary>
        public string Endpoint { get { return _session.Endpoint; } }

        /// <summary>The broker port.</summary>
        public int Port { get { return _session.Port; } }

        /// <summary>True when connecting over TLS.</summary>
        public bool UseTls { get { return _session.UseTls; } }

        /// <summary>The trusted root certificates (PEM).</summary>
        public string CaCertificates { get { return _session.CaCertificates; } }

        /// <summary>Capacity of the pending Alink request table (<see cref="LinkKitOptions.MaxQueuedMessages"/>).</summary>
        public int MaxQueuedMessages { get { return _maxQueued; } }

        /// <summary>The largest payload Publish accepts (<see cref="LinkKitOptions.PayloadBufferCapacity"/>).</summary>
        public int PayloadBufferCapacity { get { return _session.PayloadCapacity; } }

        /// <summary>The options' store-and-forward journal (null: RAM only), which the thing layer opens at ThingSetup.</summary>
        internal Storage.OfflineJournalStorage OfflineJournal { get { return _offlineJournal; } }

        /// <summary>The options' clock, for dynamic registration's reply wait.</summary>
        internal IClock Clock { get { return _clock; } }

        /// <summary>The options' random source, for dynamic registration's nonce.</summary>
        internal IRandomSource Random { get { return _random; } }

        /// <summary>The current state (Python's <c>check_state()</c>). Allowed in every state.</summary>
        public LinkKitState State
        {
            get { return _session.State; }
        }

        /// <summary>How many times an application event handler threw (each was caught and logged).</summary>
        public int HandlerExceptionCount { get { return _handlerExceptions; } }

        /// <summary>"/{productKey}/{deviceName}/{suffix}" (Python's <c>to_full_topic</c>); allocates. Allowed in every state.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="suffix"/> is null.</exception>
        public string ToFullTopic(string suffix)
        {
            if (suffix == null) throw new ArgumentNullException("suffix");
            return "/" + _productKey + "/" + _deviceName + "/" + suffix;
        }

        /// <summary>Same as <see cref="Destruct"/>.</summary>
        public void Dispose()
        {
            Destruct();
        }

        private static string CheckText(string value, string name)
        {
            if (value == null) throw new ArgumentNullException(name);
            if (value.Length == 0) throw new ArgumentException(name + " must not be empty.", name);
            return value;
        }

        private static object CheckNotNull(object value, string name)
        {
            if (value == null) throw new ArgumentNullException(name);
            return value;
        }
    }
}
