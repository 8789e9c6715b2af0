using System;
using System.Threading;
using LinkKit.Nano.Client;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// The thing layer a client gets from ThingSetup: the model, the device's topics, the outbound
    /// <see cref="ThingRequests"/> and inbound <see cref="ThingAnswers"/>, the shadow, raw data, the one dispatch switch
    /// for incoming thing topics, the drop counters and the timeout timer. Everything is allocated here, once.
    /// </summary>
    internal sealed partial class ThingLayer
    {
        private const int TimeoutTimerPeriodMilliseconds = 1000;

        private readonly LinkKitClient _client;
        private readonly MqttSession _session;
        private readonly ThingModel _model;
        private readonly ThingTopics _topics;
        private readonly IClock _clock;
        private readonly int _requestTimeoutMilliseconds;
        private readonly ThingRequests _requests;
        private readonly ThingAnswers _answers;
        private readonly ShadowCache _shadow;
        private readonly ShadowDocument _shadowDocument = new ShadowDocument();
        private readonly byte[] _upRawTopic;
        private readonly byte[] _downRawReplyTopic;
        private readonly string[] _filters;
        private readonly int[] _filterQos;
        private readonly object _timeoutGate = new object(); // one ProcessTimeouts at a time (timer vs. application)
        private readonly Timer _timer;
        private bool _enabled;

        private int _malformed;
        private int _unknownTopics;
        private int _oversized;
        private int _unmatched;
        private int _echoes;
        private int _invalidParams;

        /// <exception cref="InvalidOperationException">The session's topic buffer cannot hold the device's thing topics (nothing is kept).</exception>
        public ThingLayer(LinkKitClient client, MqttSession session, ThingModel model, IClock clock, int requestTimeoutMilliseconds, int maxQueued, int rrpcCapacity, int owedReplyCapacity, int offlineQueueBytes, OfflineOverflow offlineOverflow, int shadowCacheCapacity, bool subscribeThingTopics)
        {
            _client = client;
            _session = session;
            _model = model;
            _clock = clock;
            _requestTimeoutMilliseconds = requestTimeoutMilliseconds;
            _topics = new ThingTopics(client.ProductKey, client.DeviceName);
            byte[] scratch = new byte[session.TopicCapacity];

            // The longest fixed topic first, so a too-small topic buffer is refused before anything else is allocated.
            // One envelope reader for the transport thread's replies and requests (the timeout reply never parses).
            AlinkEnvelope envelope = new AlinkEnvelope();
            _answers = new ThingAnswers(this, session, model, _topics, rrpcCapacity, owedReplyCapacity, requestTimeoutMilliseconds, scratch, envelope);
            _requests = new ThingRequests(this, session, model, _topics, maxQueued, scratch, envelope, clock, offlineQueueBytes, offlineOverflow == OfflineOverflow.DropOldest);
            _upRawTopic = FixedTopic(scratch, _topics.WriteUpRawTopic(scratch, 0, scratch.Length));
            _downRawReplyTopic = FixedTopic(scratch, _topics.WriteDownRawReplyTopic(scratch, 0, scratch.Length));
            if (subscribeThingTopics)
            {
                _filters = _topics.WithFieldServiceFilters(_topics.GetDownlinkFilters(model));
                _filterQos = new int[_filters.Length];   // QoS 0, as the Python SDK 1.0.0 subscribed them
            }

            _shadow = new ShadowCache(shadowCacheCapacity);
            _timer = new Timer(OnTimer, null, TimeoutTimerPeriodMilliseconds, TimeoutTimerPeriodMilliseconds);
        }

        public LinkKitClient Client { get { return _client; } }

        public ThingModel Model { get { return _model; } }

        public ThingTopics Topics { get { return _topics; } }

        public ThingRequests Requests { get { return _requests; } }

        public byte[] UpRawTopic { get { return _upRawTopic; } }

        public ThingAnswers Answers { get { return _answers; } }

        public ShadowCache Shadow { get { return _shadow; } }

        public bool IsEnabled { get { return _enabled; } }

        public int MalformedCount { get { return _malformed; } }

        public int UnknownTopicCount { get { return _unknownTopics; } }

        public int OversizedCount { get { return _oversized; } }

        public int UnmatchedCount { get { return _unmatched; } }

        public int EchoCount { get { return _echoes; } }

        public int InvalidParamsCount { get { return _invalidParams; } }

        /// <summary>A topic of <paramref name="length"/> bytes written into <paramref name="scratch"/>, kept in an array of its own.</summary>
        /// <exception cref="InvalidOperationException"><paramref name="length"/> is an error: the topic did not fit.</exception>
        public static byte[] FixedTopic(byte[] scratch, int length)
        {
            if (length < 0) throw new InvalidOperationException("TopicBufferCapacity is too small for the device's thing topics.");
            byte[] topic = new byte[length];
            Array.Copy(scratch, topic, length);
            return topic;
        }

        /// <summary>Raw bytes up (<c>…/thing/model/up_raw</c>) or the answer to raw data down (<c>…/down_raw_reply</c>), QoS 0.</summary>
        public int SendRaw(bool reply, string operation, byte[] data, int offset, int count)
        {
            data = MqttSession.CheckPayloadArguments(data, offset, count);
            if (!reply && _requests.KeepsPosts) return _requests.Keep(AlinkKind.RawUp, -1, 0, data, offset, count, operation);
            byte[] topic = reply ? _downRawReplyTopic : _upRawTopic;
            return _session.Send(operation, topic, topic.Length, data, offset, count, 0);
        }

        /// <summary>
        /// Milliseconds for deadlines: the clock's whole seconds. A deadline is a full second later than the timeout
        /// asks, so nothing expires early; a clock set backwards only delays expiry.
        /// </summary>
        public long Deadline()
        {
            return Now() + _requestTimeoutMilliseconds + 1000;
        }

        private long Now()
        {
            return _clock.UnixTimeSeconds() * 1000;
        }

        /// <summary>After a connection: subscribe the thing downlinks if asked, send the replies still owed, then raise ThingEnabled.</summary>
        public void OnConnected()
        {
            if (_filters != null) _session.SubscribeThingTopics(_filters, _filterQos);
            _requests.RewindKept();
            SendWaiting();
            _requests.OnConnected();
            _enabled = true;
            _client.RaiseThingStatus(true);
        }

        /// <summary>
        /// After an acknowledgement freed a window slot, a reply or timeout freed a table slot, or a connection came
        /// up: owed property-set replies first, then kept posts.
        /// </summary>
        public void SendWaiting()
        {
            _answers.SendOwed();
            _requests.SendKept();
        }

        /// <summary>When a connection ends: raise ThingDisabled once.</summary>
        public void OnDisconnected()
        {
            if (!_enabled) return;
            _enabled = false;
            _client.RaiseThingStatus(false);
        }

        public void Dispose()
        {
            _timer.Dispose();
        }

        public void ProcessTimeouts()
        {
            lock (_timeoutGate)
            {
                long now = Now();
                _requests.ProcessTimeouts(now);
                _answers.ExpireCalls(now);
            }

            SendWaiting();
        }

        private void OnTimer(object state)
        {
            try
            {
                ProcessTimeouts();
            }
            catch (Exception)
            {
                _client.Log(LogLevel.Error, "thing timeout processing failed");
            }
        }

        /// <summary>Handles a thing topic; false leaves the message to the application's MessageReceived.</summary>
        public bool Dispatch(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            int idOffset, idCount;
            long messageId;
            AlinkKind kind = _topics.Classify(topic, topicOffset, topicCount, out idOffset, out idCount, out messageId);
            switch (kind)
            {
                case AlinkKind.None:
                case AlinkKind.PropertyGet:
                    return false;
                case AlinkKind.UnknownThing:
                    return Unknown("unknown thing topic; passed to MessageReceived");
                case AlinkKind.Uplink:
                    return Echo("own publish echoed by the broker; dropped");
                case AlinkKind.Malformed:
                    return Malformed("unusable RRPC topic; dropped");
                case AlinkKind.Broadcast:
                    return OnBroadcast(messageId, topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
            }

            if (payloadCount > _session.PayloadCapacity)
            {
                Interlocked.Increment(ref _oversized);
                _client.Log(LogLevel.Warning, "thing message larger than the payload buffer; dropped");
                return true;
            }

            bool handled = true;
            // No finally: ReleaseAbandoned logs through the app's sink, and on nanoCLR a catch reached from a finally kills the runtime.
            try
            {
                handled = Route(kind, topic, topicOffset, topicCount, idOffset, idCount, messageId, payload, payloadOffset, payloadCount, qos);
            }
            catch (LinkKitStateException)
            {
                _client.Log(LogLevel.Warning, "thing reply not sent: the client is closing");
            }
            catch (Exception)
            {
                _client.Log(LogLevel.Error, "thing message handling failed; dropped");
            }

            ReleaseAbandoned();
            return handled;
        }

        /// <summary>The one switch from an Alink kind to its handling.</summary>
        private bool Route(AlinkKind kind, byte[] topic, int topicOffset, int topicCount, int idOffset, int idCount, long messageId, byte[] payload, int offset, int count, int qos)
        {
            switch (kind)
            {
                case AlinkKind.PropertySet:
                    _answers.OnPropertySet(payload, offset, count);
                    return true;
                case AlinkKind.Service:
                    return _answers.OnServiceCall(topic, topicOffset, topicCount, idOffset, idCount, -1, payload, offset, count);
                case AlinkKind.SyncService:
                    return _answers.OnServiceCall(topic, topicOffset, topicCount, idOffset, idCount, messageId, payload, offset, count);
                case AlinkKind.PropertyPost:
                case AlinkKind.EventPost:
                case AlinkKind.TagsUpdate:
                case AlinkKind.TagsRemove:
                case AlinkKind.BatchPost:
                case AlinkKind.HistoryPost:
                case AlinkKind.DesiredGet:
                case AlinkKind.DesiredDelete:
                    _requests.OnReply(kind, topic, idOffset, idCount, payload, offset, count);
                    return true;
                case AlinkKind.RawDown:
                case AlinkKind.RawUp:
                    _client.RaiseRaw(kind == AlinkKind.RawDown, payload, offset, count);
                    return true;
                case AlinkKind.Shadow:
                    OnShadow(payload, offset, count);
                    return true;
                case AlinkKind.LogSwitch:
                    _requests.OnLogSwitchReply(payload, offset, count);
                    return true;
                case AlinkKind.LogSwitchPush:
                    _answers.OnLogSwitchPush(payload, offset, count);
                    return true;
                case AlinkKind.BootstrapNotify:
                    _answers.OnBootstrapNotify(payload, offset, count);
                    return true;
                case AlinkKind.LogPost:
                    // The answer to a device log post, if the cloud sends one. Dropped without a log line: a line here
                    // would go back to the cloud through a DeviceLogSink and come back as another answer.
                    return true;
                default: // SystemRrpc, CustomRrpc
                    return _answers.OnRrpc(kind, messageId, topic, topicOffset, topicCount, idOffset, idCount, payload, offset, count, qos);
            }
        }

        /// <summary>Abandons a post or answer a handler began on this thread but did not end, so its gate is not held forever.</summary>
        public void ReleaseAbandoned()
        {
            if (_requests.ReleaseAbandoned()) _client.Log(LogLevel.Warning, "a handler left a post unfinished; abandoned");
            if (_answers.ReleaseAbandoned()) _client.Log(LogLevel.Warning, "a handler left a service answer unfinished; abandoned");
        }

        private void OnShadow(byte[] payload, int offset, int count)
        {
            ShadowDocument document = _shadowDocument;
            if (document.Parse(payload, offset, count) != ErrorCode.Ok)
            {
                document.Clear();
                Malformed("malformed shadow message; dropped");
                return;
            }

            _shadow.Update(document);
            _client.RaiseShadow(document);
            document.Clear();
        }

        public bool Malformed(string what)
        {
            Interlocked.Increment(ref _malformed);
            _client.Log(LogLevel.Warning, what);
            return true;
        }

        public bool Unknown(string what)
        {
            Interlocked.Increment(ref _unknownTopics);
            _client.Log(LogLevel.Warning, what);
            return false;
        }

        public bool Echo(string what)
        {
            Interlocked.Increment(ref _echoes);
            _client.Log(LogLevel.Debug, what);
            return true;
        }

        public void Unmatched()
        {
            Interlocked.Increment(ref _unmatched);
            _client.Log(LogLevel.Warning, "thing reply matches no pending request; dropped");
        }

        public void InvalidParams()
        {
            Interlocked.Increment(ref _invalidParams);
            _client.Log(LogLevel.Warning, "params break the thing model; answered 460");
        }
    }
}
