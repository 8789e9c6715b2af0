using System;
using System.Threading;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Text;
using LinkKit.Nano.Transport;

namespace LinkKit.Nano.Client
{
    /// <summary>
    /// The MQTT session behind a <see cref="LinkKitClient"/>: the state machine, the connection thread (register, connect,
    /// wait, reconnect with back-off), the remembered subscriptions and their replay, and every call into the
    /// transport. It knows nothing of Alink; it reports to the client through the client's internal On… methods.
    /// </summary>
    /// <remarks>
    /// Locks: <see cref="_sendLock"/> serializes every sending call into the transport (IMqttTransport takes one at a
    /// time) and guards <see cref="_topicBuffer"/>; it is always taken before <see cref="_lock"/>, which guards the
    /// state. A publish never holds <see cref="_lock"/> across the transport call, so acknowledgements and inbound
    /// messages (which take it) never wait behind a slow write. Subscribes hold it, so a fast SUBACK cannot overtake
    /// the recording of its message id; they are rare.
    /// </remarks>
    internal sealed partial class MqttSession
    {
        private const int ReplayedSubscriptions = 0;
        private const int ThingSubscriptions = 1;
        private static readonly byte[] s_emptyPayload = new byte[0];

        private readonly LinkKitClient _client;
        private readonly IMqttTransport _transport;
        private readonly DeviceCredentials _credentials;
        private string _endpoint;   // written only by the connection thread (a bootstrap notice), between connections
        private int _port;
        private readonly bool _useTls;
        private readonly string _caCertificates;
        private readonly int _keepAliveSeconds;
        private readonly bool _cleanSession;
        private readonly MqttProtocol _protocol;
        private readonly int _maxInflight;
        private readonly int _payloadCapacity;
        private readonly IClock _clock;
        private readonly ReconnectBackoff _backoff;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly MqttConnectRequest _connectRequest = new MqttConnectRequest();

        private readonly object _sendLock = new object();
        private readonly byte[] _topicBuffer;

        private readonly object _lock = new object();
        private readonly SubscriptionTable _subscriptions;
        private readonly string[] _replayFilters;
        private readonly int[] _replayQos;
        private readonly string[] _oneFilter = new string[1];
        private readonly int[] _oneQos = new int[1];
        private readonly int[] _ownSubscribeIds = new int[2]; // SUBSCRIBEs the SDK sent itself: their SUBACKs are not the application's

        // Guarded by _lock.
        private LinkKitState _state = LinkKitState.Initialized;
        private Thread _supervisor;
        private bool _stopRequested;
        private bool _destructRequested;
        private bool _connectionLost;
        private int _generation; // identifies the live transport sink; bumped whenever a connection ends
        private int _inflight;
        private bool _owedWaiting; // replies the SDK owes wait for the window: new QoS 1 posts yield to them

        private Thread _callbackThread; // the transport thread while it delivers to the client, if any
        private Thread _messageThread;  // the thread delivering a message, while it does
        private int _acksConcurrent;    // this connection's: 1 an acknowledgement came during a message's delivery, -1 none could, 0 not known

        public MqttSession(LinkKitClient client, IMqttTransport transport, DeviceCredentials credentials, string endpoint, LinkKitOptions options)
        {
            _client = client;
            _transport = transport;
            _credentials = credentials;
            _endpoint = endpoint;
            _port = options.Port;
            _endpointResolver = options.EndpointResolver;
            _useTls = options.UseTls;
            _caCertificates = options.CaCertificates;
            _keepAliveSeconds = options.KeepAliveSeconds;
            _cleanSession = options.CleanSession;
            _protocol = options.Protocol;
            _maxInflight = options.MaxInflightMessages;
            _payloadCapacity = options.PayloadBufferCapacity;
            _clock = options.Clock;
            _backoff = new ReconnectBackoff(options.ReconnectMinSeconds, options.ReconnectMaxSeconds, options.Random);
            _topicBuffer = new byte[options.TopicBufferCapacity];
            _subscriptions = new SubscriptionTable(options.SubscriptionCapacity);
            _replayFilters = new string[options.SubscriptionCapacity];
            _replayQos = new int[options.SubscriptionCapacity];
        }

