using System;
using System.Threading;
using LinkKit.Nano.Client;
using LinkKit.Nano.Json;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>
    /// Handles <see cref="LinkKitClient.PropertySet"/> (Python's <c>on_thing_prop_changed(params)</c>): read the
    /// values in place and choose the reply code; the SDK replies after the handler returns.
    /// </summary>
    /// <param name="sender">The client.</param>
    /// <param name="requestId">The set's Alink id.</param>
    /// <param name="parameters">A reader standing on the params object's StartObject, lent: valid only during the call.</param>
    /// <param name="replyCode">The code to reply with: 200 unless the handler changes it (e.g. 460 for a value it cannot apply).</param>
    public delegate void PropertySetHandler(LinkKitClient sender, long requestId, JsonReader parameters, ref int replyCode);

    /// <summary>Handles <see cref="LinkKitClient.ServiceCalled"/> (Python's <c>on_thing_call_service</c>).</summary>
    /// <param name="sender">The client.</param>
    /// <param name="call">The call, lent: valid only during the handler call.</param>
    public delegate void ServiceCalledHandler(LinkKitClient sender, ServiceCall call);

    public sealed partial class LinkKitClient
    {
        /// <summary>The default reply code: success.</summary>
        public const int ReplySuccess = 200;

        /// <summary>The reply code for params the device refuses ("request parameter error").</summary>
        public const int ReplyInvalidParams = 460;

        /// <summary>The reply code when the device failed internally (a handler threw).</summary>
        public const int ReplyDeviceError = 400;

        /// <summary>
        /// The reply code for a service call that arrived while no <see cref="ServiceCalled"/> handler was attached: a
        /// device-defined code (the platform accepts 100000–110000), answered at once so a synchronous caller learns it
        /// now instead of waiting for its timeout.
        /// </summary>
        public const int ReplyServiceNotHandled = 100000;

        // The reply side: the gate held from BeginServiceAnswer to EndServiceAnswer, and by the SDK's own replies.
        private readonly object _replyGate = new object();
        private Thread _replyOwner;
        private AlinkMessageBuilder _replyBuilder;
        private byte[] _replyBuffer;
        private byte[] _replyTopic;
        private int _replyTopicLength;
        private bool _replyIsSync;
        private long _replyRequestId;
        private long _replyMessageId;
        private bool _replyOpen;

        /// <summary>
        /// The cloud sets properties (<c>…/thing/service/property/set</c>). With a thing model the params are checked
        /// first: an undeclared property or a value breaking its specs is answered 460 without calling the handler.
        /// The reply (<c>{"id":"…","code":200,"data":{}}</c>, QoS 1) is sent after the handler returns, with the code it
        /// chose; 400 if it threw; 200 when no handler is attached (as Python).
        /// </summary>
        public event PropertySetHandler PropertySet;

        /// <summary>
        /// The cloud calls a service, asynchronously (<c>…/thing/service/{id}</c>) or synchronously (through
        /// <c>/ext/rrpc/…</c>). With a thing model the service must be declared (else the message goes to
        /// <see cref="MessageReceived"/>) and its params are checked (bad params are answered 460 without calling the
        /// handler). Answer with AnswerService or BeginServiceAnswer/EndServiceAnswer.
        /// </summary>
        public event ServiceCalledHandler ServiceCalled;

        /// <summary>
        /// Starts the answer to a service call (Python's <c>thing_answer_service(identifier, request_id, code, data)</c>):
        /// write its output data, then call <see cref="EndServiceAnswer"/>. A synchronous call still awaiting its answer
        /// is answered on its RRPC topic, any other on <c>…/thing/service/{identifier}_reply</c>. With a model, the data
        /// is checked against the service's outputs, and an undeclared service makes the End call return
        /// <see cref="ErrorCode.ServiceNotDeclared"/>. The writer is lent as for <see cref="BeginPropertyPost"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public ThingWriter BeginServiceAnswer(string identifier, long requestId, int code)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            CheckThingSetUp("BeginServiceAnswer");
            int service = _model != null ? _model.FindService(identifier) : -1;
            EnterReply(true);
            int topicLength = FindSyncTopic(requestId);
            if (topicLength == 0) topicLength = _thingTopics.WriteServiceReplyTopic(identifier, _replyTopic, 0, _replyTopic.Length);
            return StartAnswer(service, requestId, code, topicLength);
        }

        /// <summary>Starts the answer to <paramref name="call"/> (inside its handler): as <see cref="BeginServiceAnswer(string, long, int)"/>, without allocating.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="call"/> is null.</exception>
        public ThingWriter BeginServiceAnswer(ServiceCall call, int code)
        {
            if (call == null) throw new ArgumentNullException("call");
            CheckThingSetUp("BeginServiceAnswer");
            if (call.IdentifierBuffer == null) throw new InvalidOperationException("The ServiceCall is only valid during its handler; answer with the identifier and request id instead.");
            EnterReply(true);
            int topicLength = FindSyncTopic(call.RequestId);
            if (topicLength == 0)
            {
                topicLength = _thingTopics.WriteServiceReplyTopic(call.IdentifierBuffer, call.IdentifierOffset, call.IdentifierCount, _replyTopic, 0, _replyTopic.Length);
            }

            return StartAnswer(_model != null ? call.ServiceIndex : -1, call.RequestId, code, topicLength);
        }

        /// <summary>Sends the answer begun by BeginServiceAnswer (QoS 0).</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; the writer's first error; <see cref="ErrorCode.TopicTooLong"/>; a Publish result.</returns>
        /// <exception cref="InvalidOperationException">No answer was begun on this thread.</exception>
        public int EndServiceAnswer()
        {
            bool owned = false;
            try
            {
                // Checked inside the try, as in EndRequest: the finally must not release an answer still open.
                if (_replyOwner != Thread.CurrentThread || !_replyOpen)
                {
                    throw new InvalidOperationException("EndServiceAnswer does not match a BeginServiceAnswer call made on this thread.");
                }

                owned = true;
                int length = _replyBuilder.End();
                if (length < 0) return length;
                if (_replyTopicLength < 0) return ErrorCode.TopicTooLong;
                if (_replyIsSync) MarkSyncAnswered(_replyRequestId, _replyMessageId);
                return PublishThing(_replyTopic, _replyTopicLength, _replyBuffer, length, 0);
            }
            finally
            {
                if (owned) ExitReply();
            }
        }

        /// <summary>Answers a service call with <paramref name="code"/> and empty data <c>{}</c>. Results as <see cref="EndServiceAnswer"/>.</summary>
        public int AnswerService(string identifier, long requestId, int code)
        {
            BeginServiceAnswer(identifier, requestId, code);
            return EndServiceAnswer();
        }

        /// <summary>Answers <paramref name="call"/> (inside its handler) with <paramref name="code"/> and empty data. Results as <see cref="EndServiceAnswer"/>.</summary>
        public int AnswerService(ServiceCall call, int code)
        {
            BeginServiceAnswer(call, code);
            return EndServiceAnswer();
        }

        /// <summary>Abandons the service answer this thread began (nothing is sent; a synchronous call stays unanswered).</summary>
        public void CancelServiceAnswer()
        {
            if (_replyOwner != Thread.CurrentThread) return;
            if (_replyOpen) _replyBuilder.Abandon();
            ExitReply();
        }

        private void EnterReply(bool restart)
        {
            Thread current = Thread.CurrentThread;
            if (_replyOwner == current)
            {
                if (!restart) throw new InvalidOperationException("This thread is building a service answer: call EndServiceAnswer (or CancelServiceAnswer) first.");
                _replyBuilder.Abandon();
                return;
            }

            Monitor.Enter(_replyGate);
            _replyOwner = current;
        }

        private void ExitReply()
        {
            _replyOpen = false;
            _replyOwner = null;
            Monitor.Exit(_replyGate);
        }

        /// <summary>Copies the RRPC topic of a pending synchronous call into the reply topic buffer; returns its length, or 0 when none is pending.</summary>
        private int FindSyncTopic(long requestId)
        {
            _replyIsSync = false;
            lock (_thingLock)
            {
                int slot = _rrpc.Find(RrpcTable.SyncService, requestId);
                if (slot < 0) return 0;
                int length = _rrpc.TopicLengthAt(slot);
                Array.Copy(_rrpc.TopicAt(slot), 0, _replyTopic, 0, length);
                _replyIsSync = true;
                _replyRequestId = requestId;
                _replyMessageId = _rrpc.MessageIdAt(slot);
                return length;
            }
        }

        private ThingWriter StartAnswer(int service, long requestId, int code, int topicLength)
        {
            _replyTopicLength = topicLength;
            _replyOpen = true;
            if (_model != null && service < 0) return _replyBuilder.BeginRefused(ErrorCode.ServiceNotDeclared);
            int firstOutput = service >= 0 ? _model.GetServiceFirstOutput(service) : -1;
            return _replyBuilder.BeginReply(service >= 0 ? _model : null, firstOutput, requestId, code, _replyBuffer, 0, _replyBuffer.Length);
        }

        /// <summary>Forgets a synchronous call and remembers its message id before the answer is published, so its echo is recognised.</summary>
        private void MarkSyncAnswered(long requestId, long messageId)
        {
            lock (_thingLock)
            {
                int slot = _rrpc.Find(RrpcTable.SyncService, requestId);
                if (slot >= 0) _rrpc.Complete(slot);
                else _rrpc.RememberAnswered(messageId);
            }
        }

        private void OnPropertySet(byte[] payload, int offset, int count)
        {
            long id;
            int paramsStart, paramsEnd;
            if (!ReadRequest(payload, offset, count, out id, out paramsStart, out paramsEnd))
            {
                Malformed("malformed property set; dropped");
                return;
            }

            int code = ReplySuccess;
            if (paramsStart < 0)
            {
                Malformed("property set without params object; answered 460");
                code = ReplyInvalidParams;
            }
            else if (!CheckParams(payload, paramsStart, paramsEnd, _model != null ? _model.FirstProperty : -1))
            {
                code = ReplyInvalidParams;
            }
            else
            {
                PropertySetHandler handler = PropertySet;
                if (handler != null)
                {
                    JsonReader parameters = LendParams(payload, paramsStart, paramsEnd);
                    try
                    {
                        handler(this, id, parameters, ref code);
                    }
                    catch (Exception)
                    {
                        HandlerThrew();
                        code = ReplyDeviceError;
                    }
                }
            }

            SendReply(_propertySetReplyTopic, _propertySetReplyTopic.Length, id, code, 1);
        }

        private bool OnServiceCall(byte[] topic, int topicOffset, int topicCount, int idOffset, int idCount, long rrpcMessageId, byte[] payload, int offset, int count)
        {
            bool sync = rrpcMessageId >= 0;
            int service = -1;
            if (_model != null)
            {
                service = _model.FindService(topic, idOffset, idCount);
                if (service < 0) return Unknown("call of a service the thing model does not declare; passed to MessageReceived");
            }

            if (sync)
            {
                lock (_thingLock)
                {
                    if (_rrpc.IsKnown(rrpcMessageId)) return Echo("RRPC message seen before (echo or duplicate); dropped");
                }
            }

            long id;
            int paramsStart, paramsEnd;
            if (!ReadRequest(payload, offset, count, out id, out paramsStart, out paramsEnd)) return Malformed("malformed service call; dropped");
            if (sync)
            {
                int rc;
                lock (_thingLock)
                {
                    rc = _rrpc.Add(RrpcTable.SyncService, id, rrpcMessageId, topic, topicOffset, topicCount, Deadline());
                }

                if (rc != ErrorCode.Ok) return Malformed("synchronous service topic longer than the topic buffer; dropped");
            }

            try
            {
                _serviceCall.Set(topic, idOffset, idCount, service, id, sync, rrpcMessageId, payload, paramsStart, paramsEnd);
                if (paramsStart < 0)
                {
                    Malformed("service call without params object; answered 460");
                    AnswerService(_serviceCall, ReplyInvalidParams);
                }
                else if (!CheckParams(payload, paramsStart, paramsEnd, service >= 0 ? _model.GetServiceFirstInput(service) : -1))
                {
                    AnswerService(_serviceCall, ReplyInvalidParams);
                }
                else
                {
                    RaiseServiceCalled(_serviceCall);
                }
            }
            finally
            {
                _serviceCall.Clear();
            }

            return true;
        }

        private void RaiseServiceCalled(ServiceCall call)
        {
            ServiceCalledHandler handler = ServiceCalled;
            if (handler == null)
            {
                Log(LogLevel.Warning, "service call without a ServiceCalled handler; answered 100000");
                AnswerService(call, ReplyServiceNotHandled);
                return;
            }

            try
            {
                handler(this, call);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }

        /// <summary>Sends <c>{"id":"…","code":…,"data":{}}</c> under the reply gate.</summary>
        private void SendReply(byte[] topic, int topicLength, long id, int code, int qos)
        {
            bool entered = false;
            try
            {
                EnterReply(false); // inside the try: see EnterRequest
                entered = true;
                int length = _replyBuilder.WriteReply(id, code, _replyBuffer, 0, _replyBuffer.Length);
                int rc = length < 0 ? length : PublishThing(topic, topicLength, _replyBuffer, length, qos);
                if (rc != ErrorCode.Ok) Log(LogLevel.Warning, "thing reply not sent");
            }
            finally
            {
                if (entered) ExitReply();
            }
        }

        /// <summary>
        /// Reads a downlink request <c>{"id":…,"params":{…},…}</c>: false for bad JSON or a missing or mistyped id;
        /// <paramref name="paramsStart"/> is -1 when params is missing or not an object.
        /// </summary>
        private bool ReadRequest(byte[] payload, int offset, int count, out long id, out int paramsStart, out int paramsEnd)
        {
            id = -1;
            paramsStart = paramsEnd = -1;
            JsonReader r = _checkReader;
            r.Reset(payload, offset, count);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return false;
            bool hasId = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueEquals("id"))
                {
                    if (!r.Read() || JsonSlice.ReadId(r, out id) != ErrorCode.Ok || id < 0) return false;
                    hasId = true;
                }
                else if (r.ValueEquals("params"))
                {
                    int start, end;
                    if (!JsonSlice.ReadValue(r, out start, out end)) return false;
                    if (r.TokenType == JsonTokenType.EndObject)
                    {
                        paramsStart = start;
                        paramsEnd = end;
                    }
                }
                else if (!r.Skip())
                {
                    return false;
                }
            }

            return r.Error == ErrorCode.Ok && !r.Read() && r.Error == ErrorCode.Ok && hasId;
        }

        /// <summary>Checks params against the list from <paramref name="firstNode"/> when there is a model; counts and logs a refusal.</summary>
        private bool CheckParams(byte[] payload, int start, int end, int firstNode)
        {
            if (_model == null) return true;
            JsonReader r = _checkReader;
            r.Reset(payload, start, end - start);
            r.Read();
            int rc = _validator.Validate(r, _model, firstNode);
            if (rc == ErrorCode.Ok) return true;
            Interlocked.Increment(ref _invalidParamsMessages);
            Log(LogLevel.Warning, "params break the thing model; answered 460");
            return false;
        }

        private JsonReader LendParams(byte[] payload, int start, int end)
        {
            _paramsReader.Reset(payload, start, end - start);
            _paramsReader.Read();
            return _paramsReader;
        }
    }
}
