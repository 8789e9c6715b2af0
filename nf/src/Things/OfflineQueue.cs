using System;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// Posts kept for sending in order (store-and-forward): a byte ring in one preallocated array, each record the
    /// finished Alink message with what sending it needs. A record stays until it is done: acknowledged (QoS 1) or
    /// sent (QoS 0). A record sent but not acknowledged when the connection drops is sent again after the next one.
    /// Not thread-safe: <see cref="ThingRequests"/> guards it.
    /// </summary>
    /// <remarks>
    /// Record layout: kind (1), state (1: 0 waiting, 1 sent, 2 done), tag (2, the event index), request id (8),
    /// transport message id (4, while sent), sequence number (4), payload length (2), payload. A record is never split:
    /// one that does not fit before the end of the array starts at 0, and the records then stop at <c>_wrapAt</c>.
    /// Sequence numbers grow by one per record added (serial arithmetic, so 0 follows 0xFFFFFFFF); a record keeps its
    /// number for life, which is how the durable journal (<see cref="OfflineJournal"/>) names it on flash.
    /// </remarks>
    internal sealed class OfflineQueue
    {
        public const int HeaderBytes = 22;

        private const int Waiting = 0;
        private const int Sent = 1;
        private const int Done = 2;
        private const int MaxPayload = 0xFFFF;

        private readonly byte[] _ring;
        private readonly bool _dropOldest;
        private int _first;      // offset of the oldest record
        private int _end;        // offset after the newest record
        private int _wrapAt = -1; // where the older records stop when the newer ones start again at 0; -1 when not wrapped
        private int _count;      // records held
        private int _next;       // offset of the oldest waiting record, or -1 when none waits
        private int _dropped;
        private int _refused;
        private uint _nextSequence; // the sequence number the next record added gets

        /// <param name="capacity">Bytes for records and their headers.</param>
        /// <param name="dropOldest">When full: true drops the oldest records to make room, false refuses the new one.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> cannot hold one header.</exception>
        public OfflineQueue(int capacity, bool dropOldest)
        {
            if (capacity <= HeaderBytes) throw new ArgumentOutOfRangeException("capacity");
            _ring = new byte[capacity];
            _dropOldest = dropOldest;
            _next = -1;
        }

        /// <summary>Records held: waiting, sent, or done but still behind an older one that is not.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Records not done: waiting, or sent and awaiting their acknowledgement.</summary>
        public int Pending
        {
            get
            {
                int pending = 0;
                for (int i = 0, at = _first; i < _count; i++, at = After(at))
                {
                    if (_ring[at + 1] != Done) pending++;
                }

                return pending;
            }
        }

        /// <summary>Oldest records dropped to make room for newer ones.</summary>
        public int DroppedCount
        {
            get { return _dropped; }
        }

        /// <summary>New records refused because the ring was full (or the record alone was larger than it).</summary>
        public int RefusedCount
        {
            get { return _refused; }
        }

        /// <summary>The sequence number the next record added gets.</summary>
        public uint NextSequence
        {
            get { return _nextSequence; }
            set { _nextSequence = value; }
        }

        /// <summary>The sequence number of the oldest record held (never a done one), or <see cref="NextSequence"/> when none is.</summary>
        public uint FirstSequence
        {
            get { return _count == 0 ? _nextSequence : ReadUInt(_first + 16); }
        }

        /// <summary>Appends a record with the next sequence number; false when it was refused (full under the refuse policy, or larger than the ring).</summary>
        public bool Add(AlinkKind kind, int tag, long requestId, byte[] payload, int offset, int count)
        {
            return Add(kind, tag, requestId, _nextSequence, payload, offset, count);
        }

        /// <summary>
        /// Appends a record numbered <paramref name="sequence"/> (one read back from the journal: newer than every record
        /// held); the next record added gets the number after it. False when it was refused.
        /// </summary>
        public bool Add(AlinkKind kind, int tag, long requestId, uint sequence, byte[] payload, int offset, int count)
        {
            if (!MakeRoom(count)) return false;
            int size = HeaderBytes + count;
            int at = Place(size, true);
            _ring[at] = (byte)kind;
            _ring[at + 1] = Waiting;
            WriteInt(at + 2, tag, 2);
            WriteLong(at + 4, requestId);
            WriteInt(at + 12, 0, 4);
            WriteInt(at + 16, (int)sequence, 4);
            WriteInt(at + 20, count, 2);
            Array.Copy(payload, offset, _ring, at + HeaderBytes, count);
            _end = at + size;
            _count++;
            _nextSequence = sequence + 1;
            if (_next < 0) _next = at;
            return true;
        }

        /// <summary>
        /// Makes room for a record of <paramref name="count"/> payload bytes, dropping the oldest records under the
        /// drop policy: false (and counted as refused) when it cannot fit. Room made stays: removing records never
        /// takes it away, so a later <see cref="Add(AlinkKind, int, long, byte[], int, int)"/> of that size fits
        /// without dropping more.
        /// </summary>
        public bool MakeRoom(int count)
        {
            int size = HeaderBytes + count;
            if (size > _ring.Length || count > MaxPayload)
            {
                _refused++;
                return false;
            }

            while (Place(size, false) < 0)
            {
                if (!_dropOldest || _count == 0)
                {
                    _refused++;
                    return false;
                }

                RemoveOldest();
                _dropped++;
            }

            return true;
        }

        /// <summary>Empties the ring (a journal read that failed part-way); the counters stay.</summary>
        public void Clear()
        {
            _count = 0;
            _first = 0;
            _end = 0;
            _wrapAt = -1;
            _next = -1;
        }

        /// <summary>Bytes of the ring; a record takes <see cref="HeaderBytes"/> + its payload.</summary>
        public int Capacity
        {
            get { return _ring.Length; }
        }

        /// <summary>
        /// The oldest record not done whose sequence number is after <paramref name="sequence"/> (any, when
        /// <paramref name="any"/>): its offset in <see cref="Buffer"/>, or -1. Offsets hold until the lock guarding
        /// the ring is released.
        /// </summary>
        public int FindNotDoneAfter(bool any, uint sequence)
        {
            for (int i = 0, at = _first; i < _count; i++, at = After(at))
            {
                if (_ring[at + 1] == Done) continue;
                if (any || (int)(ReadUInt(at + 16) - sequence) > 0) return at;
            }

            return -1;
        }

        /// <summary>The record after the one at <paramref name="at"/> (one held) that is not done, or -1.</summary>
        public int NextNotDone(int at)
        {
            while (at + HeaderBytes + ReadInt(at + 20, 2) != _end)   // only the newest record ends at _end
            {
                at = After(at);
                if (_ring[at + 1] != Done) return at;
            }

            return -1;
        }

        /// <summary>True when the record numbered <paramref name="sequence"/> is held.</summary>
        public bool Holds(uint sequence)
        {
            return _count > 0 && (int)(sequence - FirstSequence) >= 0 && (int)(sequence - _nextSequence) < 0;
        }

        /// <summary>The fields of the record at <paramref name="at"/> (see <see cref="FindNotDoneAfter"/>).</summary>
        public void Describe(int at, out AlinkKind kind, out int tag, out long requestId, out uint sequence, out int payloadCount)
        {
            kind = (AlinkKind)_ring[at];
            tag = ReadInt(at + 2, 2);
            if (tag == 0xFFFF) tag = -1;
            requestId = ReadLong(at + 4);
            sequence = ReadUInt(at + 16);
            payloadCount = ReadInt(at + 20, 2);
        }

        /// <summary>The oldest waiting record, to send: false when none waits.</summary>
        public bool PeekWaiting(out AlinkKind kind, out int tag, out long requestId, out uint sequence, out int payloadOffset, out int payloadCount)
        {
            payloadOffset = 0;
            if (_next < 0)
            {
                kind = AlinkKind.None;
                tag = 0;
                requestId = 0;
                sequence = 0;
                payloadCount = 0;
                return false;
            }

            Describe(_next, out kind, out tag, out requestId, out sequence, out payloadCount);
            payloadOffset = _next + HeaderBytes;
            return true;
        }

        /// <summary>The array the payloads lie in (see <see cref="PeekWaiting"/>'s offset).</summary>
        public byte[] Buffer
        {
            get { return _ring; }
        }

        /// <summary>
        /// The oldest waiting record, numbered <paramref name="sequence"/>, left: <paramref name="messageId"/> &gt; 0
        /// awaits that acknowledgement, 0 is done. Nothing happens when that record is no longer the oldest waiting
        /// (dropped for room meanwhile). By number, not request id: every raw post has request id 0.
        /// </summary>
        public void MarkSent(uint sequence, int messageId)
        {
            if (_next < 0 || ReadUInt(_next + 16) != sequence) return;
            int at = _next;
            _ring[at + 1] = (byte)(messageId > 0 ? Sent : Done);
            WriteInt(at + 12, messageId, 4);
            _next = FindWaiting(After(at));
            RemoveDone();
        }

        /// <summary>The transport acknowledged <paramref name="messageId"/>: the record sent with it is done. False when none was.</summary>
        public bool Acknowledge(int messageId)
        {
            if (messageId <= 0) return false;
            for (int i = 0, at = _first; i < _count; i++, at = After(at))
            {
                if (_ring[at + 1] == Sent && ReadInt(at + 12, 4) == messageId)
                {
                    _ring[at + 1] = Done;
                    RemoveDone();
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The connection is gone: records sent but not acknowledged wait again. Returns how many, and the request ids
        /// of the first <paramref name="ids"/>.Length of them (their pending entries are stale).
        /// </summary>
        public int Rewind(long[] ids)
        {
            int rewound = 0;
            for (int i = 0, at = _first; i < _count; i++, at = After(at))
            {
                if (_ring[at + 1] != Sent) continue;
                _ring[at + 1] = Waiting;
                if (rewound < ids.Length) ids[rewound] = ReadLong(at + 4);
                rewound++;
            }

            _next = FindWaiting(_count == 0 ? -1 : _first);
            return rewound;
        }

        /// <summary>
        /// Where a record of <paramref name="size"/> bytes goes, or -1 when it does not fit now; <paramref name="take"/>
        /// records the wrap when it goes to 0 before the oldest (only for the record actually added).
        /// </summary>
        private int Place(int size, bool take)
        {
            if (_count == 0)
            {
                _first = 0;
                _end = 0;
                _wrapAt = -1;
                return 0;
            }

            if (_wrapAt >= 0) return _first - _end >= size ? _end : -1;   // between the newest and the oldest
            if (_ring.Length - _end >= size) return _end;                  // after the newest
            if (_first < size) return -1;
            if (take) _wrapAt = _end;                                       // from 0, before the oldest
            return 0;
        }

        /// <summary>The record after the one at <paramref name="at"/>.</summary>
        private int After(int at)
        {
            int next = at + HeaderBytes + ReadInt(at + 20, 2);
            return next == _wrapAt ? 0 : next;
        }

        private int FindWaiting(int from)
        {
            if (from < 0) return -1;
            int at = _first;
            int i = 0;
            while (i < _count && at != from)
            {
                at = After(at);
                i++;
            }

            for (; i < _count; i++, at = After(at))
            {
                if (_ring[at + 1] == Waiting) return at;
            }

            return -1;
        }

        private void RemoveDone()
        {
            while (_count > 0 && _ring[_first + 1] == Done) RemoveOldest();
        }

        private void RemoveOldest()
        {
            int at = _first;
            int next = After(at);
            if (next == 0 && _wrapAt >= 0) _wrapAt = -1;    // the older run is gone: no longer wrapped
            _count--;
            if (_count == 0)
            {
                _first = 0;
                _end = 0;
                _wrapAt = -1;
                _next = -1;
                return;
            }

            _first = next;
            if (_next == at) _next = FindWaiting(next);
        }

        private int ReadInt(int at, int bytes)
        {
            int value = 0;
            for (int i = 0; i < bytes; i++) value = (value << 8) | _ring[at + i];
            return value;
        }

        private void WriteInt(int at, int value, int bytes)
        {
            for (int i = bytes - 1; i >= 0; i--)
            {
                _ring[at + i] = (byte)value;
                value >>= 8;
            }
        }

        private uint ReadUInt(int at)
        {
            return (uint)ReadInt(at, 4);
        }

        private long ReadLong(int at)
        {
            return ((long)(uint)ReadInt(at, 4) << 32) | (uint)ReadInt(at + 4, 4);
        }

        private void WriteLong(int at, long value)
        {
            WriteInt(at, (int)(value >> 32), 4);
            WriteInt(at + 4, (int)value, 4);
        }
    }
}