        public string Endpoint { get { return _endpoint; } }

        public int Port { get { return _port; } }

        public bool UseTls { get { return _useTls; } }

        public string CaCertificates { get { return _caCertificates; } }

        public int PayloadCapacity { get { return _payloadCapacity; } }

        public int TopicCapacity { get { return _topicBuffer.Length; } }

        public LinkKitState State
        {
            get
            {
                lock (_lock)
                {
                    return _state;
                }
            }
        }

        /// <summary>Throws <see cref="LinkKitStateException"/> unless <see cref="LinkKitState.Initialized"/>.</summary>
        public void CheckInitialized(string operation)
        {
            lock (_lock)
            {
                if (_state != LinkKitState.Initialized) throw new LinkKitStateException(operation, _state, "Initialized");
            }
        }

        public void Start()
        {
            lock (_lock)
            {
                if (_state != LinkKitState.Initialized && _state != LinkKitState.Disconnected)
                {
                    throw new LinkKitStateException("ConnectAsync", _state, "Initialized, Disconnected");
                }

                _state = LinkKitState.Connecting;
                _stopRequested = false;
                _connectionLost = false;
                _backoff.Reset();
                _supervisor = new Thread(RunConnection);
                _supervisor.Start();
            }

            _client.Log(LogLevel.Info, "connect started");
        }

        public void Stop()
        {
            Thread supervisor;
            lock (_lock)
            {
                if (_state == LinkKitState.Destructing || _state == LinkKitState.Destructed)
                {
                    throw new LinkKitStateException("Disconnect", _state, "any state before Destruct");
                }

                if (_state != LinkKitState.Connecting && _state != LinkKitState.Connected) return;
                _state = LinkKitState.Disconnecting;
                _stopRequested = true;
                supervisor = _supervisor;
                _wake.Set();
            }

            _client.Log(LogLevel.Info, "disconnect requested");
            JoinUnlessOnSdkThread(supervisor);
        }

        /// <summary>The first half of a destruct: stop requested; false when one was already requested.</summary>
        public bool RequestDestruct(out Thread supervisor)
        {
            lock (_lock)
            {
                supervisor = null;
                if (_state == LinkKitState.Destructing || _state == LinkKitState.Destructed) return false;
                _destructRequested = true;
                _stopRequested = true;
                supervisor = _supervisor;
                _state = supervisor == null ? LinkKitState.Destructed : LinkKitState.Destructing;
                _wake.Set();
            }

            _client.Log(LogLevel.Info, "destruct requested");
            return true;
        }

        /// <summary>The second half: closes the transport, or waits for the connection thread to end.</summary>
        public void CompleteDestruct(Thread supervisor)
        {
            if (supervisor == null) CloseTransport();
            else JoinUnlessOnSdkThread(supervisor);
        }

        private void JoinUnlessOnSdkThread(Thread supervisor)
        {
            if (supervisor == null) return;
            Thread current = Thread.CurrentThread;

            // Joining from inside a handler would wait for ourselves (or for a transport thread we block).
            if (current == supervisor || current == _callbackThread) return;
            supervisor.Join();
        }

        /// <summary>The connection thread: register if needed, then connect, wait, reconnect until stopped.</summary>
        private void RunConnection()
        {
            // No finally here: FinishConnection raises Disconnected, and on nanoCLR an exception thrown and caught
            // in code called from a finally block kills the interpreter. The catch below lets it run in either case.
            bool wasConnected = false;
            try
            {
                Supervise(ref wasConnected);
            }
            catch (Exception)
            {
                // Only a bug in the SDK gets here (transport and handler exceptions are caught where they occur).
                _client.Log(LogLevel.Critical, "connection thread failed; stopping");
                CloseTransport();
            }

            lock (_lock)
            {
                _generation++;
                _supervisor = null;
                _state = _destructRequested ? LinkKitState.Destructed : LinkKitState.Disconnected;
            }

            _client.Log(LogLevel.Info, "connection thread ended");
            _client.OnSessionEnded(wasConnected ? DisconnectReason.Requested : -1);
        }

