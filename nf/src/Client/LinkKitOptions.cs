using System;

namespace LinkKit.Nano
{
    /// <summary>
    /// Connection settings (Python's <c>config_mqtt</c>, <c>config_device_info</c> and the constructor's
    /// <c>instance_id</c>). Set the properties, then pass the object to a <see cref="LinkKitClient"/> constructor,
    /// which validates every value and copies them: later changes do not affect that client.
    /// </summary>
    public sealed class LinkKitOptions
    {
        /// <summary>Longest <see cref="DeviceInfo"/> the platform accepts (Python's limit).</summary>
        public const int MaxDeviceInfoLength = 160;

        /// <summary>Broker port; default 8883 (1-65535).</summary>
        public int Port { get; set; } = 8883;

        /// <summary>MQTT protocol level; default <see cref="MqttProtocol.Mqtt311"/>.</summary>
        public MqttProtocol Protocol { get; set; } = MqttProtocol.Mqtt311;

        /// <summary>TLS on (default) or plain TCP (Python's <c>secure="TLS"</c> / <c>secure=""</c>). Also selects securemode 2 / 3 in the client id.</summary>
        public bool UseTls { get; set; } = true;

        /// <summary>Trusted root certificates as PEM (Python's <c>cadata</c>); default <see cref="AliyunRootCertificates.Pem"/>. Required with TLS.</summary>
        public string CaCertificates { get; set; } = AliyunRootCertificates.Pem;

        /// <summary>MQTT keep-alive in seconds; default 60 (30-1200).</summary>
        public int KeepAliveSeconds { get; set; } = 60;

        /// <summary>The CONNECT clean-session flag; default true.</summary>
        public bool CleanSession { get; set; } = true;

        /// <summary>QoS 1 publishes that may await their PUBACK at once; default 20 (1-1000). Beyond it Publish returns <see cref="ErrorCode.InflightFull"/>.</summary>
        public int MaxInflightMessages { get; set; } = 20;

        /// <summary>Capacity of the table of Alink requests awaiting their reply (Python's <c>max_queued_message</c> also caps those); default 40 (1-1000).</summary>
        public int MaxQueuedMessages { get; set; } = 40;

        /// <summary>Shortest wait before a reconnect, seconds; default 1 (1-7200, at most <see cref="ReconnectMaxSeconds"/>).</summary>
        public int ReconnectMinSeconds { get; set; } = 1;

        /// <summary>Longest wait before a reconnect, seconds; default 60 (1-7200). No wait exceeds it.</summary>
        public int ReconnectMaxSeconds { get; set; } = 60;

        /// <summary>Bytes for the outgoing topic buffer; default 256 (64-4096). A longer UTF-8 topic gives <see cref="ErrorCode.TopicTooLong"/>.</summary>
        public int TopicBufferCapacity { get; set; } = 256;

        /// <summary>Largest payload in bytes; default 2048 (64-262144, the platform's 256 KB message limit). A larger one gives <see cref="ErrorCode.PayloadTooLarge"/>.</summary>
        public int PayloadBufferCapacity { get; set; } = 2048;

        /// <summary>How many subscription filters the client remembers and replays after a reconnect; default 16 (1-256).</summary>
        public int SubscriptionCapacity { get; set; } = 16;

        /// <summary>
        /// How long a thing-model request (property post, event post, tags) waits for its reply before its handler is
        /// told <see cref="ErrorCode.RequestTimedOut"/>, milliseconds; default 10000 (1000-600000). Also how long an
        /// unanswered RRPC or synchronous service call is remembered. Measured with <see cref="Clock"/> in whole
        /// seconds, so a timeout is reported up to one second late.
        /// </summary>
        public int RequestTimeoutMilliseconds { get; set; } = 10000;

        /// <summary>How many RRPC requests and synchronous service calls may await the application's answer at once; default 8 (1-256). When full, the oldest is forgotten.</summary>
        public int RrpcCapacity { get; set; } = 8;

        /// <summary>
        /// How many property-set replies may wait for a QoS 1 window slot or for the connection; default 64 (1-4096,
        /// 12 bytes each). A reply the device owes is never dropped because the window is full; one beyond this
        /// queue is dropped and counted in <see cref="LinkKitClient.DroppedReplyCount"/>.
        /// </summary>
        public int OwedReplyCapacity { get; set; } = 64;

