using System;
using System.Threading;
using LinkKit.Nano.Client;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>
    /// Handles the cloud's reply to a property post, event post or tags request, or its timeout
    /// (Python's <c>on_thing_prop_post</c>, <c>on_thing_event_post</c>, <c>on_thing_device_info_update</c>/<c>_delete</c>).
    /// </summary>
    /// <param name="sender">The client.</param>
    /// <param name="reply">The reply, lent: valid only during the call.</param>
    public delegate void ThingReplyHandler(LinkKitClient sender, ThingReply reply);

    /// <summary>Handles raw (custom-protocol) data: <see cref="LinkKitClient.RawDataArrived"/> and <see cref="LinkKitClient.RawDataReplied"/>.</summary>
    /// <param name="sender">The client.</param>
    /// <param name="payload">The buffer holding the bytes, lent: valid only during the call.</param>
    /// <param name="offset">Where they start.</param>
    /// <param name="count">How many there are.</param>
    public delegate void RawDataHandler(LinkKitClient sender, byte[] payload, int offset, int count);

    /// <summary>Handles <see cref="LinkKitClient.ShadowReceived"/> (Python's <c>on_thing_shadow_get</c>).</summary>
    /// <param name="sender">The client.</param>
    /// <param name="document">The downlink, lent: valid only during the call.</param>
    public delegate void ShadowReceivedHandler(LinkKitClient sender, ShadowDocument document);

    public sealed partial class LinkKitClient
    {
        private const int NoRequest = 0;
        private const int ShadowRequest = 100;       // an untracked request kind (shadow replies carry no id)

        // The request side: one message at a time, the gate held from Begin... to End... on one thread.
        private readonly object _requestGate = new object();
        private Thread _requestOwner;
        private AlinkMessageBuilder _requestBuilder;
        private byte[] _requestBuffer;
        private byte[] _requestTopic;
        private int _requestKind;
        private int _requestTag;
        private int _requestId;

        /// <summary>The cloud answered a property post, or it timed out (Python's <c>on_thing_prop_post</c>). Runs on the transport thread (replies) or the timer thread (timeouts).</summary>
        public event ThingReplyHandler PropertyPostReplied;

        /// <summary>The cloud answered an event post, or it timed out (Python's <c>on_thing_event_post</c>); <see cref="ThingReply.IdentifierEquals"/> names the event.</summary>
        public event ThingReplyHandler EventPostReplied;

        /// <summary>The cloud answered a tags update, or it timed out (Python's <c>on_thing_device_info_update</c>).</summary>
        public event ThingReplyHandler TagsUpdateReplied;

        /// <summary>The cloud answered a tags removal, or it timed out (Python's <c>on_thing_device_info_delete</c>).</summary>
        public event ThingReplyHandler TagsRemoveReplied;

        /// <summary>Raw data arrived on <c>…/thing/model/down_raw</c> (Python's <c>on_thing_raw_data_arrived</c>).</summary>
        public event RawDataHandler RawDataArrived;

        /// <summary>The cloud answered raw data on <c>…/thing/model/up_raw_reply</c> (Python's <c>on_thing_raw_data_post</c>).</summary>
        public event RawDataHandler RawDataReplied;

        /// <summary>
        /// A shadow downlink arrived: the reply to an update or a get, or a desired state pushed by the cloud
        /// (Python's <c>on_thing_shadow_get</c>). <see cref="LatestShadow"/> is updated before the handler runs.
        /// </summary>
        public event ShadowReceivedHandler ShadowReceived;

        /// <summary>
        /// Starts a property post (Python's <c>thing_post_property</c>): write the values into the returned writer,
        /// then call <see cref="EndPropertyPost"/>. Each value is checked against the thing model as it is written.
        /// </summary>
        /// <remarks>
        /// The writer is lent from this call to the End call, which must follow on the same thread; other threads
        /// wait in their Begin call meanwhile. Calling a Begin method again on this thread abandons the unfinished
        /// message (e.g. after an exception).
        /// </remarks>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public ThingWriter BeginPropertyPost()
        {
            CheckThingSetUp("BeginPropertyPost");
            EnterRequest(true);
            StartRequest(RequestTable.PropertyPost, -1);
            return _requestBuilder.BeginPropertyPost(_model, _requestId, _requestBuffer, 0, _requestBuffer.Length);
        }

        /// <summary>Sends the property post begun by <see cref="BeginPropertyPost"/> (QoS 1) and awaits its reply in <see cref="PropertyPostReplied"/>.</summary>
        /// <param name="requestId">The Alink id of the request, which the reply carries; 0 unless Ok.</param>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/> (queued for sending); the writer's first error (e.g. <see cref="ErrorCode.PropertyNotDeclared"/>,
        /// <see cref="ErrorCode.ValueOutOfRange"/>, <see cref="ErrorCode.BufferTooSmall"/>); <see cref="ErrorCode.RequestTableFull"/>;
        /// <see cref="ErrorCode.NotConnected"/> or another Publish result. Nothing is sent unless Ok.
        /// </returns>
        /// <exception cref="InvalidOperationException">No property post was begun on this thread.</exception>
        /// <exception cref="LinkKitStateException">In Initialized, Disconnected, Destructing or Destructed.</exception>
        public int EndPropertyPost(out int requestId)
        {
            return EndRequest(RequestTable.PropertyPost, out requestId);
        }

        /// <summary>
        /// Starts the post of event <paramref name="eventIdentifier"/> (Python's <c>thing_trigger_event</c>): write the
        /// event's output values, then call <see cref="EndEventPost"/>. An event the model does not declare (or any
        /// event without a model) makes the End call return <see cref="ErrorCode.EventNotDeclared"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="eventIdentifier"/> is null.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public ThingWriter BeginEventPost(string eventIdentifier)
        {
            if (eventIdentifier == null) throw new ArgumentNullException("eventIdentifier");
            CheckThingSetUp("BeginEventPost");
            int eventIndex = _model != null ? _model.FindEvent(eventIdentifier) : -1;
            EnterRequest(true);
            StartRequest(RequestTable.EventPost, eventIndex);
            if (eventIndex < 0) return _requestBuilder.BeginRefused(ErrorCode.EventNotDeclared);
            return _requestBuilder.BeginEventPost(_model, eventIndex, _requestId, _requestBuffer, 0, _requestBuffer.Length);
        }

        /// <summary>Sends the event post begun by <see cref="BeginEventPost"/> (QoS 0) and awaits its reply in <see cref="EventPostReplied"/>. Results as <see cref="EndPropertyPost"/>.</summary>
        public int EndEventPost(out int requestId)
        {
            return EndRequest(RequestTable.EventPost, out requestId);
        }

        /// <summary>
        /// Starts a shadow update (Python's <c>thing_update_shadow(reported, version)</c>): write the reported values
        /// (not checked against the model), then call <see cref="EndShadowUpdate"/>.
        /// </summary>
        /// <param name="version">The new shadow version; the platform refuses one not above the current (see <see cref="LatestShadow"/>).</param>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public ThingWriter BeginShadowUpdate(long version)
        {
            CheckThingSetUp("BeginShadowUpdate");
            EnterRequest(true);
            StartRequest(ShadowRequest, -1);
            return _requestBuilder.BeginShadowUpdate(version, _requestBuffer, 0, _requestBuffer.Length);
        }

        /// <summary>Sends the shadow update (QoS 1); the cloud answers in <see cref="ShadowReceived"/>.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>, the writer's first error, or a Publish result.</returns>
        public int EndShadowUpdate()
        {
            int unused;
            return EndRequest(ShadowRequest, out unused);
        }

        /// <summary>Abandons the property post, event post or shadow update this thread began (nothing is sent).</summary>
        public void CancelPost()
        {
            if (_requestOwner != Thread.CurrentThread) return;
            _requestBuilder.Abandon();
            ExitRequest();
        }

        /// <summary>Asks the cloud for the device shadow (Python's <c>thing_get_shadow</c>): <c>{"method":"get"}</c>, QoS 1. The answer arrives in <see cref="ShadowReceived"/>.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> or a Publish result.</returns>
        /// <exception cref="InvalidOperationException">ThingSetup was not called, or this thread is building a message.</exception>
        public int GetShadow()
        {
            CheckThingSetUp("GetShadow");
            bool entered = false;
            try
            {
                EnterRequest(false); // inside the try: see EnterRequest
                entered = true;
                int length = _requestBuilder.WriteShadowGet(_requestBuffer, 0, _requestBuffer.Length);
                return length < 0 ? length : PublishThing(_shadowUpdateTopic, _shadowUpdateTopic.Length, _requestBuffer, length, 1);
            }
            finally
            {
                if (entered) ExitRequest();
            }
        }

        /// <summary>
        /// Clears the shadow's desired state after applying it: <c>{"method":"update","state":{"desired":"null"},"version":N}</c>
        /// (Python has no such call; the platform documents this message).
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/> or a Publish result.</returns>
        public int ClearShadowDesired(long version)
        {
            CheckThingSetUp("ClearShadowDesired");
            bool entered = false;
            try
            {
                EnterRequest(false); // inside the try: see EnterRequest
                entered = true;
                int length = _requestBuilder.WriteShadowClearDesired(version, _requestBuffer, 0, _requestBuffer.Length);
                return length < 0 ? length : PublishThing(_shadowUpdateTopic, _shadowUpdateTopic.Length, _requestBuffer, length, 1);
            }
            finally
            {
                if (entered) ExitRequest();
            }
        }

        /// <summary>
        /// Adds or updates device tags (Python's <c>thing_update_tags(dict)</c>): the first <paramref name="tagCount"/>
        /// key/value pairs. The reply arrives in <see cref="TagsUpdateReplied"/>.
        /// </summary>
        /// <param name="keys">Tag keys.</param>
        /// <param name="values">Tag values, one per key.</param>
        /// <param name="tagCount">How many pairs to send (at least 1).</param>
        /// <param name="requestId">The request's Alink id; 0 unless Ok.</param>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.BufferTooSmall"/>; <see cref="ErrorCode.RequestTableFull"/>; a Publish result.</returns>
        /// <exception cref="ArgumentNullException">An array, key or value is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="tagCount"/> is not 1..the arrays' length.</exception>
        /// <exception cref="InvalidOperationException">ThingSetup was not called, or this thread is building a message.</exception>
        public int UpdateTags(string[] keys, string[] values, int tagCount, out int requestId)
        {
            requestId = 0;
            CheckThingSetUp("UpdateTags");
            bool entered = false;
            try
            {
                EnterRequest(false); // inside the try: see EnterRequest
                entered = true;
                int id = NextRequestId();
                int length = _requestBuilder.WriteTagsUpdate(id, keys, values, tagCount, _requestBuffer, 0, _requestBuffer.Length);
                if (length < 0) return length;
                return SendTracked(RequestTable.TagsUpdate, -1, id, _tagsUpdateTopic, _tagsUpdateTopic.Length, length, 0, out requestId);
            }
            finally
            {
                if (entered) ExitRequest();
            }
        }

        /// <summary>Removes device tags (Python's <c>thing_remove_tags(list)</c>): the first <paramref name="tagCount"/> keys. The reply arrives in <see cref="TagsRemoveReplied"/>.</summary>
        /// <returns>As <see cref="UpdateTags"/>.</returns>
        public int RemoveTags(string[] keys, int tagCount, out int requestId)
        {
            requestId = 0;
            CheckThingSetUp("RemoveTags");
            bool entered = false;
            try
            {
                EnterRequest(false); // inside the try: see EnterRequest
                entered = true;
                int id = NextRequestId();
                int length = _requestBuilder.WriteTagsDelete(id, keys, tagCount, _requestBuffer, 0, _requestBuffer.Length);
                if (length < 0) return length;
                return SendTracked(RequestTable.TagsDelete, -1, id, _tagsDeleteTopic, _tagsDeleteTopic.Length, length, 0, out requestId);
            }
            finally
            {
                if (entered) ExitRequest();
            }
        }

        /// <summary>Sends raw (custom-protocol) bytes on <c>…/thing/model/up_raw</c>, QoS 0 (Python's <c>thing_raw_post_data</c>). The cloud's answer arrives in <see cref="RawDataReplied"/>.</summary>
        /// <returns><see cref="ErrorCode.Ok"/> or a Publish result (e.g. <see cref="ErrorCode.PayloadTooLarge"/>).</returns>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public int PostRawData(byte[] data, int offset, int count)
        {
            CheckThingSetUp("PostRawData");
            int messageId;
            return Publish(_upRawTopic, 0, _upRawTopic.Length, data, offset, count, 0, out messageId);
        }

        /// <summary>Answers raw data from the cloud on <c>…/thing/model/down_raw_reply</c>, QoS 0 (Python's <c>thing_raw_data_reply</c>).</summary>
        /// <returns><see cref="ErrorCode.Ok"/> or a Publish result.</returns>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public int ReplyRawData(byte[] data, int offset, int count)
        {
            CheckThingSetUp("ReplyRawData");
            int messageId;
            return Publish(_downRawReplyTopic, 0, _downRawReplyTopic.Length, data, offset, count, 0, out messageId);
        }

        /// <summary>Takes the request gate: with <paramref name="restart"/>, a message this thread left unfinished is abandoned; without, it is misuse.</summary>
        /// <remarks>
        /// It throws on misuse, so callers call it inside their try and release in the finally only what they took
        /// (<c>entered</c>): on nanoCLR a throw from a call right before a try runs that try's finally, which would
        /// release, and drop, a message this thread still owns. <see cref="EnterReply"/> is used the same way.
        /// </remarks>
        private void EnterRequest(bool restart)
        {
            Thread current = Thread.CurrentThread;
            if (_requestOwner == current)
            {
                if (!restart) throw new InvalidOperationException("This thread is building a message: call its End... method (or CancelPost) first.");
                _requestBuilder.Abandon();
                return;
            }

            Monitor.Enter(_requestGate);
            _requestOwner = current;
        }

        private void ExitRequest()
        {
            _requestKind = NoRequest;
            _requestOwner = null;
            Monitor.Exit(_requestGate);
        }

        private void StartRequest(int kind, int tag)
        {
            _requestKind = kind;
            _requestTag = tag;
            _requestId = kind == ShadowRequest ? 0 : NextRequestId();
        }

        private int EndRequest(int kind, out int requestId)
        {
            requestId = 0;
            bool owned = false;
            try
            {
                // Checked inside the try: on nanoCLR a throw just before a try runs that try's finally, which would
                // release (and drop) a message this thread still owns.
                if (_requestOwner != Thread.CurrentThread || _requestKind != kind)
                {
                    throw new InvalidOperationException("The End... call does not match a Begin... call made on this thread.");
                }

                owned = true;
                int length = _requestBuilder.End();
                if (length < 0) return length;
                if (kind == ShadowRequest) return PublishThing(_shadowUpdateTopic, _shadowUpdateTopic.Length, _requestBuffer, length, 1);
                if (kind == RequestTable.PropertyPost)
                {
                    return SendTracked(kind, -1, _requestId, _propertyPostTopic, _propertyPostTopic.Length, length, 1, out requestId);
                }

                byte[] eventName = _model.EventName(_requestTag);
                int topicLength = _thingTopics.WriteEventPostTopic(eventName, 0, eventName.Length, _requestTopic, 0, _requestTopic.Length);
                if (topicLength < 0) return ErrorCode.TopicTooLong;
                return SendTracked(kind, _requestTag, _requestId, _requestTopic, topicLength, length, 0, out requestId);
            }
            finally
            {
                if (owned) ExitRequest();
            }
        }

        /// <summary>Records the request, then publishes it; forgets it again if it was not sent. Recording first lets a fast reply find it.</summary>
        private int SendTracked(int kind, int tag, int id, byte[] topic, int topicLength, int payloadLength, int qos, out int requestId)
        {
            requestId = 0;
            int rc;
            lock (_thingLock)
            {
                rc = _requests.Add(id, kind, tag, Deadline());
            }

            if (rc != ErrorCode.Ok)
            {
                Log(LogLevel.Warning, "thing request refused: the pending-request table is full");
                return rc;
            }

            bool sent = false;
            try
            {
                rc = PublishThing(topic, topicLength, _requestBuffer, payloadLength, qos);
                sent = rc == ErrorCode.Ok;
            }
            finally
            {
                if (!sent)
                {
                    lock (_thingLock)
                    {
                        int unused;
                        _requests.Remove(id, kind, out unused);
                    }
                }
            }

            if (sent) requestId = id;
            return rc;
        }

        private int PublishThing(byte[] topic, int topicLength, byte[] payload, int payloadLength, int qos)
        {
            int messageId;
            return Publish(topic, 0, topicLength, payload, 0, payloadLength, qos, out messageId);
        }

        /// <summary>A reply to a tracked request: matched by id and kind, then raised; unmatched replies are counted and dropped.</summary>
        private void OnReply(int kind, byte[] topic, int idOffset, int idCount, byte[] payload, int offset, int count)
        {
            ThingReply reply = _reply;
            if (reply.Parse(payload, offset, count) != ErrorCode.Ok)
            {
                Malformed("malformed thing reply; dropped");
                return;
            }

            int tag;
            bool matched;
            lock (_thingLock)
            {
                matched = _requests.Remove(reply.RequestId, kind, out tag);
            }

            if (!matched)
            {
                Interlocked.Increment(ref _unmatchedReplies);
                Log(LogLevel.Warning, "thing reply matches no pending request; dropped");
                reply.Clear();
                return;
            }

            if (kind == RequestTable.EventPost) reply.SetIdentifier(topic, idOffset, idCount);
            RaiseReply(kind, reply);
            reply.Clear();
        }

        private void RaiseReply(int kind, ThingReply reply)
        {
            ThingReplyHandler handler;
            switch (kind)
            {
                case RequestTable.PropertyPost: handler = PropertyPostReplied; break;
                case RequestTable.EventPost: handler = EventPostReplied; break;
                case RequestTable.TagsUpdate: handler = TagsUpdateReplied; break;
                default: handler = TagsRemoveReplied; break;
            }

            if (handler == null) return;
            try
            {
                handler(this, reply);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }

        private void RaiseRaw(RawDataHandler handler, byte[] payload, int offset, int count)
        {
            if (handler == null) return;
            try
            {
                handler(this, payload, offset, count);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
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
            ShadowReceivedHandler handler = ShadowReceived;
            if (handler != null)
            {
                try
                {
                    handler(this, document);
                }
                catch (Exception)
                {
                    HandlerThrew();
                }
            }

            document.Clear();
        }
    }
}