        /// <summary>Connects, waits, reconnects until stopped; <paramref name="wasConnected"/> is set when a stop closes a live connection.</summary>
        private void Supervise(ref bool wasConnected)
        {
            if (!_credentials.EnsureRegistered(_client))
            {
                _client.OnConnectAttempt(false, ConnectResult.RegistrationFailed);
                return;
            }

            MqttCredentials credentials = null;
            while (!IsStopRequested())
            {
                credentials = _credentials.ForAttempt(credentials);
                _acksConcurrent = 0;   // each connection's transport threads are learnt anew
                bool sessionPresent;
                int result = ConnectTransport(credentials, out sessionPresent);
                if (result == ConnectResult.Accepted)
                {
                    lock (_lock)
                    {
                        if (!_stopRequested)
                        {
                            _state = LinkKitState.Connected;
                            _inflight = 0;
                        }
                    }

                    if (IsStopRequested())
                    {
                        DisconnectTransport();
                        break;
                    }

                    _backoff.Reset();
                    _client.Log(LogLevel.Info, "connected");
                    if (!sessionPresent) Resubscribe();
                    _client.OnConnectAttempt(sessionPresent, ConnectResult.Accepted);

                    if (!WaitForLossOrStop())
                    {
                        wasConnected = true;
                        DisconnectTransport();
                        break;
                    }

                    lock (_lock)
                    {
                        _generation++;
                        if (_state == LinkKitState.Connected) _state = LinkKitState.Connecting;
                    }

                    bool redirected = TakeRedirect();
                    if (redirected) DisconnectTransport();
                    else CloseTransport();
                    _client.Log(redirected ? LogLevel.Info : LogLevel.Warning, redirected ? "connection closed for the bootstrap notice" : "connection lost");
                    _client.OnSessionEnded(redirected ? DisconnectReason.Redirected : DisconnectReason.ConnectionLost);
                    if (redirected) ResolveEndpoint();
                }
                else
                {
                    lock (_lock)
                    {
                        _generation++;
                    }

                    CloseTransport();
                    if (_client.IsLogging(LogLevel.Warning)) _client.Log(LogLevel.Warning, "connect failed: " + ConnectResult.GetName(result) + " (" + result + ")");
                    _client.OnConnectAttempt(false, result);
                }

                if (!WaitBeforeReconnect()) break;
            }
        }

        private int ConnectTransport(MqttCredentials credentials, out bool sessionPresent)
        {
            sessionPresent = false;
            ConnectionSink sink;
            lock (_lock)
            {
                _connectionLost = false;
                _redirectRequested = false;   // one asked for on an earlier connection that the app ended meanwhile
                _ownSubscribeIds[ReplayedSubscriptions] = 0;
                _ownSubscribeIds[ThingSubscriptions] = 0;
                _generation++;
                sink = new ConnectionSink(this, _generation);
            }

            MqttConnectRequest request = _connectRequest;
            request.Set(_endpoint, _port, _useTls, _caCertificates, credentials, _keepAliveSeconds, _cleanSession, _protocol);
            _client.Log(LogLevel.Info, "connecting");
            try
            {
                return _transport.Connect(request, sink, out sessionPresent);
            }
            catch (Exception)
            {
                _client.Log(LogLevel.Warning, "transport threw while connecting");
                return ConnectResult.NetworkError;
            }
            finally
            {
                request.Password = null; // do not keep a copy of the secret longer than needed
            }
        }

