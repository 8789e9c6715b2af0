using System;
using LinkKit.Nano.Json;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>
    /// The desired values of a desired-properties query's reply, read in place: <c>data</c> as
    /// <c>{"power":{"value":"on","version":3},"temp":{"value":21.5,"version":7}}</c>. Lent to
    /// <see cref="LinkKitClient.DesiredPropertiesGetReplied"/> handlers: valid only during the call; the same instance is
    /// reused. Nothing here allocates except the Get… methods that return a string.
    /// </summary>
    /// <remarks>
    /// Iterate with <see cref="MoveNext"/> (or jump with <see cref="MoveTo"/>), then read the current entry:
    /// <see cref="IdentifierEquals"/>, <see cref="Version"/> (-1 when absent), <see cref="HasValue"/> and the value as a
    /// JSON slice (<see cref="Buffer"/>, <see cref="ValueOffset"/>, <see cref="ValueCount"/>), as a lent reader
    /// (<see cref="Value"/>) or through the typed getters. Members of <c>data</c> whose value is not an object, or whose
    /// name is empty (no property has one), are skipped; a reply without data, a refusal and a timeout have no entries.
    /// </remarks>
    public sealed class DesiredProperties
    {
        /// <summary>The most identifiers one query or deletion may name (the platform's limit, answered 6104 beyond it).</summary>
        public const int MaxIdentifiers = 200;

        private readonly JsonReader _reader = new JsonReader(8);      // walks data
        private readonly JsonReader _entryReader = new JsonReader(2); // reads the current identifier
        private readonly JsonReader _valueReader = new JsonReader();  // lent: the current value
        private byte[] _buffer;
        private int _dataStart = -1;
        private int _dataEnd;
        private int _count;

        // The current entry; _nameStart -1 before the first and after the last.
        private int _nameStart = -1;
        private int _nameEnd;
        private int _valueStart = -1;
        private int _valueEnd;
        private long _version = -1;
        private bool _ended;

        internal DesiredProperties()
        {
        }

        /// <summary>How many identifiers the reply carries.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>True when <see cref="MoveNext"/> or <see cref="MoveTo"/> stands on an entry.</summary>
        public bool HasCurrent
        {
            get { return _nameStart >= 0; }
        }

        /// <summary>The current entry's <c>version</c>, or -1 when it has none (or it is not a whole number).</summary>
        public long Version
        {
            get { return _version; }
        }

        /// <summary>True when the current entry has a <c>value</c> that is not JSON null.</summary>
        public bool HasValue
        {
            get { return _valueStart >= 0; }
        }

        /// <summary>The buffer holding the reply: <see cref="ValueOffset"/> indexes into it.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>Where the current value's JSON text starts in <see cref="Buffer"/> (a string with its quotes); -1 without a value.</summary>
        public int ValueOffset
        {
            get { return _valueStart; }
        }

        /// <summary>The length of the current value's JSON text; 0 without a value.</summary>
        public int ValueCount
        {
            get { return _valueStart >= 0 ? _valueEnd - _valueStart : 0; }
        }

        /// <summary>A reader standing on the current value's first token (e.g. a Number or StartObject); null without a value. Lent: reset on every access.</summary>
        public JsonReader Value
        {
            get { return ReadValue() ? _valueReader : null; }
        }

        /// <summary>Moves to the next entry.</summary>
        /// <returns>False after the last (then <see cref="HasCurrent"/> is false).</returns>
        public bool MoveNext()
        {
            if (_dataStart < 0 || _ended) return false;
            JsonReader r = _reader;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                int nameStart = r.ValueOffset - 1;
                int nameEnd = r.ValueOffset + r.ValueLength + 1;
                bool named = r.ValueLength > 0;
                if (!r.Read()) break;
                if (r.TokenType != JsonTokenType.StartObject || !named)
                {
                    if (!r.Skip()) break;
                    continue;
                }

                if (ReadEntry(r))
                {
                    _nameStart = nameStart;
                    _nameEnd = nameEnd;
                    return true;
                }

                break;
            }

            ClearCurrent();
            _ended = true;                                               // stays past the end until Reset
            return false;
        }

        /// <summary>Goes back to before the first entry.</summary>
        public void Reset()
        {
            ClearCurrent();
            _ended = false;
            if (_dataStart < 0) return;
            _reader.Reset(_buffer, _dataStart, _dataEnd - _dataStart);
            _reader.Read();                                              // the data object's StartObject
        }

        /// <summary>Moves to the entry of <paramref name="identifier"/>, searching from the first.</summary>
        /// <returns>False when the reply has no such entry.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        public bool MoveTo(string identifier)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            Reset();
            while (MoveNext())
            {
                if (IdentifierEquals(identifier)) return true;
            }

            return false;
        }

        /// <summary>True when the current entry's identifier is <paramref name="identifier"/> (escapes decoded; no allocation).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        public bool IdentifierEquals(string identifier)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            return ReadName() && _entryReader.ValueEquals(identifier);
        }

        /// <summary>Copies the current identifier's UTF-8 bytes.</summary>
        /// <returns>The length; 0 without a current entry; <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        public int CopyIdentifier(byte[] destination, int offset, int count)
        {
            Internal.BufferArgs.Check(destination, offset, count);
            return ReadName() ? _entryReader.CopyString(destination, offset, count) : 0;
        }

        /// <summary>The current identifier as a new string (allocates), or null without a current entry.</summary>
        public string GetIdentifier()
        {
            return ReadName() ? _entryReader.GetString() : null;
        }

        /// <summary>The current value as an int.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.WrongType"/> (also without a value); <see cref="ErrorCode.OutOfRange"/>.</returns>
        public int TryGetInt32(out int value)
        {
            value = 0;
            return ReadValue() ? _valueReader.TryGetInt32(out value) : ErrorCode.WrongType;
        }

        /// <summary>The current value as a long. Results as <see cref="TryGetInt32"/>.</summary>
        public int TryGetInt64(out long value)
        {
            value = 0;
            return ReadValue() ? _valueReader.TryGetInt64(out value) : ErrorCode.WrongType;
        }

        /// <summary>The current value as a double. Results as <see cref="TryGetInt32"/>.</summary>
        public int TryGetDouble(out double value)
        {
            value = 0;
            return ReadValue() ? _valueReader.TryGetDouble(out value) : ErrorCode.WrongType;
        }

        /// <summary>The current value as a bool (JSON true or false; a TSL bool arrives as 0 or 1: use <see cref="TryGetInt32"/>).</summary>
        public int TryGetBoolean(out bool value)
        {
            value = false;
            return ReadValue() ? _valueReader.TryGetBoolean(out value) : ErrorCode.WrongType;
        }

        /// <summary>True when the current value is a string equal to <paramref name="text"/> (escapes decoded; no allocation).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        public bool ValueEquals(string text)
        {
            if (text == null) throw new ArgumentNullException("text");
            return ReadValue() && _valueReader.TokenType == JsonTokenType.String && _valueReader.ValueEquals(text);
        }

        /// <summary>Copies the current value's UTF-8 bytes when it is a string (escapes decoded).</summary>
        /// <returns>The length; <see cref="ErrorCode.WrongType"/> for another value (or none); <see cref="ErrorCode.BufferTooSmall"/>.</returns>
        public int CopyString(byte[] destination, int offset, int count)
        {
            Internal.BufferArgs.Check(destination, offset, count);
            if (!ReadValue() || _valueReader.TokenType != JsonTokenType.String) return ErrorCode.WrongType;
            return _valueReader.CopyString(destination, offset, count);
        }

        /// <summary>Lends the reply's data (a reader standing on its first token, or null) and counts its entries.</summary>
        internal void Set(ThingReply reply)
        {
            Clear();
            JsonReader data = reply.Data;
            if (data == null || data.TokenType != JsonTokenType.StartObject) return;
            _buffer = data.Buffer;
            _dataStart = data.ValueOffset;
            if (!data.Skip()) return;                                    // cannot fail: the envelope read it whole
            _dataEnd = data.ValueOffset + 1;
            Reset();
            int n = 0;
            while (MoveNext()) n++;
            _count = n;
            Reset();
        }

        /// <summary>Forgets the reply (after the handler returned).</summary>
        internal void Clear()
        {
            _buffer = null;
            _dataStart = -1;
            _count = 0;
            ClearCurrent();
        }

        // On an entry's StartObject: finds its value and version, ending on the entry's EndObject.
        private bool ReadEntry(JsonReader r)
        {
            _valueStart = -1;
            _version = -1;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueEquals("value"))
                {
                    int start, end;
                    if (!JsonSlice.ReadValue(r, out start, out end)) return false;
                    if (r.TokenType != JsonTokenType.Null)
                    {
                        _valueStart = start;
                        _valueEnd = end;
                    }
                }
                else if (r.ValueEquals("version"))
                {
                    long version;
                    if (!r.Read()) return false;
                    if (r.TokenType == JsonTokenType.StartObject || r.TokenType == JsonTokenType.StartArray)
                    {
                        if (!r.Skip()) return false;
                    }
                    else if (r.TryGetInt64FromNumberOrString(out version) == ErrorCode.Ok && version >= 0)
                    {
                        _version = version;
                    }
                }
                else if (!r.Skip())
                {
                    return false;
                }
            }

            return r.TokenType == JsonTokenType.EndObject;
        }

        private bool ReadName()
        {
            if (_nameStart < 0) return false;
            _entryReader.Reset(_buffer, _nameStart, _nameEnd - _nameStart);
            return _entryReader.Read();
        }

        private bool ReadValue()
        {
            if (_valueStart < 0) return false;
            _valueReader.Reset(_buffer, _valueStart, _valueEnd - _valueStart);
            return _valueReader.Read();
        }

        private void ClearCurrent()
        {
            _nameStart = -1;
            _valueStart = -1;
            _version = -1;
        }
    }
}
