using System;

namespace LinkKit.Nano.Client
{
    /// <summary>
    /// The subscriptions the application holds, so the client can replay them after every reconnect. Fixed
    /// capacity, linear scan, no allocation after construction. Not thread-safe: the client guards it with its lock.
    /// </summary>
    internal sealed class SubscriptionTable
    {
        private readonly string[] _filters;
        private readonly int[] _qos;
        private int _count;

        /// <summary>Creates an empty table for up to <paramref name="capacity"/> filters.</summary>
        public SubscriptionTable(int capacity)
        {
            if (capacity < 1) throw new ArgumentOutOfRangeException("capacity", "capacity must be at least 1");
            _filters = new string[capacity];
            _qos = new int[capacity];
        }

        /// <summary>How many filters the table can hold.</summary>
        public int Capacity { get { return _filters.Length; } }

        /// <summary>How many filters it holds.</summary>
        public int Count { get { return _count; } }

        /// <summary>The filter at <paramref name="index"/> (0 .. Count-1), in the order first subscribed.</summary>
        public string GetFilter(int index) { return _filters[index]; }

        /// <summary>The QoS requested for the filter at <paramref name="index"/>.</summary>
        public int GetQos(int index) { return _qos[index]; }

        /// <summary>How many of <paramref name="filters"/> (first <paramref name="count"/>) are not in the table yet, counting repeats once.</summary>
        public int CountMissing(string[] filters, int count)
        {
            int missing = 0;
            for (int i = 0; i < count; i++)
            {
                if (IndexOf(filters[i]) >= 0) continue;
                bool repeated = false;
                for (int j = 0; j < i && !repeated; j++) repeated = filters[j] == filters[i];
                if (!repeated) missing++;
            }

            return missing;
        }

        /// <summary>Adds the filter, or updates its QoS if present.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>, or <see cref="ErrorCode.TableFull"/> with the table unchanged.</returns>
        public int Set(string filter, int qos)
        {
            int index = IndexOf(filter);
            if (index < 0)
            {
                if (_count == _filters.Length) return ErrorCode.TableFull;
                index = _count++;
                _filters[index] = filter;
            }

            _qos[index] = qos;
            return ErrorCode.Ok;
        }

        /// <summary>Removes the filter if present, keeping the others in order.</summary>
        /// <returns>True if it was present.</returns>
        public bool Remove(string filter)
        {
            int index = IndexOf(filter);
            if (index < 0) return false;
            for (int i = index + 1; i < _count; i++)
            {
                _filters[i - 1] = _filters[i];
                _qos[i - 1] = _qos[i];
            }

            _count--;
            _filters[_count] = null;
            return true;
        }

        /// <summary>The index of <paramref name="filter"/> (exact, case-sensitive), or -1.</summary>
        public int IndexOf(string filter)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_filters[i] == filter) return i;
            }

            return -1;
        }
    }
}