        /// <summary>Waits while connected. Returns true when the connection was lost, false when a stop was requested.</summary>
        private bool WaitForLossOrStop()
        {
            while (true)
            {
                lock (_lock)
                {
                    if (_stopRequested) return false;
                    if (_connectionLost) return true;
                }

                _wake.WaitOne();
            }
        }

        /// <summary>Waits the next back-off delay. Returns false (at once) when a stop is requested.</summary>
        private bool WaitBeforeReconnect()
        {
            int delay = _backoff.NextDelayMilliseconds();
            if (_client.IsLogging(LogLevel.Info)) _client.Log(LogLevel.Info, "reconnecting in " + delay + " ms");
            lock (_lock)
            {
                if (_stopRequested) return false;
                _wake.Reset(); // forget wake-ups meant for the connection that just ended
            }

            _clock.Wait(_wake, delay);
            return !IsStopRequested();
        }

        private bool IsStopRequested()
        {
            lock (_lock)
            {
                return _stopRequested;
            }
        }

        private void DisconnectTransport()
        {
            try
            {
                _transport.Disconnect();
            }
            catch (Exception)
            {
                _client.Log(LogLevel.Warning, "transport threw while disconnecting");
            }
        }

        private void CloseTransport()
        {
            try
            {
                _transport.Close();
            }
            catch (Exception)
            {
                _client.Log(LogLevel.Warning, "transport threw while closing");
            }
        }

        /// <summary>Replays every remembered subscription in one SUBSCRIBE after a connection without a stored session.</summary>
        private void Resubscribe()
        {
            lock (_sendLock)
            lock (_lock)
            {
                int count = _subscriptions.Count;
                if (count == 0) return;
                for (int i = 0; i < count; i++)
                {
                    _replayFilters[i] = _subscriptions.GetFilter(i);
                    _replayQos[i] = _subscriptions.GetQos(i);
                }

                SubscribeOwnLocked(_replayFilters, _replayQos, count, ReplayedSubscriptions, "subscriptions replayed", "replaying subscriptions failed");
            }
        }

        /// <summary>Subscribes the thing model's downlinks after a connection (not remembered: sent after every connect).</summary>
        public void SubscribeThingTopics(string[] filters, int[] qos)
        {
            lock (_sendLock)
            lock (_lock)
            {
                SubscribeOwnLocked(filters, qos, filters.Length, ThingSubscriptions, "thing topics subscribed", "subscribing the thing topics failed");
            }
        }

        private void SubscribeOwnLocked(string[] filters, int[] qos, int count, int slot, string done, string failed)
        {
            int id;
            try
            {
                id = _transport.Subscribe(filters, qos, count);
            }
            catch (Exception)
            {
                id = ErrorCode.TransportFailed;
            }

            _ownSubscribeIds[slot] = id > 0 ? id : 0;
            _client.Log(id > 0 ? LogLevel.Info : LogLevel.Warning, id > 0 ? done : failed);
        }

        public int Publish(string topic, byte[] payload, int offset, int count, int qos, out int messageId)
        {
            messageId = 0;
            if (topic == null) throw new ArgumentNullException("topic");
            payload = CheckPayloadArguments(payload, offset, count);
            lock (_sendLock)
            {
                int written = Utf8.Encode(topic, _topicBuffer, 0, _topicBuffer.Length);
                if (written == ErrorCode.BufferTooSmall) return ErrorCode.TopicTooLong;
                if (written < 0) return ErrorCode.InvalidTopic; // a lone surrogate: not encodable as UTF-8
                return SendSerialized("Publish", true, FromApp, _topicBuffer, 0, written, payload, offset, count, qos, out messageId);
            }
        }

        public int Publish(byte[] topic, int topicOffset, int topicCount, byte[] payload, int offset, int count, int qos, out int messageId)
        {
            messageId = 0;
            BufferArgs.Check(topic, topicOffset, topicCount, "topic");
            payload = CheckPayloadArguments(payload, offset, count);
            if (topicCount > _topicBuffer.Length) return ErrorCode.TopicTooLong;
            lock (_sendLock)
            {
                return SendSerialized("Publish", true, FromApp, topic, topicOffset, topicCount, payload, offset, count, qos, out messageId);
            }
        }

