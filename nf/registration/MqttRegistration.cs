using System;
using System.Threading;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Text;
using LinkKit.Nano.Transport;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// MQTT dynamic registration, <c>register</c> (docs/protocol.md, Dynamic registration / Over MQTT) or whitelist-free <c>regnwl</c>, as an
    /// <see cref="IRegistrationChannel"/>: one CONNECT with
    /// <see cref="RegistrationCredentials.CreateRegistration(RegistrationSigner, bool, IRandomSource, string)"/>, no
    /// SUBSCRIBE (the platform pushes its answer to the registering connection unasked), a bounded wait for
    /// <c>/ext/register</c> or <c>/ext/regnwl</c>, DISCONNECT, then the push parsed by
    /// <see cref="RegistrationReplyParser"/> into the record. One attempt per call, no retry (as the Python SDK).
    /// </summary>
    /// <remarks>
    /// <para>The platform accepts MQTT registration over TLS only (docs/protocol.md, Dynamic registration / Over MQTT): use TLS against it. Plain TCP
    /// (<c>useTls</c> false) is there for local emulators. The clientId says <c>securemode=2</c> either way, as the
    /// Python SDK sends it.</para>
    /// <para>The transport may be the client's own: registration has closed its connection before the client's first
    /// CONNECT. The push is copied into a <see cref="PayloadCapacity"/>-byte buffer allocated here and wiped after
    /// parsing; each call allocates the CONNECT strings, and the record's strings on success. Not thread-safe: call
    /// from one thread (the client's connection thread); the transport's callbacks may come from any thread.</para>
    /// </remarks>
    public sealed class MqttRegistration : IRegistrationChannel
    {
        /// <summary>How long <see cref="Register"/> waits for the platform's push by default: 30 s.</summary>
        public const int DefaultReplyTimeoutMilliseconds = 30000;

        /// <summary>The CONNECT keep-alive. The platform does not check it for registration; the connection
        /// lives for one reply timeout at most.</summary>
        public const int KeepAliveSeconds = 60;

        /// <summary>The largest push accepted: a clientId of <see cref="RegistrationReply.ClientIdCapacity"/> bytes, a
        /// token of <see cref="RegistrationReply.SecretCapacity"/>, product key, device name and JSON names fit.</summary>
        public const int PayloadCapacity = 512;

        private readonly IMqttTransport _transport;
        private readonly RegistrationSigner _signer;
        private readonly bool _whitelistFree;
        private readonly string _host;
        private readonly int _port;
        private readonly bool _useTls;
        private readonly string _caPem;
        private readonly IRandomSource _random;
        private readonly IClock _clock;
        private readonly byte[] _replyTopic;
        private readonly RegistrationReplyParser _parser = new RegistrationReplyParser();
        private readonly RegistrationReply _reply = new RegistrationReply();
        private readonly MqttConnectRequest _request = new MqttConnectRequest();
        private readonly ReplySink _sink;
        private readonly AutoResetEvent _arrived = new AutoResetEvent(false);
        private string _instanceId;
        private int _replyTimeout = DefaultReplyTimeoutMilliseconds;

        // Written by the transport's threads through _sink, read by Register; guarded by _lock.
        private readonly object _lock = new object();
        private readonly byte[] _payload = new byte[PayloadCapacity];
        private int _payloadLength; // -1: the push was larger than PayloadCapacity
        private bool _listening;
        private bool _received;
        private bool _lost;

        /// <summary>Registration of <paramref name="signer"/>'s device over <paramref name="transport"/>.</summary>
        /// <param name="transport">The MQTT transport (it may be the client's).</param>
        /// <param name="signer">The device's identity and product secret.</param>
        /// <param name="whitelistFree">False: <c>register</c>, a device secret comes back on <c>/ext/register</c> (the
        /// device must be pre-registered in the console). True: <c>regnwl</c>, connwl credentials come back on
        /// <c>/ext/regnwl</c> (no pre-registration; cn-shanghai only).</param>
        /// <param name="host">The MQTT host: the client's <see cref="LinkKitClient.Endpoint"/>, or an emulator's.</param>
        /// <param name="port">The MQTT port: the client's <see cref="LinkKitClient.Port"/>.</param>
        /// <param name="useTls">TLS (the platform) or plain TCP (local emulators only).</param>
        /// <param name="caPem">The trusted roots (PEM bundle); may be null without TLS.</param>
        /// <param name="random">The source of the 15-character nonce.</param>
        /// <param name="clock">Waits for the push (<see cref="IClock.Wait"/>); a test clock makes the wait deterministic.</param>
        /// <exception cref="ArgumentNullException">A required argument is null (<paramref name="caPem"/> with TLS).</exception>
        /// <exception cref="ArgumentException"><paramref name="host"/> is empty.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 1-65535.</exception>
        public MqttRegistration(IMqttTransport transport, RegistrationSigner signer, bool whitelistFree, string host, int port,
            bool useTls, string caPem, IRandomSource random, IClock clock)
        {
            if (transport == null) throw new ArgumentNullException("transport");
            if (signer == null) throw new ArgumentNullException("signer");
            if (host == null) throw new ArgumentNullException("host");
            if (host.Length == 0) throw new ArgumentException("empty", "host");
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException("port");
            if (useTls && caPem == null) throw new ArgumentNullException("caPem");
            if (random == null) throw new ArgumentNullException("random");
            if (clock == null) throw new ArgumentNullException("clock");
            _transport = transport;
            _signer = signer;
            _whitelistFree = whitelistFree;
            _host = host;
            _port = port;
            _useTls = useTls;
            _caPem = caPem;
            _random = random;
            _clock = clock;
            _replyTopic = Utf8.ToArray(whitelistFree ? RegistrationReplyParser.RegnwlTopic : RegistrationReplyParser.RegisterTopic);
            _sink = new ReplySink(this);
        }

        /// <summary>True for <c>regnwl</c> (whitelist-free), false for <c>register</c>.</summary>
        public bool WhitelistFree
        {
            get { return _whitelistFree; }
        }

        /// <summary>
        /// The instance id sent as <c>instanceId=</c> in the clientId (not signed); null or empty for none. Needed for
        /// <c>regnwl</c> on purchased instances. Must not hold '|' or ',' (<see cref="Register"/> throws).
        /// </summary>
        public string InstanceId
        {
            get { return _instanceId; }
            set { _instanceId = value; }
        }

        /// <summary>How long to wait for the push after CONNACK, in ms; default <see cref="DefaultReplyTimeoutMilliseconds"/>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
        public int ReplyTimeoutMilliseconds
        {
            get { return _replyTimeout; }
            set
            {
                if (value <= 0) throw new ArgumentOutOfRangeException("value");
                _replyTimeout = value;
            }
        }

        /// <summary>The <see cref="ConnectResult"/> of the last attempt's CONNECT (a CONNACK refusal code tells why the
        /// platform refused; <see cref="ConnectResult.NetworkError"/> also when the transport threw); -1 before any.</summary>
        public int LastConnectResult { get; private set; } = -1;

        /// <summary>The last registration's parsed push (its credential is wiped once moved into the record).</summary>
        public RegistrationReply Reply
        {
            get { return _reply; }
        }

        /// <summary>
        /// <see cref="IRegistrationChannel"/>: connects, waits for the push, disconnects, and on success fills
        /// <paramref name="record"/> with the device secret (<c>register</c>) or with the ready-made connwl clientId,
        /// username and device token (<c>regnwl</c>, <see cref="RegistrationCredentials.CreateWhitelistFree(string, string, string, string)"/>).
        /// </summary>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.RegistrationConnectFailed"/> (CONNACK refusal, network or TLS
        /// failure — see <see cref="LastConnectResult"/> — or the link dropped before the push);
        /// <see cref="ErrorCode.RegistrationTimeout"/> (connected, no push within <see cref="ReplyTimeoutMilliseconds"/>);
        /// <see cref="ErrorCode.BufferTooSmall"/> (push larger than <see cref="PayloadCapacity"/>); or the parser's
        /// <see cref="ErrorCode.Malformed"/>, <see cref="ErrorCode.MissingField"/>, <see cref="ErrorCode.IdentityMismatch"/>.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
        /// <exception cref="ArgumentException"><see cref="InstanceId"/> holds '|' or ','.</exception>
        public int Register(SecretRecord record)
        {
            if (record == null) throw new ArgumentNullException("record");
            _reply.Clear();
            MqttCredentials credentials = RegistrationCredentials.CreateRegistration(_signer, _whitelistFree, _random, _instanceId);

            lock (_lock)
            {
                _listening = true;
                _received = false;
                _lost = false;
                _payloadLength = 0;
            }

            _arrived.Reset(); // forget a wake-up that came after the previous attempt stopped listening
            int result = Connect(credentials);
            LastConnectResult = result;
            if (result != ConnectResult.Accepted)
            {
                StopListening();
                Close();
                return ErrorCode.RegistrationConnectFailed;
            }

            _clock.Wait(_arrived, _replyTimeout);
            bool received;
            bool lost;
            int length;
            lock (_lock)
            {
                _listening = false;
                received = _received;
                lost = _lost;
                length = _payloadLength;
            }

            if (lost)
            {
                Close();
            }
            else
            {
                Disconnect(); // as the Python SDK: DISCONNECT once the push is in (or the wait is over)
            }

            if (!received) return lost ? ErrorCode.RegistrationConnectFailed : ErrorCode.RegistrationTimeout;
            try
            {
                if (length < 0) return ErrorCode.BufferTooSmall;
                int rc = _whitelistFree
                    ? _parser.ParseRegnwl(_payload, 0, length, _signer.ProductKey, _signer.DeviceName, _reply)
                    : _parser.ParseRegister(_payload, 0, length, _signer.ProductKey, _signer.DeviceName, _reply);
                if (rc != ErrorCode.Ok) return rc;
                _reply.ToRecord(_signer.ProductKey, _signer.DeviceName, record);
                _reply.WipeCredential();
                return ErrorCode.Ok;
            }
            finally
            {
                Array.Clear(_payload, 0, _payload.Length); // the push held the secret or token
            }
        }

        private int Connect(MqttCredentials credentials)
        {
            MqttConnectRequest request = _request;
            request.Set(_host, _port, _useTls, _caPem, credentials, KeepAliveSeconds, true, MqttProtocol.Mqtt311);
            bool sessionPresent;
            try
            {
                return _transport.Connect(request, _sink, out sessionPresent);
            }
            catch (Exception)
            {
                return ConnectResult.NetworkError;
            }
            finally
            {
                request.Password = null; // the signature is a credential: keep no copy
            }
        }

        private void StopListening()
        {
            lock (_lock)
            {
                _listening = false;
            }
        }

        private void Disconnect()
        {
            try
            {
                _transport.Disconnect();
            }
            catch (Exception)
            {
                // Best effort: the registration's outcome does not depend on a clean close.
            }
        }

        private void Close()
        {
            try
            {
                _transport.Close();
            }
            catch (Exception)
            {
                // As above.
            }
        }

        // On a transport thread: keeps the first push on the reply topic, or notes that the link dropped first.
        private void OnMessage(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount)
        {
            if (!IsReplyTopic(topic, topicOffset, topicCount)) return;
            lock (_lock)
            {
                if (!_listening || _received) return;
                if (payloadCount > _payload.Length)
                {
                    _payloadLength = -1;
                }
                else
                {
                    Array.Copy(payload, payloadOffset, _payload, 0, payloadCount);
                    _payloadLength = payloadCount;
                }

                _received = true;
            }

            _arrived.Set();
        }

        private void OnLost()
        {
            lock (_lock)
            {
                if (!_listening || _received) return;
                _lost = true;
            }

            _arrived.Set();
        }

        private bool IsReplyTopic(byte[] topic, int offset, int count)
        {
            if (topic == null || count != _replyTopic.Length) return false;
            for (int i = 0; i < count; i++)
            {
                if (topic[offset + i] != _replyTopic[i]) return false;
            }

            return true;
        }

        /// <summary>The transport's view of this registration; kept private so callers never see sink methods.</summary>
        private sealed class ReplySink : IMqttTransportSink
        {
            private readonly MqttRegistration _owner;

            public ReplySink(MqttRegistration owner)
            {
                _owner = owner;
            }

            public void OnMessageReceived(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
            {
                _owner.OnMessage(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount);
            }

            public void OnPublishCompleted(int messageId, bool acknowledged)
            {
            }

            public void OnSubscribeAcknowledged(int messageId, byte[] grantedQos, int count)
            {
            }

            public void OnUnsubscribeAcknowledged(int messageId)
            {
            }

            public void OnConnectionLost()
            {
                _owner.OnLost();
            }
        }
    }
}
