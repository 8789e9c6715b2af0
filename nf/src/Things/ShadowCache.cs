using System;

namespace LinkKit.Nano
{
    /// <summary>
    /// The latest device shadow the cloud sent (Python's <c>local_get_latest_shadow()</c>): version and timestamp
    /// from every shadow downlink, and the state and metadata of the last successful one that carried a state.
    /// Kept in one buffer allocated at construction. Thread-safe: copy what you need out of it.
    /// </summary>
    public sealed class ShadowCache
    {
        private readonly object _lock = new object();
        private readonly byte[] _buffer;
        private int _stateLength = -1;     // state at [0, _stateLength); -1: none
        private int _metadataLength = -1;  // metadata right after it; -1: none
        private long _version;
        private long _timestamp;
        private bool _hasVersion;
        private int _overflowCount;

        /// <summary>Creates a cache holding up to <paramref name="capacity"/> bytes of state and metadata.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
        public ShadowCache(int capacity)
        {
            if (capacity < 0) throw new ArgumentOutOfRangeException("capacity");
            _buffer = new byte[capacity];
        }

        /// <summary>True once a shadow version has been received.</summary>
        public bool HasVersion
        {
            get { lock (_lock) { return _hasVersion; } }
        }

        /// <summary>The latest shadow version received (0 before any).</summary>
        public long Version
        {
            get { lock (_lock) { return _version; } }
        }

        /// <summary>The cloud timestamp of the latest shadow downlink that had one (0 before any).</summary>
        public long Timestamp
        {
            get { lock (_lock) { return _timestamp; } }
        }

        /// <summary>True when a state is cached.</summary>
        public bool HasState
        {
            get { lock (_lock) { return _stateLength >= 0; } }
        }

        /// <summary>How many states (or metadata) were not cached because they exceeded the capacity.</summary>
        public int OverflowCount
        {
            get { lock (_lock) { return _overflowCount; } }
        }

        /// <summary>Copies the cached state (a JSON object: <c>{"reported":…,"desired":…}</c>) into the destination.</summary>
        /// <returns>Its length; 0 when none is cached; <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        public int CopyState(byte[] destination, int offset, int count)
        {
            Internal.BufferArgs.Check(destination, offset, count);
            lock (_lock)
            {
                return Copy(0, _stateLength, destination, offset, count);
            }
        }

        /// <summary>Copies the cached metadata (a JSON object) into the destination.</summary>
        /// <returns>Its length; 0 when none is cached; <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        public int CopyMetadata(byte[] destination, int offset, int count)
        {
            Internal.BufferArgs.Check(destination, offset, count);
            lock (_lock)
            {
                return Copy(_stateLength < 0 ? 0 : _stateLength, _metadataLength, destination, offset, count);
            }
        }

        /// <summary>Takes what a parsed downlink offers: version and timestamp always, state and metadata when it succeeded with a state.</summary>
        public void Update(ShadowDocument document)
        {
            if (document == null) throw new ArgumentNullException("document");
            lock (_lock)
            {
                if (document.HasVersion)
                {
                    _version = document.Version;
                    _hasVersion = true;
                }

                if (document.HasTimestamp) _timestamp = document.Timestamp;
                if (!document.IsSuccess || !document.HasState) return;
                int stateLength = document.StateEnd - document.StateStart;
                int metadataLength = document.MetadataStart < 0 ? -1 : document.MetadataEnd - document.MetadataStart;
                if (stateLength > _buffer.Length)
                {
                    _stateLength = -1;
                    _metadataLength = -1;
                    _overflowCount++;
                    return;
                }

                Array.Copy(document.Buffer, document.StateStart, _buffer, 0, stateLength);
                _stateLength = stateLength;
                _metadataLength = -1;
                if (metadataLength < 0) return;
                if (metadataLength > _buffer.Length - stateLength)
                {
                    _overflowCount++;
                    return;
                }

                Array.Copy(document.Buffer, document.MetadataStart, _buffer, stateLength, metadataLength);
                _metadataLength = metadataLength;
            }
        }

        private int Copy(int start, int length, byte[] destination, int offset, int count)
        {
            if (length < 0) return 0;
            if (length > count) return ErrorCode.BufferTooSmall;
            Array.Copy(_buffer, start, destination, offset, length);
            return length;
        }
    }
}