        /// <summary>
        /// Publishes to a topic the SDK built itself (precomputed or written by the Alink codec): no topic checks. The
        /// payload range is the caller's to check. Results as Publish.
        /// </summary>
        public int Send(string operation, byte[] topic, int topicCount, byte[] payload, int offset, int count, int qos)
        {
            int messageId;
            return Send(operation, topic, topicCount, payload, offset, count, qos, out messageId);
        }

        /// <summary>As <see cref="Send(string, byte[], int, byte[], int, int, int)"/>, with the transport's message id.</summary>
        public int Send(string operation, byte[] topic, int topicCount, byte[] payload, int offset, int count, int qos, out int messageId)
        {
            lock (_sendLock)
            {
                return SendSerialized(operation, false, FromApp, topic, 0, topicCount, payload, offset, count, qos, out messageId);
            }
        }

        /// <summary>
        /// Sends a post kept while offline: as <see cref="Send(string, byte[], int, byte[], int, int, int, out int)"/>, but
        /// <see cref="ErrorCode.NotConnected"/> in every state but Connected (what waited keeps waiting; no state exception).
        /// </summary>
        public int SendKept(byte[] topic, int topicCount, byte[] payload, int count, int qos, out int messageId)
        {
            lock (_sendLock)
            {
                return SendSerialized("kept post", false, Deferred, topic, 0, topicCount, payload, 0, count, qos, out messageId);
            }
        }

        /// <summary>Throws <see cref="LinkKitStateException"/> in Destructing or Destructed: a post kept for later needs a client that can still connect.</summary>
        public void CheckNotDestructed(string operation)
        {
            lock (_lock)
            {
                if (_state == LinkKitState.Destructing || _state == LinkKitState.Destructed)
                {
                    throw new LinkKitStateException(operation, _state, "Initialized, Connecting, Connected, Disconnecting or Disconnected");
                }
            }
        }

        /// <summary>
        /// Sends a QoS 1 reply the SDK owes the cloud (SDK-built topic): it may take a window slot while
        /// <see cref="SetOwedWaiting"/> holds new posts back. <see cref="ErrorCode.InflightFull"/> means wait for the
        /// next acknowledgement, not drop; <see cref="ErrorCode.NotConnected"/> (any state but Connected), the next connection.
        /// </summary>
        public int SendOwed(string operation, byte[] topic, int topicCount, byte[] payload, int offset, int count)
        {
            int messageId;
            lock (_sendLock)
            {
                return SendSerialized(operation, false, Owed, topic, 0, topicCount, payload, offset, count, 1, out messageId);
            }
        }

        /// <summary>While true, other QoS 1 publishes get <see cref="ErrorCode.InflightFull"/>, so freed window slots go to owed replies first.</summary>
        public void SetOwedWaiting(bool waiting)
        {
            lock (_lock)
            {
                _owedWaiting = waiting;
            }
        }

        /// <summary>
        /// The state part of a send: Ok when connected, <see cref="ErrorCode.NotConnected"/> while (re)connecting or
        /// disconnecting; throws in the other states. Callers that record something before sending ask first.
        /// </summary>
        public int CheckCanSend(string operation)
        {
            lock (_lock)
            {
                return CheckConnected(operation);
            }
        }

        /// <summary>
        /// Checks and sends one publish; the caller holds <see cref="_sendLock"/>. The state lock is held only to check
        /// and to reserve a QoS 1 window slot, never across the transport call: on a board a TLS write can take long.
        /// </summary>
        // Who sends (SendSerialized): the app (a wrong state throws), the SDK sending what waited (kept posts: a wrong
        // state is NotConnected), or a reply the SDK owes (the same, and it passes the owed-replies wait).
        private const int FromApp = 0;
        private const int Deferred = 1;
        private const int Owed = 2;

