using System;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// The fixed-size table of Alink requests awaiting their reply: id, <see cref="AlinkKind"/>, a tag (the event index of an event
    /// post) and a deadline. Full is a status, never growth. Not thread-safe: the client guards it.
    /// </summary>
    /// <remarks>Deadlines are milliseconds of any monotonic clock; they are compared by subtraction, so the clock may wrap.</remarks>
    internal sealed class RequestTable
    {
        private readonly long[] _ids;
        private readonly int[] _kinds;
        private readonly int[] _tags;
        private readonly long[] _deadlines;
        private int _count;

        /// <summary>Creates a table of <paramref name="capacity"/> slots.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
        public RequestTable(int capacity)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException("capacity");
            _ids = new long[capacity];
            _kinds = new int[capacity];
            _tags = new int[capacity];
            _deadlines = new long[capacity];
        }

        /// <summary>How many slots the table has.</summary>
        public int Capacity
        {
            get { return _ids.Length; }
        }

        /// <summary>How many requests are pending.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Records a pending request.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>, or <see cref="ErrorCode.RequestTableFull"/> with nothing recorded.</returns>
        public int Add(long id, AlinkKind kind, int tag, long deadline)
        {
            if (_count == _ids.Length) return ErrorCode.RequestTableFull;
            _ids[_count] = id;
            _kinds[_count] = (int)kind;
            _tags[_count] = tag;
            _deadlines[_count] = deadline;
            _count++;
            return ErrorCode.Ok;
        }

        /// <summary>Removes the pending request with this id and kind (a reply arrived).</summary>
        /// <returns>True when it was pending; its tag in <paramref name="tag"/>.</returns>
        public bool Remove(long id, AlinkKind kind, out int tag)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == id && _kinds[i] == (int)kind)
                {
                    tag = _tags[i];
                    RemoveAt(i);
                    return true;
                }
            }

            tag = 0;
            return false;
        }

        /// <summary>Removes one request whose deadline has passed at <paramref name="now"/>; call until it returns false.</summary>
        public bool RemoveExpired(long now, out long id, out AlinkKind kind, out int tag)
        {
            for (int i = 0; i < _count; i++)
            {
                if (now - _deadlines[i] >= 0)
                {
                    id = _ids[i];
                    kind = (AlinkKind)_kinds[i];
                    tag = _tags[i];
                    RemoveAt(i);
                    return true;
                }
            }

            id = 0;
            tag = 0;
            kind = AlinkKind.None;
            return false;
        }

        /// <summary>Milliseconds from <paramref name="now"/> to the earliest deadline (0 if one has passed), or -1 when nothing is pending.</summary>
        public long TimeToNextDeadline(long now)
        {
            long best = -1;
            for (int i = 0; i < _count; i++)
            {
                long left = _deadlines[i] - now;
                if (left < 0) left = 0;
                if (best < 0 || left < best) best = left;
            }

            return best;
        }

        /// <summary>Forgets every pending request.</summary>
        public void Clear()
        {
            _count = 0;
        }

        private void RemoveAt(int i)
        {
            // Order does not matter: move the last slot into the hole.
            int last = --_count;
            _ids[i] = _ids[last];
            _kinds[i] = _kinds[last];
            _tags[i] = _tags[last];
            _deadlines[i] = _deadlines[last];
        }
    }
}
