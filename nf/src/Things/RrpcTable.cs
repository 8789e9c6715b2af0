using System;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// Calls awaiting the application's answer on a reply topic the SDK must remember: synchronous service calls
    /// and RRPC requests (system and custom), with the topic each answer goes to. Also remembers the message ids it
    /// answered last, so a request seen again (the broker echoing the device's own answer on the request topic,
    /// quirk 3, or a duplicate delivery) is recognised and dropped. Fixed size; not thread-safe (the client guards it).
    /// </summary>
    internal sealed class RrpcTable
    {
        private readonly int[] _kinds;
        private readonly long[] _keys;
        private readonly long[] _messageIds;
        private readonly long[] _deadlines;
        private readonly byte[][] _topics;
        private readonly int[] _topicLengths;
        private readonly long[] _answered;
        private int _count;
        private int _answeredNext;
        private int _answeredCount;

        /// <summary>Creates a table of <paramref name="capacity"/> calls, each with room for a reply topic of <paramref name="topicCapacity"/> bytes, remembering <paramref name="answeredCapacity"/> answered ids.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A capacity is below 1.</exception>
        public RrpcTable(int capacity, int topicCapacity, int answeredCapacity)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException("capacity");
            if (topicCapacity < 1) throw new ArgumentOutOfRangeException("topicCapacity");
            if (answeredCapacity < 1) throw new ArgumentOutOfRangeException("answeredCapacity");
            _kinds = new int[capacity];
            _keys = new long[capacity];
            _messageIds = new long[capacity];
            _deadlines = new long[capacity];
            _topics = new byte[capacity][];
            for (int i = 0; i < capacity; i++) _topics[i] = new byte[topicCapacity];
            _topicLengths = new int[capacity];
            _answered = new long[answeredCapacity];
        }

        /// <summary>How many calls await an answer.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>True when <paramref name="messageId"/> is awaiting an answer or was answered recently: a request with it is an echo or a duplicate.</summary>
        public bool IsKnown(long messageId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_messageIds[i] == messageId) return true;
            }

            for (int i = 0; i < _answeredCount; i++)
            {
                if (_answered[i] == messageId) return true;
            }

            return false;
        }

        /// <summary>
        /// Records a call and the topic its answer goes to (empty for a system RRPC, whose reply topic is derived).
        /// When the table is full, the call with the earliest deadline is dropped to make room (its caller has most
        /// likely given up).
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.BufferTooSmall"/> (nothing recorded) when the topic exceeds the topic capacity.</returns>
        public int Add(AlinkKind kind, long key, long messageId, byte[] topic, int topicOffset, int topicCount, long deadline)
        {
            if (topicCount > _topics[0].Length) return ErrorCode.BufferTooSmall;
            if (_count == _kinds.Length) RemoveAt(Earliest());
            int i = _count++;
            _kinds[i] = (int)kind;
            _keys[i] = key;
            _messageIds[i] = messageId;
            _deadlines[i] = deadline;
            if (topicCount > 0) Array.Copy(topic, topicOffset, _topics[i], 0, topicCount);
            _topicLengths[i] = topicCount;
            return ErrorCode.Ok;
        }

        /// <summary>The slot of the pending call of this kind and key, or -1.</summary>
        public int Find(AlinkKind kind, long key)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_kinds[i] == (int)kind && _keys[i] == key) return i;
            }

            return -1;
        }

        /// <summary>The RRPC message id of the call in <paramref name="slot"/>.</summary>
        public long MessageIdAt(int slot)
        {
            return _messageIds[CheckSlot(slot)];
        }

        /// <summary>The buffer holding the reply topic of the call in <paramref name="slot"/> (from index 0); valid until the table changes.</summary>
        public byte[] TopicAt(int slot)
        {
            return _topics[CheckSlot(slot)];
        }

        /// <summary>The length of the reply topic of the call in <paramref name="slot"/>.</summary>
        public int TopicLengthAt(int slot)
        {
            return _topicLengths[CheckSlot(slot)];
        }

        /// <summary>Removes an answered call and remembers its message id (see <see cref="IsKnown"/>).</summary>
        public void Complete(int slot)
        {
            CheckSlot(slot);
            RememberAnswered(_messageIds[slot]);
            RemoveAt(slot);
        }

        /// <summary>Records the call with <paramref name="messageId"/> as answered, whether or not it is still pending (it may have expired meanwhile).</summary>
        public void CompleteMessage(long messageId)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_messageIds[i] == messageId)
                {
                    Complete(i);
                    return;
                }
            }

            RememberAnswered(messageId);
        }

        /// <summary>Remembers an answered message id (see <see cref="IsKnown"/>), e.g. after its call was dropped from the table.</summary>
        public void RememberAnswered(long messageId)
        {
            _answered[_answeredNext] = messageId;
            _answeredNext = (_answeredNext + 1) % _answered.Length;
            if (_answeredCount < _answered.Length) _answeredCount++;
        }

        /// <summary>Drops the calls whose deadline passed at <paramref name="now"/> (their callers have given up); returns how many.</summary>
        public int RemoveExpired(long now)
        {
            int removed = 0;
            for (int i = _count - 1; i >= 0; i--)
            {
                if (now - _deadlines[i] >= 0)
                {
                    RemoveAt(i);
                    removed++;
                }
            }

            return removed;
        }

        /// <summary>Forgets pending calls (answered ids are kept, so late echoes are still recognised).</summary>
        public void Clear()
        {
            _count = 0;
        }

        private int Earliest()
        {
            int best = 0;
            for (int i = 1; i < _count; i++)
            {
                if (_deadlines[i] - _deadlines[best] < 0) best = i;
            }

            return best;
        }

        private void RemoveAt(int i)
        {
            int last = --_count;
            if (i == last) return;
            _kinds[i] = _kinds[last];
            _keys[i] = _keys[last];
            _messageIds[i] = _messageIds[last];
            _deadlines[i] = _deadlines[last];

            // Swap the topic buffers instead of copying bytes.
            byte[] topic = _topics[i];
            _topics[i] = _topics[last];
            _topics[last] = topic;
            _topicLengths[i] = _topicLengths[last];
        }

        private int CheckSlot(int slot)
        {
            if (slot < 0 || slot >= _count) throw new ArgumentOutOfRangeException("slot");
            return slot;
        }
    }
}