        private int SendSerialized(string operation, bool checkTopic, int source, byte[] topic, int topicOffset, int topicCount, byte[] payload, int offset, int count, int qos, out int messageId)
        {
            messageId = 0;
            int rc = MqttTopicRules.CheckQos(qos);
            if (rc == ErrorCode.Ok && count > _payloadCapacity) rc = ErrorCode.PayloadTooLarge;
            if (rc == ErrorCode.Ok && checkTopic) rc = MqttTopicRules.CheckTopicName(topic, topicOffset, topicCount);
            if (rc == ErrorCode.Ok)
            {
                lock (_lock)
                {
                    rc = source == FromApp ? CheckConnected(operation) : _state == LinkKitState.Connected ? ErrorCode.Ok : ErrorCode.NotConnected;
                    if (rc == ErrorCode.Ok && qos == 1 && (_inflight >= _maxInflight || (_owedWaiting && source != Owed))) rc = ErrorCode.InflightFull;
                    if (rc == ErrorCode.Ok && qos == 1) _inflight++; // reserved before sending: the PUBACK may come first
                }
            }

            if (rc != ErrorCode.Ok)
            {
                _client.Log(LogLevel.Debug, "publish refused");
                return rc;
            }

            int id;
            try
            {
                id = _transport.Publish(topic, topicOffset, topicCount, payload, offset, count, qos);
            }
            catch (Exception)
            {
                id = ErrorCode.TransportFailed;
            }

            if (id <= 0)
            {
                if (qos == 1) ReleaseInflight();
                _client.Log(LogLevel.Warning, "transport refused a publish");
                return id < 0 ? id : ErrorCode.TransportFailed;
            }

            messageId = id;
            _client.Log(LogLevel.Debug, "publish queued");
            return ErrorCode.Ok;
        }

        /// <summary>Frees a QoS 1 window slot (a reconnect may already have emptied the window).</summary>
        private void ReleaseInflight()
        {
            lock (_lock)
            {
                if (_inflight > 0) _inflight--;
            }
        }

        public int Subscribe(string topicFilter, int qos, out int messageId)
        {
            messageId = 0;
            if (topicFilter == null) throw new ArgumentNullException("topicFilter");
            lock (_sendLock)
            lock (_lock)
            {
                _oneFilter[0] = topicFilter;
                _oneQos[0] = qos;
                int rc = SubscribeLocked(_oneFilter, _oneQos, 1, out messageId);
                _oneFilter[0] = null;
                return rc;
            }
        }

        public int Subscribe(string[] topicFilters, int[] qos, out int messageId)
        {
            messageId = 0;
            if (topicFilters == null) throw new ArgumentNullException("topicFilters");
            if (qos == null) throw new ArgumentNullException("qos");
            if (topicFilters.Length == 0 || topicFilters.Length != qos.Length)
            {
                throw new ArgumentException("topicFilters and qos must be non-empty and of the same length.", "qos");
            }

            CheckNoNull(topicFilters);
            lock (_sendLock)
            lock (_lock)
            {
                return SubscribeLocked(topicFilters, qos, topicFilters.Length, out messageId);
            }
        }

        public int Unsubscribe(string topicFilter, out int messageId)
        {
            messageId = 0;
            if (topicFilter == null) throw new ArgumentNullException("topicFilter");
            lock (_sendLock)
            lock (_lock)
            {
                _oneFilter[0] = topicFilter;
                int rc = UnsubscribeLocked(_oneFilter, 1, out messageId);
                _oneFilter[0] = null;
                return rc;
            }
        }

        public int Unsubscribe(string[] topicFilters, out int messageId)
        {
            messageId = 0;
            if (topicFilters == null) throw new ArgumentNullException("topicFilters");
            if (topicFilters.Length == 0) throw new ArgumentException("topicFilters must not be empty.", "topicFilters");
            CheckNoNull(topicFilters);
            lock (_sendLock)
            lock (_lock)
            {
                return UnsubscribeLocked(topicFilters, topicFilters.Length, out messageId);
            }
        }

