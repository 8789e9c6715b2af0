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

        // Store-and-forward (null when LinkKitOptions.OfflineQueueBytes is 0): the ring is guarded by _lock; one
        // sender at a time copies a record out under _lock and sends the copy.
        private readonly OfflineQueue _offline;
        private readonly IClock _clock;
        private readonly object _replayLock = new object();
        private readonly byte[] _replayPayload;
        private readonly byte[] _replayTopic;
        private readonly long[] _rewound;
        private int _replayDropped;   // kept posts the transport refused when they were sent (guarded by _lock)

        // The durable journal (null without LinkKitOptions.OfflineJournal): _journalLock serialises every post kept,
        // from making room in the ring through the flash write to adding it, so the journal's order is the ring's.
        private readonly OfflineJournal _journal;
        private readonly object _journalLock = new object();

        public ThingRequests(ThingLayer layer, MqttSession session, ThingModel model, ThingTopics topics, int capacity, byte[] scratch, AlinkEnvelope envelope,
            IClock clock, int offlineQueueBytes, bool dropOldest)
        {
            _clock = clock;
            if (offlineQueueBytes > 0)
            {
                _offline = new OfflineQueue(offlineQueueBytes, dropOldest);
                _replayPayload = new byte[session.PayloadCapacity];
                _replayTopic = new byte[scratch.Length];
                _rewound = new long[capacity];
                if (layer.Client.OfflineJournal != null)
                {
                    _journal = new OfflineJournal(layer.Client.OfflineJournal, _offline, _lock, model, session.PayloadCapacity);
                }
            }

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
            _gate.Builder.ReserveBatch(model);
            long unused;
            if (_journal != null) OpenJournal(out unused);
        }

        public ThingWriter BeginPropertyPost()
        {
            Open(AlinkKind.PropertyPost, -1);
            return _gate.Builder.BeginPropertyPost(_model, _openId, CaptureTime(), _buffer, 0, _buffer.Length);
        }

        public ThingWriter BeginEventPost(string eventIdentifier)
        {
            int eventIndex = _model != null ? _model.FindEvent(eventIdentifier) : -1;
            Open(AlinkKind.EventPost, eventIndex);
            if (eventIndex < 0) return _gate.Builder.BeginRefused(ErrorCode.EventNotDeclared);
            return _gate.Builder.BeginEventPost(_model, eventIndex, _openId, CaptureTime(), _buffer, 0, _buffer.Length);
        }

        /// <summary>Posts kept for later carry the time they were taken (Unix ms); -1 (no time field) without store-and-forward.</summary>
        private long CaptureTime()
        {
            return _offline != null ? _clock.UnixTimeMilliseconds() : -1;
        }

        /// <summary>Posts kept and not yet done (waiting, or sent and awaiting their acknowledgement); 0 without store-and-forward.</summary>
        public int OfflineCount
        {
            get
            {
                if (_offline == null) return 0;
                lock (_lock)
                {
                    return _offline.Pending;
                }
            }
        }

        /// <summary>Kept posts dropped: the oldest, for room (drop-oldest policy), or after the transport refused one.</summary>
        public int OfflineDroppedCount
        {
            get
            {
                if (_offline == null) return 0;
                lock (_lock)
                {
                    return _offline.DroppedCount + _replayDropped;
                }
            }
        }

        /// <summary>Posts refused because the queue was full (refuse-newest policy) or the post alone was larger than it.</summary>
        public int OfflineRefusedCount
        {
            get
            {
                if (_offline == null) return 0;
                lock (_lock)
                {
                    return _offline.RefusedCount;
                }
            }
        }

        /// <summary>True when posts go through the queue (store-and-forward is on).</summary>
        public bool KeepsPosts
        {
            get { return _offline != null; }
        }

        /// <summary>
        /// Keeps a finished post (or raw data up) in the queue (and first on flash, with the journal), then sends what
        /// the connection allows, oldest first. <see cref="ErrorCode.OfflineQueueFull"/> when refused;
        /// <see cref="ErrorCode.PayloadTooLarge"/> beyond PayloadBufferCapacity (it could never be sent);
        /// <see cref="ErrorCode.StorageFailed"/> when the journal could not store it.
        /// </summary>
        public int Keep(AlinkKind kind, int tag, long id, byte[] payload, int offset, int count, string operation)
        {
            _session.CheckNotDestructed(operation);
            if (count > _session.PayloadCapacity) return ErrorCode.PayloadTooLarge;
            int dropped;
            int rc = _journal != null ? KeepDurably(kind, tag, id, payload, offset, count, out dropped) : KeepInRam(kind, tag, id, payload, offset, count, out dropped);
            if (dropped > 0) _layer.Client.Log(LogLevel.Warning, "offline queue full: oldest posts dropped");
            if (rc == ErrorCode.OfflineQueueFull)
            {
                _layer.Client.Log(LogLevel.Warning, "post refused: the offline queue is full");
                return rc;
            }

            if (rc != ErrorCode.Ok)
            {
                _layer.Client.Log(LogLevel.Warning, "post refused: the offline journal could not store it");
                return rc;
            }

            SendKept();
            return ErrorCode.Ok;
        }

        private int KeepInRam(AlinkKind kind, int tag, long id, byte[] payload, int offset, int count, out int dropped)
        {
            lock (_lock)
            {
                dropped = _offline.DroppedCount;
                bool kept = _offline.Add(kind, tag, id, payload, offset, count);
                dropped = _offline.DroppedCount - dropped;
                return kept ? ErrorCode.Ok : ErrorCode.OfflineQueueFull;
            }
        }

        /// <summary>Room in the ring, then the journal record (durable), then the ring record: a post is kept once both hold it.</summary>
        private int KeepDurably(AlinkKind kind, int tag, long id, byte[] payload, int offset, int count, out int dropped)
        {
            dropped = 0;
            lock (_journalLock)
            {
                if (!_journal.IsOpen)
                {
                    // Read back only now (it failed at ThingSetup): this post's id was taken before the ids read back.
                    long newestId;
                    if (OpenJournal(out newestId) != ErrorCode.Ok || (id != 0 && newestId >= id)) return ErrorCode.StorageFailed;
                }

                bool fits;
                uint sequence;
                lock (_lock)
                {
                    dropped = _offline.DroppedCount;
                    fits = _offline.MakeRoom(count);
                    dropped = _offline.DroppedCount - dropped;
                    sequence = _offline.NextSequence;
                }

                if (!fits) return ErrorCode.OfflineQueueFull;
                int rc = _journal.Append(kind, tag, id, sequence, payload, offset, count);
                if (rc != ErrorCode.Ok) return rc;
                lock (_lock)
                {
                    _offline.Add(kind, tag, id, payload, offset, count);   // fits: the room made stays, and only this thread adds
                }

                _journal.AdvanceMarker();
                return ErrorCode.Ok;
            }
        }

        /// <summary>
        /// Reads the journal back into the (empty) ring: at ThingSetup, and again on the next post while it could not be
        /// read. New request ids follow the newest id read.
        /// </summary>
        private int OpenJournal(out long newestId)
        {
            int skipped;
            int rc = _journal.Open(out newestId, out skipped);
            if (rc != ErrorCode.Ok)
            {
                _layer.Client.Log(LogLevel.Error, "offline journal unreadable: posts are refused until it can be read");
                return rc;
            }

            lock (_lock)
            {
                if (newestId > _lastId) _lastId = newestId;
                _replayDropped += skipped;
            }

            if (skipped > 0) _layer.Client.Log(LogLevel.Warning, "offline journal: posts that cannot be sent under this configuration skipped");
            if (_layer.Client.IsLogging(LogLevel.Info)) _layer.Client.Log(LogLevel.Info, "offline journal: " + OfflineCount + " posts read back");
            return ErrorCode.Ok;
        }

        /// <summary>Sends kept posts, oldest first, until none waits or the window, the table or the connection stops them.</summary>
        public void SendKept()
        {
            if (_offline == null) return;
            lock (_replayLock)
            {
                while (SendOldestKept())
                {
                }
            }
        }

        /// <summary>Sends the oldest waiting post; false when there is none or it has to wait.</summary>
        private bool SendOldestKept()
        {
            AlinkKind kind;
            int tag, offset, count;
            long id;
            uint sequence;
            lock (_lock)
            {
                if (!_offline.PeekWaiting(out kind, out tag, out id, out sequence, out offset, out count)) return false;
                Array.Copy(_offline.Buffer, offset, _replayPayload, 0, count);  // a newer post may overwrite the ring meanwhile
            }

            byte[] topic = _propertyPostTopic;
            int topicLength = topic.Length;
            int qos = 1;
            if (kind == AlinkKind.EventPost)
            {
                byte[] eventName = _model.EventName(tag);
                topic = _replayTopic;
                topicLength = _layer.Topics.WriteEventPostTopic(eventName, 0, eventName.Length, topic, 0, topic.Length);
                qos = 0;
            }
            else if (kind == AlinkKind.RawUp)
            {
                topic = _layer.UpRawTopic;
                topicLength = topic.Length;
                qos = 0;
            }

            bool tracked = kind != AlinkKind.RawUp;
            int rc = ErrorCode.Ok;
            if (tracked)
            {
                lock (_lock)
                {
                    rc = _table.Add(id, kind, tag, _layer.Deadline());
                }
            }

            if (rc != ErrorCode.Ok) return false;   // the table is full: sent again when a reply or timeout frees a slot
            int messageId = 0;
            rc = topicLength < 0 ? ErrorCode.TopicTooLong : _session.SendKept(topic, topicLength, _replayPayload, count, qos, out messageId);
            if (rc == ErrorCode.InflightFull || rc == ErrorCode.NotConnected)
            {
                if (tracked) Forget(id, kind);
                return false;
            }

            lock (_lock)
            {
                _offline.MarkSent(sequence, rc == ErrorCode.Ok && qos == 1 ? messageId : 0);
                if (rc != ErrorCode.Ok) _replayDropped++;
            }

            if (rc != ErrorCode.Ok)
            {
                if (tracked) Forget(id, kind);
                _layer.Client.Log(LogLevel.Warning, "kept post dropped: the transport refused it");
            }

            return true;
        }

        /// <summary>The transport acknowledged <paramref name="messageId"/>: a kept post sent with it is done.</summary>
        public void OnAcknowledged(int messageId)
        {
            if (_offline == null) return;
            // Never before the post is marked sent: the acknowledging thread first drains (SendWaiting), which waits for
            // _replayLock, held across a kept post's send and its MarkSent.
            lock (_lock)
            {
                _offline.Acknowledge(messageId);
            }
        }

        /// <summary>A new connection: kept posts sent but never acknowledged wait again, their pending entries forgotten.</summary>
        public void RewindKept()
        {
            if (_offline == null) return;
            lock (_lock)
            {
                int n = _offline.Rewind(_rewound);
                for (int i = 0; i < n && i < _rewound.Length; i++)
                {
                    int unused;
                    _table.Remove(_rewound[i], AlinkKind.PropertyPost, out unused);   // only QoS 1 posts are ever left sent
                }
            }
        }

        private void Forget(long id, AlinkKind kind)
        {
            lock (_lock)
            {
                int unused;
                _table.Remove(id, kind, out unused);
            }
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
                if (_offline != null && (kind == AlinkKind.PropertyPost || kind == AlinkKind.EventPost))
                {
                    // Batch and history posts carry their own times and go out at once; shadow updates are state, not history.
                    int kept = Keep(kind, _openTag, _openId, _buffer, 0, length, operation);
                    if (kept == ErrorCode.Ok) requestId = _openId;
                    return kept;
                }

                int rc = _session.CheckCanSend(operation);
                if (rc != ErrorCode.Ok) return rc;
                if (kind == AlinkKind.Shadow) return _session.Send(operation, _shadowTopic, _shadowTopic.Length, _buffer, 0, length, 1);
                if (kind == AlinkKind.PropertyPost) return Send(kind, -1, _openId, _propertyPostTopic, _propertyPostTopic.Length, length, 1, operation, out requestId);
                if (IsTimedPost(kind)) return SendTimedPost(kind, length, operation, out requestId);
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
            SendKept();   // the reply freed a table slot a kept post may be waiting for
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
