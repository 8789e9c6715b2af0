using System;
using System.Threading;
using LinkKit.Nano.Client;
using LinkKit.Nano.Json;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// The inbound half of the thing layer: property sets, service calls (asynchronous and synchronous) and RRPC
    /// requests, checked against the model and raised; their answers, built through the answer gate's builder; and
    /// the table of calls awaiting an answer on a topic the SDK must remember.
    /// </summary>
    /// <remarks>
    /// A synchronous service call goes: recorded under its Alink id with its RRPC topic → raised → BeginServiceAnswer
    /// finds it once (a <see cref="ServiceCall"/> of an asynchronous call never touches the table) and takes its topic →
    /// EndServiceAnswer marks its message id answered before publishing, so the broker's echo is recognised.
    /// </remarks>
    internal sealed partial class ThingAnswers
    {
        private readonly ThingLayer _layer;
        private readonly MqttSession _session;
        private readonly ThingModel _model;
        private readonly ThingTopics _topics;
        private readonly LendingGate _gate = new LendingGate("This thread is building a service answer: call EndServiceAnswer (or CancelServiceAnswer) first.");
        private readonly byte[] _buffer;
        private readonly byte[] _topic;
        private readonly byte[] _propertySetReplyTopic;

        // Guarded by _lock.
        private readonly object _lock = new object();
        private readonly RrpcTable _table;
        private readonly OwedReplies _owed;

        // The one sender of owed replies at a time (a set handler's thread, or the thread an acknowledgement came on).
        private readonly object _drainLock = new object();
        private readonly AlinkMessageBuilder _owedBuilder = new AlinkMessageBuilder();
        private readonly byte[] _owedBuffer = new byte[OwedReplyBytes];
        private readonly AutoResetEvent _owedSpace = new AutoResetEvent(false);
        private readonly int _owedWaitMilliseconds;
        private int _droppedReplies;

        // {"code":-2147483648,"data":{},"id":"-9223372036854775808","message":"…","version":"1.0"} with room to spare.
        private const int OwedReplyBytes = 160;

        // How long a handler whose owed-reply queue is full first waits to learn whether acknowledgements can arrive meanwhile.
        private const int OwedProbeMilliseconds = 1000;

        // The open answer: written and read only by the thread holding the gate.
        private bool _open;
        private int _topicLength;
        private bool _sync;
        private long _syncMessageId;

        // The transport thread's, one message at a time.
        private readonly AlinkEnvelope _envelope;
        private readonly JsonReader _paramsReader = new JsonReader();
        private readonly ThingParamsValidator _validator = new ThingParamsValidator();
        private readonly ServiceCall _call = new ServiceCall();
        private readonly RrpcRequest _rrpcRequest = new RrpcRequest();

        public ThingAnswers(ThingLayer layer, MqttSession session, ThingModel model, ThingTopics topics, int rrpcCapacity, int owedReplyCapacity, int owedWaitMilliseconds, byte[] scratch, AlinkEnvelope envelope)
        {
            _owed = new OwedReplies(owedReplyCapacity);
            _owedWaitMilliseconds = owedWaitMilliseconds;
            _envelope = envelope;
            _layer = layer;
            _session = session;
            _model = model;
            _topics = topics;
            _propertySetReplyTopic = ThingLayer.FixedTopic(scratch, topics.WritePropertySetReplyTopic(scratch, 0, scratch.Length));
            _topic = new byte[scratch.Length];
            _buffer = new byte[session.PayloadCapacity];
            _table = new RrpcTable(rrpcCapacity, scratch.Length, 16);
        }

        public ThingWriter BeginServiceAnswer(string identifier, long requestId, int code)
        {
            int service = _model != null ? _model.FindService(identifier) : -1;
            _gate.Enter(true);
            int topicLength = TakeSyncTopic(requestId);
            if (topicLength == 0) topicLength = _topics.WriteServiceReplyTopic(identifier, _topic, 0, _topic.Length);
            return Open(service, requestId, code, topicLength);
        }

        public ThingWriter BeginServiceAnswer(ServiceCall call, int code)
        {
            if (call.IdentifierBuffer == null) throw new InvalidOperationException("The ServiceCall is only valid during its handler; answer with the identifier and request id instead.");
            _gate.Enter(true);
            int topicLength = call.IsSync ? TakeSyncTopic(call.RequestId) : 0;
            if (topicLength == 0)
            {
                topicLength = _topics.WriteServiceReplyTopic(call.IdentifierBuffer, call.IdentifierOffset, call.IdentifierCount, _topic, 0, _topic.Length);
            }

            return Open(_model != null ? call.ServiceIndex : -1, call.RequestId, code, topicLength);
        }

        public int EndServiceAnswer()
        {
            bool owned = false;
            try
            {
                // Checked inside the try (see LendingGate): the finally must not release an answer still open.
                if (!_gate.IsHeld || !_open)
                {
                    throw new InvalidOperationException("EndServiceAnswer does not match a BeginServiceAnswer call made on this thread.");
                }

                owned = true;
                int length = _gate.Builder.End();
                if (length < 0) return length;
                if (_topicLength < 0) return ErrorCode.TopicTooLong;
                if (_sync)
                {
                    // Before publishing: the echo of this answer may arrive on another thread at once.
                    lock (_lock)
                    {
                        _table.CompleteMessage(_syncMessageId);
                    }
                }

                return _session.Send("EndServiceAnswer", _topic, _topicLength, _buffer, 0, length, 0);
            }
            finally
            {
                if (owned) Close();
            }
        }

        public void Cancel()
        {
            if (!_gate.IsHeld) return;
            if (_open) _gate.Builder.Abandon();
            Close();
        }

        /// <summary>True (and the answer abandoned) when the calling thread left an answer open.</summary>
        public bool ReleaseAbandoned()
        {
            if (!_gate.IsHeld) return false;
            Cancel();
            return true;
        }

        public int AnswerRrpc(long messageId, byte[] payload, int offset, int count)
        {
            payload = MqttSession.CheckPayloadArguments(payload, offset, count);
            bool entered = false;
            try
            {
                _gate.Enter(false); // inside the try: see LendingGate
                entered = true;
                int topicLength;
                lock (_lock)
                {
                    int slot = _table.Find(AlinkKind.CustomRrpc, messageId);
                    if (slot >= 0)
                    {
                        topicLength = _table.TopicLengthAt(slot);
                        Array.Copy(_table.TopicAt(slot), 0, _topic, 0, topicLength);
                    }
                    else
                    {
                        slot = _table.Find(AlinkKind.SystemRrpc, messageId);
                        if (slot < 0) return ErrorCode.RequestNotPending;
                        topicLength = _topics.WriteSystemRrpcResponseTopic(messageId, _topic, 0, _topic.Length);
                        if (topicLength < 0) return ErrorCode.TopicTooLong;
                    }

                    // Remembered before publishing: the echo of this answer may arrive on another thread at once.
                    _table.Complete(slot);
                }

                return _session.Send("AnswerRrpc", _topic, topicLength, payload, offset, count, 0);
            }
            finally
            {
                if (entered) Close();
            }
        }

        /// <summary>Forgets calls whose caller has given up.</summary>
        public void ExpireCalls(long now)
        {
            lock (_lock)
            {
                if (_table.RemoveExpired(now) > 0) _layer.Client.Log(LogLevel.Warning, "unanswered RRPC call forgotten");
            }
        }

        public void OnPropertySet(byte[] payload, int offset, int count)
        {
            AlinkEnvelope request = _envelope;
            if (!ReadRequest(payload, offset, count))
            {
                _layer.Malformed("malformed property set; dropped");
                return;
            }

            long id = request.Id;
            int code = LinkKitClient.ReplySuccess;
            if (request.ParamsStart < 0)
            {
                _layer.Malformed("property set without params object; answered 460");
                code = LinkKitClient.ReplyInvalidParams;
            }
            else if (!CheckParams(payload, request.ParamsStart, request.ParamsEnd, _model != null ? _model.FirstProperty : -1))
            {
                code = LinkKitClient.ReplyInvalidParams;
            }
            else
            {
                _paramsReader.Reset(payload, request.ParamsStart, request.ParamsEnd - request.ParamsStart);
                _paramsReader.Read();
                _layer.Client.RaisePropertySet(id, _paramsReader, ref code);
            }

            Owe(id, code);
        }

        /// <summary>Property-set replies dropped because <see cref="LinkKitOptions.OwedReplyCapacity"/> replies were already waiting.</summary>
        public int DroppedReplyCount
        {
            get { return _droppedReplies; }
        }

        /// <summary>
        /// Queues the reply to a property set, then sends what the window allows. A reply is never dropped for a full
        /// window: it waits for the next acknowledgement or connection. When the queue is full too, this thread waits
        /// for room (bounded by the request timeout) if acknowledgements can arrive meanwhile, which also slows the
        /// cloud's sending through TCP; only then, or when they cannot, is a reply dropped (counted, logged).
        /// </summary>
        private void Owe(long id, int code)
        {
            bool kept = TryOwe(id, code);
            int concurrency = kept ? -1 : _session.AckConcurrency;
            if (concurrency >= 0)
            {
                // Not known yet: one short probe, which an acknowledgement arriving meanwhile turns into a yes.
                long wait = concurrency > 0 ? _owedWaitMilliseconds : OwedProbeMilliseconds;
                long deadline = DateTime.UtcNow.Ticks + wait * TimeSpan.TicksPerMillisecond;
                while (!kept)
                {
                    long left = (deadline - DateTime.UtcNow.Ticks) / TimeSpan.TicksPerMillisecond;
                    if (left <= 0) break;
                    if (left > wait) left = wait;   // the clock was set back meanwhile: never wait longer than asked
                    _owedSpace.WaitOne((int)left, false);
                    kept = TryOwe(id, code);
                }

                if (!kept && _session.AckConcurrency == 0) _session.MarkAcksNotConcurrent();
            }

            if (!kept)
            {
                Interlocked.Increment(ref _droppedReplies);
                _layer.Client.Log(LogLevel.Warning, "property set reply dropped: the owed-reply queue is full");
            }

            SendOwed();
        }

        private bool TryOwe(long id, int code)
        {
            lock (_lock)
            {
                return _owed.Add(id, code);
            }
        }

        /// <summary>Sends owed replies, oldest first, until none is left or the window or the connection stops them.</summary>
        public void SendOwed()
        {
            lock (_drainLock)
            {
                while (true)
                {
                    long id;
                    int code;
                    lock (_lock)
                    {
                        if (!_owed.Peek(out id, out code)) break;
                    }

                    int length = _owedBuilder.WriteReply(id, code, _owedBuffer, 0, _owedBuffer.Length);
                    int rc = length < 0 ? length : _session.SendOwed("PropertySet reply", _propertySetReplyTopic, _propertySetReplyTopic.Length, _owedBuffer, 0, length);
                    if (rc == ErrorCode.InflightFull || rc == ErrorCode.NotConnected)
                    {
                        _session.SetOwedWaiting(true);
                        return;
                    }

                    lock (_lock)
                    {
                        _owed.RemoveFirst();
                    }

                    _owedSpace.Set();

                    if (rc != ErrorCode.Ok)
                    {
                        Interlocked.Increment(ref _droppedReplies);
                        _layer.Client.Log(LogLevel.Warning, "property set reply dropped: the transport refused it");
                    }
                }

                _session.SetOwedWaiting(false);
            }
        }

        /// <summary>An asynchronous or synchronous (<paramref name="rrpcMessageId"/> ≥ 0) service call; false leaves it to MessageReceived.</summary>
        public bool OnServiceCall(byte[] topic, int topicOffset, int topicCount, int idOffset, int idCount, long rrpcMessageId, byte[] payload, int offset, int count)
        {
            bool sync = rrpcMessageId >= 0;
            int service = -1;
            if (_model != null)
            {
                service = _model.FindService(topic, idOffset, idCount);
                if (service < 0) return _layer.Unknown("call of a service the thing model does not declare; passed to MessageReceived");
            }

            if (sync)
            {
                lock (_lock)
                {
                    if (_table.IsKnown(rrpcMessageId)) return _layer.Echo("RRPC message seen before (echo or duplicate); dropped");
                }
            }

            AlinkEnvelope request = _envelope;
            if (!ReadRequest(payload, offset, count)) return _layer.Malformed("malformed service call; dropped");
            long id = request.Id;
            int paramsStart = request.ParamsStart, paramsEnd = request.ParamsEnd;
            if (sync)
            {
                int rc;
                lock (_lock)
                {
                    rc = _table.Add(AlinkKind.SyncService, id, rrpcMessageId, topic, topicOffset, topicCount, _layer.Deadline());
                }

                if (rc != ErrorCode.Ok) return _layer.Malformed("synchronous service topic longer than the topic buffer; dropped");
            }

            ServiceCall call = _call;
            try
            {
                call.Set(topic, idOffset, idCount, service, id, sync, rrpcMessageId, payload, paramsStart, paramsEnd);
                if (paramsStart < 0)
                {
                    _layer.Malformed("service call without params object; answered 460");
                    Answer(call, LinkKitClient.ReplyInvalidParams);
                }
                else if (!CheckParams(payload, paramsStart, paramsEnd, service >= 0 ? _model.GetServiceFirstInput(service) : -1))
                {
                    Answer(call, LinkKitClient.ReplyInvalidParams);
                }
                else if (!_layer.Client.RaiseServiceCalled(call))
                {
                    _layer.Client.Log(LogLevel.Warning, "service call without a ServiceCalled handler; answered 100000");
                    Answer(call, LinkKitClient.ReplyServiceNotHandled);
                }
            }
            finally
            {
                call.Clear();
            }

            return true;
        }

        /// <summary>A system or custom RRPC request: dropped when seen before, else recorded and raised; false leaves it to MessageReceived.</summary>
        public bool OnRrpc(AlinkKind kind, long messageId, byte[] topic, int topicOffset, int topicCount, int idOffset, int idCount, byte[] payload, int offset, int count, int qos)
        {
            if (!_layer.Client.HasRrpcHandler) return false;
            bool system = kind == AlinkKind.SystemRrpc;
            int rc;
            lock (_lock)
            {
                if (_table.IsKnown(messageId)) return _layer.Echo("RRPC message seen before (echo or duplicate); dropped");

                // A system RRPC's answer topic is derived from the id: nothing to store.
                rc = _table.Add(kind, messageId, messageId, topic, topicOffset, system ? 0 : topicCount, _layer.Deadline());
            }

            if (rc != ErrorCode.Ok) return _layer.Malformed("RRPC topic longer than the topic buffer; dropped");
            RrpcRequest request = _rrpcRequest;
            try
            {
                // A system request is shown whole; a custom one as the topic after /ext/rrpc/{messageId}.
                if (system) request.Set(messageId, true, topic, topicOffset, topicCount, payload, offset, count, qos);
                else request.Set(messageId, false, topic, idOffset, idCount, payload, offset, count, qos);
                _layer.Client.RaiseRrpc(request);
            }
            finally
            {
                request.Clear();
            }

            return true;
        }

        private int Answer(ServiceCall call, int code)
        {
            BeginServiceAnswer(call, code);
            return EndServiceAnswer();
        }

        /// <summary>Copies the RRPC topic of a pending synchronous call into the answer topic; its length, or 0 when none is pending.</summary>
        private int TakeSyncTopic(long requestId)
        {
            _sync = false;
            lock (_lock)
            {
                int slot = _table.Find(AlinkKind.SyncService, requestId);
                if (slot < 0) return 0;
                int length = _table.TopicLengthAt(slot);
                Array.Copy(_table.TopicAt(slot), 0, _topic, 0, length);
                _sync = true;
                _syncMessageId = _table.MessageIdAt(slot);
                return length;
            }
        }

        private ThingWriter Open(int service, long requestId, int code, int topicLength)
        {
            _topicLength = topicLength;
            _open = true;
            AlinkMessageBuilder builder = _gate.Builder;
            if (_model != null && service < 0) return builder.BeginRefused(ErrorCode.ServiceNotDeclared);
            int firstOutput = service >= 0 ? _model.GetServiceFirstOutput(service) : -1;
            return builder.BeginReply(service >= 0 ? _model : null, firstOutput, requestId, code, _buffer, 0, _buffer.Length);
        }

        private void Close()
        {
            _open = false;
            _gate.Exit();
        }

        /// <summary>A downlink request with a usable id (params may be missing: <see cref="AlinkEnvelope.ParamsStart"/> -1).</summary>
        private bool ReadRequest(byte[] payload, int offset, int count)
        {
            AlinkEnvelope e = _envelope;
            return e.Read(payload, offset, count, false) == ErrorCode.Ok && e.HasId && e.Id >= 0;
        }

        /// <summary>Checks params against the list from <paramref name="firstNode"/> when there is a model; counts and logs a refusal.</summary>
        private bool CheckParams(byte[] payload, int start, int end, int firstNode)
        {
            if (_model == null) return true;
            JsonReader r = _envelope.Reader;
            r.Reset(payload, start, end - start);
            r.Read();
            int rc = _validator.Validate(r, _model, firstNode);
            if (rc == ErrorCode.Ok) return true;
            _layer.InvalidParams();
            return false;
        }
    }
}