        private int SubscribeLocked(string[] filters, int[] qos, int count, out int messageId)
        {
            messageId = 0;
            for (int i = 0; i < count; i++)
            {
                int check = MqttTopicRules.CheckTopicFilter(filters[i]);
                if (check == ErrorCode.Ok) check = MqttTopicRules.CheckQos(qos[i]);
                if (check != ErrorCode.Ok) return check;
            }

            int rc = CheckConnected("Subscribe");
            if (rc != ErrorCode.Ok) return rc;
            if (_subscriptions.CountMissing(filters, count) > _subscriptions.Capacity - _subscriptions.Count) return ErrorCode.TableFull;
            int id;
            try
            {
                id = _transport.Subscribe(filters, qos, count);
            }
            catch (Exception)
            {
                id = ErrorCode.TransportFailed;
            }

            if (id <= 0)
            {
                _client.Log(LogLevel.Warning, "transport refused a subscribe");
                return id < 0 ? id : ErrorCode.TransportFailed;
            }

            for (int i = 0; i < count; i++) _subscriptions.Set(filters[i], qos[i]); // fits: checked above
            messageId = id;
            _client.Log(LogLevel.Debug, "subscribe queued");
            return ErrorCode.Ok;
        }

        private int UnsubscribeLocked(string[] filters, int count, out int messageId)
        {
            messageId = 0;
            for (int i = 0; i < count; i++)
            {
                int check = MqttTopicRules.CheckTopicFilter(filters[i]);
                if (check != ErrorCode.Ok) return check;
            }

            int rc = CheckConnected("Unsubscribe");
            if (rc != ErrorCode.Ok) return rc;
            int id;
            try
            {
                id = _transport.Unsubscribe(filters, count);
            }
            catch (Exception)
            {
                id = ErrorCode.TransportFailed;
            }

            if (id <= 0)
            {
                _client.Log(LogLevel.Warning, "transport refused an unsubscribe");
                return id < 0 ? id : ErrorCode.TransportFailed;
            }

            for (int i = 0; i < count; i++) _subscriptions.Remove(filters[i]);
            messageId = id;
            _client.Log(LogLevel.Debug, "unsubscribe queued");
            return ErrorCode.Ok;
        }

        /// <summary>Ok when connected; NotConnected while (re)connecting or disconnecting; throws in the other states. Caller holds _lock.</summary>
        private int CheckConnected(string operation)
        {
            switch (_state)
            {
                case LinkKitState.Connected:
                    return ErrorCode.Ok;
                case LinkKitState.Connecting:
                case LinkKitState.Disconnecting:
                    return ErrorCode.NotConnected;
                default:
                    throw new LinkKitStateException(operation, _state, "Connected (Connecting and Disconnecting return NotConnected)");
            }
        }

        /// <summary>The payload to send (an empty array for null with count 0); throws for a range outside the buffer.</summary>
        public static byte[] CheckPayloadArguments(byte[] payload, int offset, int count)
        {
            if (payload == null)
            {
                if (offset != 0 || count != 0) throw new ArgumentNullException("payload");
                return s_emptyPayload;
            }

            BufferArgs.Check(payload, offset, count, "payload");
            return payload;
        }

        private static void CheckNoNull(string[] filters)
        {
            for (int i = 0; i < filters.Length; i++)
            {
                if (filters[i] == null) throw new ArgumentNullException("topicFilters");
            }
        }

        // The live connection's callbacks; each marks the transport thread as the SDK's while it runs, so a
        // Disconnect or Destruct from a handler does not wait for itself.

