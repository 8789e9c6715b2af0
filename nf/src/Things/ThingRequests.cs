using System;
using System.Threading;
using LinkKit.Nano.Client;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// The outbound half of the thing layer: property and event posts, shadow messages and tags, each built through
    /// the request gate's builder; the table of requests awaiting their reply, the replies and the timeouts.
    /// </summary>
    /// <remarks>
    /// A tracked request goes: Begin… (gate taken, id assigned, envelope written) → the application writes values →
    /// End… (builder closed, state checked, request recorded, then published; recorded first so a fast reply finds
    /// it, forgotten again if it was not sent) → reply matched by id and kind, or timed out.
    /// </remarks>
    internal sealed partial class ThingRequests
    {
        private readonly ThingLayer _layer;
        private readonly MqttSession _session;
        private readonly ThingModel _model;
        private readonly LendingGate _gate = new LendingGate("This thread is building a message: call its End... method (or CancelPost) first.");
        private readonly byte[] _buffer;
        private readonly byte[] _eventTopic;
        private readonly byte[] _propertyPostTopic;
        private readonly byte[] _tagsUpdateTopic;
        private readonly byte[] _tagsRemoveTopic;
        private readonly byte[] _shadowTopic;

        // Guarded by _lock.
        private readonly object _lock = new object();
        private readonly RequestTable _table;
        private long _lastId;

        // The open message: written and read only by the thread holding the gate.
        private AlinkKind _openKind;
        private int _openTag;
        private long _openId;

        private readonly ThingReply _reply;         // the transport thread's
        private readonly ThingReply _timeoutReply;  // ProcessTimeouts' (serialised by the layer; never parses)

        public ThingRequests(ThingLayer layer, MqttSession session, ThingModel model, ThingTopics topics, int capacity, byte[] scratch, AlinkEnvelope envelope)
        {
            _reply = new ThingReply(envelope);
            _timeoutReply = new ThingReply(envelope);
            _layer = layer;
            _session = session;
            _model = model;
            int n = scratch.Length;
            _propertyPostTopic = ThingLayer.FixedTopic(scratch, topics.WritePropertyPostTopic(scratch, 0, n));
            _tagsUpdateTopic = ThingLayer.FixedTopic(scratch, topics.WriteTagsUpdateTopic(scratch, 0, n));
            _tagsRemoveTopic = ThingLayer.FixedTopic(scratch, topics.WriteTagsRemoveTopic(scratch, 0, n));
            _shadowTopic = ThingLayer.FixedTopic(scratch, topics.WriteShadowUpdateTopic(scratch, 0, n));
            _eventTopic = scratch;
            _buffer = new byte[session.PayloadCapacity];
            _table = new RequestTable(capacity);
        }

        public ThingWriter BeginPropertyPost()
        {
            Open(AlinkKind.PropertyPost, -1);
            return _gate.Builder.BeginPropertyPost(_model, _openId, _buffer, 0, _buffer.Length);
        }

        public ThingWriter BeginEventPost(string eventIdentifier)
        {
            int eventIndex = _model != null ? _model.FindEvent(eventIdentifier) : -1;
            Open(AlinkKind.EventPost, eventIndex);
            if (eventIndex < 0) return _gate.Builder.BeginRefused(ErrorCode.EventNotDeclared);
            return _gate.Builder.BeginEventPost(_model, eventIndex, _openId, _buffer, 0, _buffer.Length);
        }

        public ThingWriter BeginShadowUpdate(long version)
        {
            Open(AlinkKind.Shadow, -1);
            return _gate.Builder.BeginShadowUpdate(version, _buffer, 0, _buffer.Length);
        }

        /// <summary>Sends the message of <paramref name="kind"/> this thread began; <paramref name="requestId"/> is its id once sent.</summary>
        public int End(AlinkKind kind, string operation, out long requestId)
        {
            requestId = 0;
            bool owned = false;
            try
            {
                // Checked inside the try (see LendingGate): the finally must not release a message still open.
                if (!_gate.IsHeld || _openKind != kind)
                {
                    throw new InvalidOperationException("The End... call does not match a Begin... call made on this thread.");
                }

                owned = true;
                int length = _gate.Builder.End();
                if (length < 0) return length;
                int rc = _session.CheckCanSend(operation);
                if (rc != ErrorCode.Ok) return rc;
                if (kind == AlinkKind.Shadow) return _session.Send(operation, _shadowTopic, _shadowTopic.Length, _buffer, 0, length, 1);
                if (kind == AlinkKind.PropertyPost) return Send(kind, -1, _openId, _propertyPostTopic, _propertyPostTopic.Length, length, 1, operation, out requestId);
                byte[] eventName = _model.EventName(_openTag);
                int topicLength = _layer.Topics.WriteEventPostTopic(eventName, 0, eventName.Length, _eventTopic, 0, _eventTopic.Length);
                if (topicLength < 0) return ErrorCode.TopicTooLong;
                return Send(kind, _openTag, _openId, _eventTopic, topicLength, length, 0, operation, out requestId);
            }
            finally
            {
                if (owned) Close();
            }
        }

        /// <summary>Abandons the message this thread began, if any (nothing is sent).</summary>
        public void Cancel()
        {
            if (!_gate.IsHeld) return;
            _gate.Builder.Abandon();
            Close();
        }

        /// <summary>True (and the message abandoned) when the calling thread left a message open.</summary>
        public bool ReleaseAbandoned()
        {
            if (!_gate.IsHeld) return false;
            Cancel();
            return true;
        }

        public int GetShadow()
        {
            bool entered = false;
            try
            {
                _gate.Enter(false); // inside the try: see LendingGate
                entered = true;
                int length = _gate.Builder.WriteShadowGet(_buffer, 0, _buffer.Length);
                return length < 0 ? length : _session.Send("GetShadow", _shadowTopic, _shadowTopic.Length, _buffer, 0, length, 1);
            }
            finally
            {
                if (entered) _gate.Exit();
            }
        }

        public int ClearShadowDesired(long version)
        {
            bool entered = false;
            try
            {
                _gate.Enter(false); // inside the try: see LendingGate
                entered = true;
                int length = _gate.Builder.WriteShadowClearDesired(version, _buffer, 0, _buffer.Length);
                return length < 0 ? length : _session.Send("ClearShadowDesired", _shadowTopic, _shadowTopic.Length, _buffer, 0, length, 1);
            }
            finally
            {
                if (entered) _gate.Exit();
            }
        }

        /// <summary>A tags update (<paramref name="update"/>) or removal (<paramref name="values"/> unused).</summary>
        public int SendTags(bool update, string[] keys, string[] values, int tagCount, out long requestId)
        {
            requestId = 0;
            bool entered = false;
            try
            {
                _gate.Enter(false); // inside the try: see LendingGate
                entered = true;
                long id = NextId();
                AlinkMessageBuilder builder = _gate.Builder;
                int length = update
                    ? builder.WriteTagsUpdate(id, keys, values, tagCount, _buffer, 0, _buffer.Length)
                    : builder.WriteTagsRemove(id, keys, tagCount, _buffer, 0, _buffer.Length);
                if (length < 0) return length;
                string operation = update ? "UpdateTags" : "RemoveTags";
                int rc = _session.CheckCanSend(operation);
                if (rc != ErrorCode.Ok) return rc;
                return update
                    ? Send(AlinkKind.TagsUpdate, -1, id, _tagsUpdateTopic, _tagsUpdateTopic.Length, length, 0, operation, out requestId)
                    : Send(AlinkKind.TagsRemove, -1, id, _tagsRemoveTopic, _tagsRemoveTopic.Length, length, 0, operation, out requestId);
            }
            finally
            {
                if (entered) _gate.Exit();
            }
        }

        /// <summary>A reply to a tracked request: matched by id and kind, then raised; unmatched replies are counted and dropped.</summary>
        public void OnReply(AlinkKind kind, byte[] topic, int idOffset, int idCount, byte[] payload, int offset, int count)
        {
            ThingReply reply = _reply;
            if (reply.Parse(payload, offset, count) != ErrorCode.Ok)
            {
                _layer.Malformed("malformed thing reply; dropped");
                return;
            }

            int tag;
            bool matched;
            lock (_lock)
            {
                matched = _table.Remove(reply.RequestId, kind, out tag);
            }

            if (!matched)
            {
                _layer.Unmatched();
                reply.Clear();
                return;
            }

            if (kind == AlinkKind.EventPost) reply.SetIdentifier(topic, idOffset, idCount);
            _layer.Client.RaiseThingReply(kind, reply);
            reply.Clear();
        }

        /// <summary>Reports every request overdue at <paramref name="now"/> to its handler as a timeout, one at a time.</summary>
        public void ProcessTimeouts(long now)
        {
            for (int guard = 0; guard <= _table.Capacity; guard++)
            {
                long id;
                int tag;
                AlinkKind kind;
                lock (_lock)
                {
                    if (!_table.RemoveExpired(now, out id, out kind, out tag)) break;
                }

                _layer.Client.Log(LogLevel.Warning, "thing request timed out");
                _timeoutReply.SetTimeout(id);
                if (kind == AlinkKind.EventPost && _model != null && tag >= 0)
                {
                    byte[] name = _model.EventName(tag);
                    _timeoutReply.SetIdentifier(name, 0, name.Length);
                }

                _layer.Client.RaiseThingReply(kind, _timeoutReply);
                _timeoutReply.Clear();
                _layer.ReleaseAbandoned();
            }
        }

        /// <summary>Takes the gate (abandoning this thread's unfinished message) and starts a message of <paramref name="kind"/>.</summary>
        private void Open(AlinkKind kind, int tag)
        {
            // Nothing that can throw runs between here and the caller's return: the gate stays held until End or Cancel.
            _gate.Enter(true);
            _openKind = kind;
            _openTag = tag;
            _openId = kind == AlinkKind.Shadow ? 0 : NextId();
        }

        private void Close()
        {
            _openKind = AlinkKind.None;
            _gate.Exit();
        }

        private long NextId()
        {
            lock (_lock)
            {
                _lastId = _lastId == int.MaxValue ? 1 : _lastId + 1;
                return _lastId;
            }
        }

        /// <summary>Records the request, then publishes it; forgets it again if it was not sent. Recording first lets a fast reply find it.</summary>
        private int Send(AlinkKind kind, int tag, long id, byte[] topic, int topicLength, int payloadLength, int qos, string operation, out long requestId)
        {
            requestId = 0;
            int rc;
            lock (_lock)
            {
                rc = _table.Add(id, kind, tag, _layer.Deadline());
            }

            if (rc != ErrorCode.Ok)
            {
                _layer.Client.Log(LogLevel.Warning, "thing request refused: the pending-request table is full");
                return rc;
            }

            bool sent = false;
            try
            {
                rc = _session.Send(operation, topic, topicLength, _buffer, 0, payloadLength, qos);
                sent = rc == ErrorCode.Ok;
            }
            finally
            {
                // Also when the send threw (the client was closed meanwhile): a request that never left is not pending.
                if (!sent)
                {
                    lock (_lock)
                    {
                        int unused;
                        _table.Remove(id, kind, out unused);
                    }
                }
            }

            if (sent) requestId = id;
            return rc;
        }
    }
}
