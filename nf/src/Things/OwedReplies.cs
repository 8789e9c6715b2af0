using System;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// The property-set replies the device owes the cloud and could not send yet (the QoS 1 window was full, or the
    /// connection was down): a fixed ring of request id and code, oldest first. Full is a status, never growth.
    /// Not thread-safe: <see cref="ThingAnswers"/> guards it.
    /// </summary>
    internal sealed class OwedReplies
    {
        private readonly long[] _ids;
        private readonly int[] _codes;
        private int _first;
        private int _count;

        /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
        public OwedReplies(int capacity)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException("capacity");
            _ids = new long[capacity];
            _codes = new int[capacity];
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>Appends a reply; false (nothing kept) when the ring is full.</summary>
        public bool Add(long id, int code)
        {
            if (_count == _ids.Length) return false;
            int slot = (_first + _count) % _ids.Length;
            _ids[slot] = id;
            _codes[slot] = code;
            _count++;
            return true;
        }

        /// <summary>The oldest reply, left in place; false when there is none.</summary>
        public bool Peek(out long id, out int code)
        {
            id = 0;
            code = 0;
            if (_count == 0) return false;
            id = _ids[_first];
            code = _codes[_first];
            return true;
        }

        /// <summary>Forgets the oldest reply (sent, or given up).</summary>
        public void RemoveFirst()
        {
            if (_count == 0) return;
            _first = (_first + 1) % _ids.Length;
            _count--;
        }
    }
}