        private void OnMessage(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            Thread previous = EnterCallback();
            _messageThread = Thread.CurrentThread;
            try
            {
                _client.OnMessage(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
            }
            finally
            {
                _messageThread = null;
                _callbackThread = previous;
            }
        }

        /// <summary>
        /// Whether a message handler may wait for the window without stopping the acknowledgements it waits for: 1
        /// once an acknowledgement arrived while a message was being delivered (MQTTnet delivers them apart), -1 after
        /// <see cref="MarkAcksNotConcurrent"/> (nanoFramework's M2Mqtt raises every event on one thread), 0 before
        /// either on this connection.
        /// </summary>
        public int AckConcurrency
        {
            get { return _acksConcurrent; }
        }

        /// <summary>A handler waited and no acknowledgement came meanwhile: for the rest of this connection, handlers do not wait.</summary>
        public void MarkAcksNotConcurrent()
        {
            if (_acksConcurrent == 0) _acksConcurrent = -1;
        }

        private void OnPublishCompleted(int messageId, bool acknowledged)
        {
            Thread delivering = _messageThread;
            if (delivering != null && delivering != Thread.CurrentThread) _acksConcurrent = 1;
            ReleaseInflight();
            _client.Log(acknowledged ? LogLevel.Debug : LogLevel.Warning, acknowledged ? "publish acknowledged" : "publish not acknowledged");
            Thread previous = EnterCallback();
            try
            {
                _client.OnWindowFreed();
                if (acknowledged) _client.OnPublished(messageId);
            }
            finally
            {
                _callbackThread = previous;
            }
        }

        private void OnSubscribeAcknowledged(int messageId, byte[] grantedQos, int count)
        {
            bool own;
            lock (_lock)
            {
                // Under the lock: a fast SUBACK must not overtake the recording of the id its SUBSCRIBE got.
                own = messageId == _ownSubscribeIds[ReplayedSubscriptions] || messageId == _ownSubscribeIds[ThingSubscriptions];
            }

            if (own)
            {
                for (int i = 0; i < count; i++)
                {
                    if (grantedQos[i] > 1) _client.Log(LogLevel.Warning, "broker refused a replayed subscription");
                }

                return;
            }

            Thread previous = EnterCallback();
            try
            {
                _client.OnSubscribed(messageId, grantedQos, count);
            }
            finally
            {
                _callbackThread = previous;
            }
        }

        private void OnUnsubscribeAcknowledged(int messageId)
        {
            Thread previous = EnterCallback();
            try
            {
                _client.OnUnsubscribed(messageId);
            }
            finally
            {
                _callbackThread = previous;
            }
        }

        private void OnConnectionLost(int generation)
        {
            lock (_lock)
            {
                if (generation != _generation || _connectionLost) return;
                _connectionLost = true;
                _wake.Set();
            }
        }

        private Thread EnterCallback()
        {
            Thread previous = _callbackThread;
            _callbackThread = Thread.CurrentThread;
            return previous;
        }

        /// <summary>One connection's sink: forwards to the session while that connection is the live one, drops late calls from older ones.</summary>
        private sealed class ConnectionSink : IMqttTransportSink
        {
            private readonly MqttSession _session;
            private readonly int _generation;

            public ConnectionSink(MqttSession session, int generation)
            {
                _session = session;
                _generation = generation;
            }

            private bool IsLive { get { return _session._generation == _generation; } }

            public void OnMessageReceived(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
            {
                if (IsLive) _session.OnMessage(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
            }

            public void OnPublishCompleted(int messageId, bool acknowledged)
            {
                if (IsLive) _session.OnPublishCompleted(messageId, acknowledged);
            }

            public void OnSubscribeAcknowledged(int messageId, byte[] grantedQos, int count)
            {
                if (IsLive) _session.OnSubscribeAcknowledged(messageId, grantedQos, count);
            }

            public void OnUnsubscribeAcknowledged(int messageId)
            {
                if (IsLive) _session.OnUnsubscribeAcknowledged(messageId);
            }

            public void OnConnectionLost()
            {
                _session.OnConnectionLost(_generation);
            }
        }
    }
}