        /// <summary>
        /// Store-and-forward: bytes of the queue that keeps property posts, event posts and raw data up while the
        /// client is not connected, and sends them in order once it is; default 0, off (0, or 256-1048576). When on,
        /// every post goes through the queue and carries the time it was taken (<see cref="Clock"/>, Unix ms): each
        /// property as <c>{"value":…,"time":…}</c>, an event as <c>{"value":{…},"time":…}</c>. A kept post costs its
        /// payload plus 22 bytes. The post's End… call returns Ok and its request id when the post is kept.
        /// </summary>
        public int OfflineQueueBytes { get; set; }

        /// <summary>
        /// Makes the store-and-forward queue durable; default null, RAM only (a reboot loses what it held). When set,
        /// a post's End… call returns Ok only once the post is on flash (two journal files, each record with its own
        /// CRC-32, and a two-slot marker: README, "Durable store-and-forward"), and ThingSetup reads the posts not yet
        /// done back into the queue, in order, to be sent with their original bytes once connected; new request ids
        /// follow theirs. A post the journal cannot store is not kept: End… returns <see cref="ErrorCode.StorageFailed"/>.
        /// At least once: a restart may send again posts done since the marker last advanced (every 16 posts done).
        /// On the device: <c>OfflineJournalFiles.OnDevice()</c>. Needs <see cref="OfflineQueueBytes"/>, and free flash
        /// for about twice it (three times during a compaction). One flash write per post, plus about one in ten.
        /// </summary>
        public Storage.OfflineJournalStorage OfflineJournal { get; set; }

        /// <summary>What a full store-and-forward queue does with a new post; default <see cref="OfflineOverflow.DropOldest"/>.</summary>
        public OfflineOverflow OfflineOverflow { get; set; } = OfflineOverflow.DropOldest;

        /// <summary>Bytes kept for the latest shadow state and metadata (<see cref="LinkKitClient.LatestShadow"/>); default 1024 (0-65536).</summary>
        public int ShadowCacheCapacity { get; set; } = 1024;

        /// <summary>
        /// Whether the client subscribes the thing-model downlinks itself on every connection (property set, replies,
        /// services, raw data, shadow, RRPC). Default false: Alibaba's broker subscribes them for the device (the
        /// <c>_ss=1</c> client-id flag). Set it for a plain MQTT broker or an emulator.
        /// </summary>
        public bool SubscribeThingTopics { get; set; }

        /// <summary>
        /// Network interface information sent in the client id as <c>sii=...</c> (Python's <c>config_device_info</c>),
        /// e.g. "Eth-03ACDEFF0032"; null or empty for none. At most 160 characters, and no '|', ',' or '=': those would
        /// break the client id's option block (Python inserts them raw, quirk 12 in docs/protocol.md, Python SDK quirks).
        /// </summary>
        public string DeviceInfo { get; set; }

        /// <summary>How the password is signed in device-secret mode; default <see cref="SignMethod.HmacSha256"/> (fixed timestamp, no clock needed).</summary>
        public SignMethod SignMethod { get; set; } = SignMethod.HmacSha256;

        /// <summary>Instance id of an enterprise instance: the host becomes "{InstanceId}.mqtt.iothub.aliyuncs.com". Null for the public instance.</summary>
        public string InstanceId { get; set; }

        /// <summary>An explicit MQTT host name that overrides region and instance id (Python's <c>config_mqtt(endpoint=...)</c>).</summary>
        public string Endpoint { get; set; }

        /// <summary>Time source for signing, back-off waits and the MQTT dynamic-registration reply wait; default <see cref="SystemClock"/>. Replace in tests.</summary>
        public IClock Clock { get; set; } = new SystemClock();

        /// <summary>Random source for the reconnect jitter and the dynamic-registration nonce; default <see cref="SystemRandomSource"/>. Replace in tests.</summary>
        public IRandomSource Random { get; set; } = new SystemRandomSource();

        /// <summary>
        /// Where the client finds its endpoint again after the cloud's bootstrap notice (<see cref="LinkKitClient.BootstrapNotified"/>),
        /// e.g. <c>HttpsBootstrap</c>; default null: it reconnects to the same endpoint.
        /// </summary>
        public IEndpointResolver EndpointResolver { get; set; }

