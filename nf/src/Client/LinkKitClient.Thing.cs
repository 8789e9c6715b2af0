using System;
using System.Threading;
using LinkKit.Nano.Client;
using LinkKit.Nano.Json;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>Handles <see cref="LinkKitClient.ThingEnabled"/> and <see cref="LinkKitClient.ThingDisabled"/> (Python's <c>on_thing_enable</c>/<c>on_thing_disable</c>).</summary>
    public delegate void ThingStatusHandler(LinkKitClient sender);

    public sealed partial class LinkKitClient
    {
        private const int TimeoutTimerPeriodMilliseconds = 1000;

        // Copied from the options at construction.
        private int _requestTimeoutMilliseconds;
        private int _rrpcCapacity;
        private int _shadowCacheCapacity;
        private bool _subscribeThingTopics;

        // Set by ThingSetup (Initialized only), read-only afterwards.
        private bool _thingSetUp;
        private ThingModel _model;
        private ThingTopics _thingTopics;
        private byte[] _propertyPostTopic;
        private byte[] _propertySetReplyTopic;
        private byte[] _upRawTopic;
        private byte[] _downRawReplyTopic;
        private byte[] _tagsUpdateTopic;
        private byte[] _tagsDeleteTopic;
        private byte[] _shadowUpdateTopic;
        private string[] _thingFilters;
        private int[] _thingFilterQos;
        private Timer _timeoutTimer;

        // Guarded by _thingLock: the pending tables and the id counter.
        private readonly object _thingLock = new object();
        private RequestTable _requests;
        private RrpcTable _rrpc;
        private int _lastRequestId;

        // Set by ThingSetup; the cache has its own lock.
        private ShadowCache _shadow;

        private bool _thingEnabled;
        private int _thingSubscribeMessageId;

        // Receive side (the transport thread, one message at a time).
        private ThingReply _reply;
        private ShadowDocument _shadowDocument;
        private ServiceCall _serviceCall;
        private RrpcRequest _rrpcRequest;
        private JsonReader _paramsReader;
        private JsonReader _checkReader;
        private ThingParamsValidator _validator;

        // Timeout side (the timer thread, or ProcessTimeouts' caller), serialised by _timeoutGate.
        private readonly object _timeoutGate = new object();
        private ThingReply _timeoutReply;

        private int _malformedMessages;
        private int _unknownTopicMessages;
        private int _oversizedMessages;
        private int _unmatchedReplies;
        private int _echoMessages;
        private int _invalidParamsMessages;

        /// <summary>
        /// Raised when the thing model becomes usable: after every (re)connection of a client that called
        /// ThingSetup, right after <see cref="ConnectCompleted"/> (Python's <c>on_thing_enable</c>).
        /// </summary>
        public event ThingStatusHandler ThingEnabled;

        /// <summary>Raised when the thing model stops being usable: the connection was lost or closed (Python's <c>on_thing_disable</c>).</summary>
        public event ThingStatusHandler ThingDisabled;

        /// <summary>The thing model given to ThingSetup; null before it, and in custom-protocol mode.</summary>
        public ThingModel ThingModel
        {
            get { return _model; }
        }

        /// <summary>True once ThingSetup was called (with a model or without: custom-protocol mode).</summary>
        public bool IsThingSetUp
        {
            get { return _thingSetUp; }
        }

        /// <summary>True between <see cref="ThingEnabled"/> and <see cref="ThingDisabled"/>.</summary>
        public bool IsThingEnabled
        {
            get { return _thingEnabled; }
        }

        /// <summary>The latest shadow the cloud sent (Python's <c>local_get_latest_shadow()</c>); null before ThingSetup.</summary>
        public ShadowCache LatestShadow
        {
            get { return _shadow; }
        }

        /// <summary>Thing-model messages dropped because they could not be read: bad JSON, a missing or mistyped id, code or params, an unusable RRPC topic.</summary>
        public int MalformedMessageCount
        {
            get { return _malformedMessages; }
        }

        /// <summary>Messages on the device's thing topics that the SDK does not know (an undeclared service or event, an unknown <c>/sys/…/thing/</c> topic); passed on to <see cref="MessageReceived"/>.</summary>
        public int UnknownTopicCount
        {
            get { return _unknownTopicMessages; }
        }

        /// <summary>Thing-model messages dropped because their payload exceeded <see cref="LinkKitOptions.PayloadBufferCapacity"/>.</summary>
        public int OversizedMessageCount
        {
            get { return _oversizedMessages; }
        }

        /// <summary>Replies dropped because no pending request had their id (late after a timeout, duplicated, or not the device's).</summary>
        public int UnmatchedReplyCount
        {
            get { return _unmatchedReplies; }
        }

        /// <summary>Messages dropped as the device's own publishes coming back (a plain broker echoing RRPC answers, replies and posts) or as duplicate RRPC requests.</summary>
        public int EchoMessageCount
        {
            get { return _echoMessages; }
        }

        /// <summary>Property sets and service calls refused (answered 460) because their params broke the thing model.</summary>
        public int InvalidParamsCount
        {
            get { return _invalidParamsMessages; }
        }

        /// <summary>
        /// Loads the thing model (TSL) exported by the console from <paramref name="tsl"/> and enables the thing
        /// API (Python's <c>thing_setup(file)</c>). Allowed once, before <see cref="ConnectAsync"/>.
        /// </summary>
        /// <param name="tsl">The buffer holding the TSL JSON (UTF-8); not kept.</param>
        /// <param name="offset">Where the TSL starts.</param>
        /// <param name="count">Its length in bytes.</param>
        /// <param name="error">Null on success, else what is wrong and at which byte (see <see cref="LinkKit.Nano.ThingModel.TryLoad"/>).</param>
        /// <returns><see cref="ErrorCode.Ok"/>, or <see cref="ErrorCode.InvalidThingModel"/> with nothing set up.</returns>
        /// <exception cref="LinkKitStateException">Not in <see cref="LinkKitState.Initialized"/>.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was already called.</exception>
        public int ThingSetup(byte[] tsl, int offset, int count, out string error)
        {
            CheckThingSetupAllowed();
            ThingModel model;
            int rc = LinkKit.Nano.ThingModel.TryLoad(tsl, offset, count, out model, out error);
            if (rc != ErrorCode.Ok)
            {
                if (IsLogging(LogLevel.Error)) Log(LogLevel.Error, "thing model rejected: " + error);
                return rc;
            }

            ThingSetup(model);
            return ErrorCode.Ok;
        }

        /// <summary>
        /// Enables the thing API with a loaded model, or with none (null: custom-protocol mode, Python's
        /// <c>thing_setup()</c>: raw data, tags, shadow, RRPC and unchecked property posts work; events need a model).
        /// Allocates the thing buffers and tables once. Allowed once, before <see cref="ConnectAsync"/>.
        /// </summary>
        /// <exception cref="LinkKitStateException">Not in <see cref="LinkKitState.Initialized"/>.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was already called, or <see cref="LinkKitOptions.TopicBufferCapacity"/> cannot hold the device's thing topics.</exception>
        public void ThingSetup(ThingModel model)
        {
            CheckThingSetupAllowed();
            int topicCapacity = _topicBuffer.Length;
            ThingTopics topics = new ThingTopics(_productKey, _deviceName);
            byte[] scratch = new byte[topicCapacity];

            // The longest fixed topic first, so a too-small topic buffer is refused before any field is set.
            _propertySetReplyTopic = FixedTopic(scratch, topics.WritePropertySetReplyTopic(scratch, 0, topicCapacity));
            _propertyPostTopic = FixedTopic(scratch, topics.WritePropertyPostTopic(scratch, 0, topicCapacity));
            _upRawTopic = FixedTopic(scratch, topics.WriteUpRawTopic(scratch, 0, topicCapacity));
            _downRawReplyTopic = FixedTopic(scratch, topics.WriteDownRawReplyTopic(scratch, 0, topicCapacity));
            _tagsUpdateTopic = FixedTopic(scratch, topics.WriteTagsUpdateTopic(scratch, 0, topicCapacity));
            _tagsDeleteTopic = FixedTopic(scratch, topics.WriteTagsDeleteTopic(scratch, 0, topicCapacity));
            _shadowUpdateTopic = FixedTopic(scratch, topics.WriteShadowUpdateTopic(scratch, 0, topicCapacity));
            if (_subscribeThingTopics)
            {
                _thingFilters = topics.GetDownlinkFilters(model);
                _thingFilterQos = new int[_thingFilters.Length];   // QoS 0, as the Python SDK 1.0.0 subscribed them
            }

            _thingTopics = topics;
            _model = model;
            _requests = new RequestTable(_maxQueued);
            _rrpc = new RrpcTable(_rrpcCapacity, topicCapacity, 16);
            _shadow = new ShadowCache(_shadowCacheCapacity);
            _requestBuilder = new AlinkMessageBuilder();
            _requestBuffer = new byte[_payloadCapacity];
            _requestTopic = scratch;
            _replyBuilder = new AlinkMessageBuilder();
            _replyBuffer = new byte[_payloadCapacity];
            _replyTopic = new byte[topicCapacity];
            _reply = new ThingReply();
            _timeoutReply = new ThingReply();
            _shadowDocument = new ShadowDocument();
            _serviceCall = new ServiceCall();
            _rrpcRequest = new RrpcRequest();
            _paramsReader = new JsonReader();
            _checkReader = new JsonReader();
            _validator = new ThingParamsValidator();
            _timeoutTimer = new Timer(OnTimeoutTimer, null, TimeoutTimerPeriodMilliseconds, TimeoutTimerPeriodMilliseconds);
            _thingSetUp = true;
            Log(LogLevel.Info, model != null ? "thing model set up" : "thing set up without a model (custom protocol)");
        }

        /// <summary>
        /// Reports every request whose reply is overdue to its handler with <see cref="ErrorCode.RequestTimedOut"/>, and
        /// forgets overdue RRPC calls. The SDK calls this every second on a timer thread; call it yourself to have
        /// expirations handled at once (e.g. after changing a test clock).
        /// </summary>
        public void ProcessTimeouts()
        {
            if (!_thingSetUp) return;
            lock (_timeoutGate)
            {
                long now = NowMilliseconds();
                for (int guard = 0; guard <= _requests.Capacity; guard++)
                {
                    int id, kind, tag;
                    lock (_thingLock)
                    {
                        if (!_requests.RemoveExpired(now, out id, out kind, out tag)) break;
                    }

                    Log(LogLevel.Warning, "thing request timed out");
                    _timeoutReply.SetTimeout(id);
                    if (kind == RequestTable.EventPost && _model != null && tag >= 0)
                    {
                        byte[] name = _model.EventName(tag);
                        _timeoutReply.SetIdentifier(name, 0, name.Length);
                    }

                    RaiseReply(kind, _timeoutReply);
                    _timeoutReply.Clear();
                    ReleaseAbandonedWriters();
                }

                lock (_thingLock)
                {
                    if (_rrpc.RemoveExpired(now) > 0) Log(LogLevel.Warning, "unanswered RRPC call forgotten");
                }
            }
        }

        private void CopyThingOptions(LinkKitOptions options)
        {
            _requestTimeoutMilliseconds = options.RequestTimeoutMilliseconds;
            _rrpcCapacity = options.RrpcCapacity;
            _shadowCacheCapacity = options.ShadowCacheCapacity;
            _subscribeThingTopics = options.SubscribeThingTopics;
        }

        private void CheckThingSetupAllowed()
        {
            lock (_lock)
            {
                if (_state != LinkKitState.Initialized) throw new LinkKitStateException("ThingSetup", _state, "Initialized");
                if (_thingSetUp) throw new InvalidOperationException("ThingSetup was already called.");
            }
        }

        private void CheckThingSetUp(string operation)
        {
            if (!_thingSetUp) throw new InvalidOperationException(operation + " needs ThingSetup first (with a thing model, or none for custom-protocol mode).");
        }

        private static byte[] FixedTopic(byte[] scratch, int length)
        {
            if (length < 0) throw new InvalidOperationException("TopicBufferCapacity is too small for the device's thing topics.");
            byte[] topic = new byte[length];
            Array.Copy(scratch, topic, length);
            return topic;
        }

        /// <summary>
        /// Milliseconds for deadlines: the clock's whole seconds. A deadline is a full second later than the timeout
        /// asks, so nothing expires early; a clock set backwards only delays expiry.
        /// </summary>
        private long NowMilliseconds()
        {
            return _clock.UnixTimeSeconds() * 1000;
        }

        private long Deadline()
        {
            return NowMilliseconds() + _requestTimeoutMilliseconds + 1000;
        }

        private int NextRequestId()
        {
            lock (_thingLock)
            {
                _lastRequestId = _lastRequestId == int.MaxValue ? 1 : _lastRequestId + 1;
                return _lastRequestId;
            }
        }

        private void OnTimeoutTimer(object state)
        {
            try
            {
                ProcessTimeouts();
            }
            catch (Exception)
            {
                Log(LogLevel.Error, "thing timeout processing failed");
            }
        }

        /// <summary>After a connection: subscribe the thing downlinks if asked, then raise ThingEnabled.</summary>
        private void OnThingConnected()
        {
            if (!_thingSetUp) return;
            if (_thingFilters != null)
            {
                lock (_sendLock)
                lock (_lock)
                {
                    int id;
                    try
                    {
                        id = _transport.Subscribe(_thingFilters, _thingFilterQos, _thingFilters.Length);
                    }
                    catch (Exception)
                    {
                        id = ErrorCode.TransportFailed;
                    }

                    _thingSubscribeMessageId = id > 0 ? id : 0;
                    Log(id > 0 ? LogLevel.Info : LogLevel.Warning, id > 0 ? "thing topics subscribed" : "subscribing the thing topics failed");
                }
            }

            _thingEnabled = true;
            RaiseThingStatus(ThingEnabled);
        }

        /// <summary>When a connection ends: raise ThingDisabled once.</summary>
        private void OnThingDisconnected()
        {
            if (!_thingEnabled) return;
            _thingEnabled = false;
            RaiseThingStatus(ThingDisabled);
        }

        private void DisposeThing()
        {
            Timer timer = _timeoutTimer;
            if (timer != null) timer.Dispose();
        }

        private void RaiseThingStatus(ThingStatusHandler handler)
        {
            if (handler == null) return;
            try
            {
                handler(this);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }

        /// <summary>Handles a thing topic; false leaves the message to <see cref="MessageReceived"/>.</summary>
        private bool DispatchThing(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            if (!_thingSetUp) return false;
            int idOffset, idCount;
            long messageId;
            ThingTopicKind kind = _thingTopics.Classify(topic, topicOffset, topicCount, out idOffset, out idCount, out messageId);
            switch (kind)
            {
                case ThingTopicKind.None:
                case ThingTopicKind.PropertyGet:
                    return false;
                case ThingTopicKind.UnknownThing:
                    return Unknown("unknown thing topic; passed to MessageReceived");
                case ThingTopicKind.Uplink:
                    return Echo("own publish echoed by the broker; dropped");
                case ThingTopicKind.Malformed:
                    return Malformed("unusable RRPC topic; dropped");
            }

            if (payloadCount > _payloadCapacity)
            {
                Interlocked.Increment(ref _oversizedMessages);
                Log(LogLevel.Warning, "thing message larger than the payload buffer; dropped");
                return true;
            }

            Thread previous = EnterCallback();
            bool handled = true;
            // No finally: ReleaseAbandonedWriters logs through the app's sink, and on nanoCLR a catch reached from a finally kills the runtime.
            try
            {
                handled = DispatchThingKind(kind, topic, topicOffset, topicCount, idOffset, idCount, messageId, payload, payloadOffset, payloadCount, qos);
            }
            catch (LinkKitStateException)
            {
                Log(LogLevel.Warning, "thing reply not sent: the client is closing");
            }
            catch (Exception)
            {
                Log(LogLevel.Error, "thing message handling failed; dropped");
            }
            ReleaseAbandonedWriters();
            _callbackThread = previous;
            return handled;
        }

        /// <summary>Abandons a post or answer a handler began on this thread but did not end, so the gate is not held forever.</summary>
        private void ReleaseAbandonedWriters()
        {
            if (_requestOwner == Thread.CurrentThread)
            {
                Log(LogLevel.Warning, "a handler left a post unfinished; abandoned");
                CancelPost();
            }

            if (_replyOwner == Thread.CurrentThread)
            {
                Log(LogLevel.Warning, "a handler left a service answer unfinished; abandoned");
                CancelServiceAnswer();
            }
        }

        private bool DispatchThingKind(ThingTopicKind kind, byte[] topic, int topicOffset, int topicCount, int idOffset, int idCount, long messageId, byte[] payload, int offset, int count, int qos)
        {
            switch (kind)
            {
                case ThingTopicKind.PropertySet:
                    OnPropertySet(payload, offset, count);
                    return true;
                case ThingTopicKind.ServiceCall:
                    return OnServiceCall(topic, topicOffset, topicCount, idOffset, idCount, -1, payload, offset, count);
                case ThingTopicKind.SyncServiceCall:
                    return OnServiceCall(topic, topicOffset, topicCount, idOffset, idCount, messageId, payload, offset, count);
                case ThingTopicKind.PropertyPostReply:
                    OnReply(RequestTable.PropertyPost, topic, 0, 0, payload, offset, count);
                    return true;
                case ThingTopicKind.EventPostReply:
                    OnReply(RequestTable.EventPost, topic, idOffset, idCount, payload, offset, count);
                    return true;
                case ThingTopicKind.TagsUpdateReply:
                    OnReply(RequestTable.TagsUpdate, topic, 0, 0, payload, offset, count);
                    return true;
                case ThingTopicKind.TagsDeleteReply:
                    OnReply(RequestTable.TagsDelete, topic, 0, 0, payload, offset, count);
                    return true;
                case ThingTopicKind.RawDown:
                    RaiseRaw(RawDataArrived, payload, offset, count);
                    return true;
                case ThingTopicKind.RawUpReply:
                    RaiseRaw(RawDataReplied, payload, offset, count);
                    return true;
                case ThingTopicKind.ShadowDownlink:
                    OnShadow(payload, offset, count);
                    return true;
                case ThingTopicKind.SystemRrpc:
                    return OnRrpc(RrpcTable.SystemRrpc, messageId, topic, topicOffset, topicCount, topicOffset, topicCount, payload, offset, count, qos);
                default:
                    return OnRrpc(RrpcTable.CustomRrpc, messageId, topic, topicOffset, topicCount, idOffset, idCount, payload, offset, count, qos);
            }
        }

        private bool Malformed(string what)
        {
            Interlocked.Increment(ref _malformedMessages);
            Log(LogLevel.Warning, what);
            return true;
        }

        private bool Unknown(string what)
        {
            Interlocked.Increment(ref _unknownTopicMessages);
            Log(LogLevel.Warning, what);
            return false;
        }

        private bool Echo(string what)
        {
            Interlocked.Increment(ref _echoMessages);
            Log(LogLevel.Debug, what);
            return true;
        }
    }
}