        /// <summary>Throws for the first invalid value, naming the valid range.</summary>
        internal void Validate()
        {
            CheckRange("Port", Port, 1, 65535);
            if (Protocol != MqttProtocol.Mqtt31 && Protocol != MqttProtocol.Mqtt311)
            {
                throw new ArgumentOutOfRangeException("Protocol", "Protocol must be Mqtt311 or Mqtt31.");
            }

            if (UseTls && (CaCertificates == null || CaCertificates.IndexOf("-----BEGIN CERTIFICATE-----") < 0))
            {
                throw new ArgumentException("CaCertificates must hold at least one PEM certificate when UseTls is true.", "CaCertificates");
            }

            CheckRange("KeepAliveSeconds", KeepAliveSeconds, 30, 1200);
            CheckRange("MaxInflightMessages", MaxInflightMessages, 1, 1000);
            CheckRange("MaxQueuedMessages", MaxQueuedMessages, 1, 1000);
            CheckRange("ReconnectMinSeconds", ReconnectMinSeconds, 1, 7200);
            CheckRange("ReconnectMaxSeconds", ReconnectMaxSeconds, 1, 7200);
            if (ReconnectMinSeconds > ReconnectMaxSeconds)
            {
                throw new ArgumentOutOfRangeException("ReconnectMinSeconds", "ReconnectMinSeconds (" + ReconnectMinSeconds
                    + ") must not exceed ReconnectMaxSeconds (" + ReconnectMaxSeconds + ").");
            }

            CheckRange("TopicBufferCapacity", TopicBufferCapacity, 64, 4096);
            CheckRange("PayloadBufferCapacity", PayloadBufferCapacity, 64, 262144);
            CheckRange("SubscriptionCapacity", SubscriptionCapacity, 1, 256);
            CheckRange("RequestTimeoutMilliseconds", RequestTimeoutMilliseconds, 1000, 600000);
            CheckRange("RrpcCapacity", RrpcCapacity, 1, 256);
            CheckRange("OwedReplyCapacity", OwedReplyCapacity, 1, 4096);
            if (OfflineQueueBytes != 0) CheckRange("OfflineQueueBytes", OfflineQueueBytes, 256, 1048576);
            if (OfflineOverflow != OfflineOverflow.DropOldest && OfflineOverflow != OfflineOverflow.RefuseNewest)
            {
                throw new ArgumentOutOfRangeException("OfflineOverflow", "OfflineOverflow must be DropOldest or RefuseNewest.");
            }
            if (OfflineJournal != null && OfflineQueueBytes == 0)
            {
                throw new ArgumentException("OfflineJournal needs OfflineQueueBytes (store-and-forward) to be set.", "OfflineJournal");
            }
            CheckRange("ShadowCacheCapacity", ShadowCacheCapacity, 0, 65536);
            CheckDeviceInfo(DeviceInfo);
            if (SignMethod != SignMethod.HmacSha256 && SignMethod != SignMethod.HmacSha1)
            {
                throw new ArgumentOutOfRangeException("SignMethod", "SignMethod must be HmacSha256 or HmacSha1.");
            }

            if (Clock == null) throw new ArgumentNullException("Clock");
            if (Random == null) throw new ArgumentNullException("Random");
        }

        /// <summary>Throws unless <paramref name="deviceInfo"/> is null, empty, or valid for the sii= client-id option.</summary>
        internal static void CheckDeviceInfo(string deviceInfo)
        {
            if (deviceInfo == null) return;
            if (deviceInfo.Length > MaxDeviceInfoLength)
            {
                throw new ArgumentOutOfRangeException("DeviceInfo", "DeviceInfo must be at most 160 characters (was " + deviceInfo.Length + ").");
            }

            if (deviceInfo.IndexOf('|') >= 0 || deviceInfo.IndexOf(',') >= 0 || deviceInfo.IndexOf('=') >= 0)
            {
                throw new ArgumentException("DeviceInfo must not contain '|', ',' or '=' (they delimit the client id options); use e.g. '-' or ' ' between fields.", "DeviceInfo");
            }
        }

        private static void CheckRange(string name, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                throw new ArgumentOutOfRangeException(name, name + " must be between " + min + " and " + max + " (was " + value + ").");
            }
        }
    }
}
