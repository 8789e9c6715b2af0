using System;
using LinkKit.Nano.Internal;

namespace LinkKit.Nano.Json
{
    /// <summary>
    /// A forward-only, allocation-free reader of one JSON document (RFC 8259, strictly) held in a byte slice.
    /// It validates as it goes and never reads outside the slice; malformed input is a status
    /// (<see cref="Error"/>, <see cref="ErrorOffset"/>), never an exception. No recursion anywhere.
    /// </summary>
    /// <remarks>
    /// The SDK owns one reader and lends it to handlers over a receive buffer: the reader and every offset it
    /// reports are valid only during that call. Offsets are indices into the buffer given to
    /// <see cref="Reset"/>, not into the slice. Strict means: exactly one value with only whitespace
    /// (space, tab, CR, LF) around it; no comments, trailing commas, BOM, NaN or single quotes; strings must be
    /// valid UTF-8 (no overlong forms, no encoded surrogates, nothing above U+10FFFF) with control characters
    /// escaped, only the eight short escapes and \uXXXX, and \u surrogates in high-low pairs.
    /// </remarks>
    public sealed partial class JsonReader
    {
        /// <summary>The deepest nesting a reader can track: one bit per open container in a ulong.</summary>
        public const int MaxSupportedDepth = 64;

        private readonly int _maxDepth;

        private byte[] _buffer;
        private int _end;                  // one past the slice
        private int _position;             // next byte to examine
        private bool _finished;            // the document ended (successfully or not)

        private int _depth;                // open containers
        private ulong _containers;         // bit 0 = innermost open container: 1 object, 0 array

        private JsonTokenType _tokenType;
        private int _tokenDepth;
        private int _valueOffset;
        private int _valueLength;
        private bool _valueIsEscaped;

        private int _error;
        private int _errorOffset;

        /// <summary>Creates a reader; give it a document with <see cref="Reset"/>.</summary>
        /// <param name="maxDepth">How many containers may be open at once (1..64); deeper input gives <see cref="ErrorCode.DepthExceeded"/>.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDepth"/> is outside 1..64.</exception>
        public JsonReader(int maxDepth = 16)
        {
            if (maxDepth < 1 || maxDepth > MaxSupportedDepth) throw new ArgumentOutOfRangeException("maxDepth");
            _maxDepth = maxDepth;
        }

        /// <summary>The buffer given to <see cref="Reset"/> (null before): <see cref="ValueOffset"/> indexes into it.</summary>
        public byte[] Buffer
        {
            get { return _buffer; }
        }

        /// <summary>The nesting limit given at construction.</summary>
        public int MaxDepth
        {
            get { return _maxDepth; }
        }

        /// <summary>The current token's kind; <see cref="JsonTokenType.None"/> before the first Read, at the end and after an error.</summary>
        public JsonTokenType TokenType
        {
            get { return _tokenType; }
        }

        /// <summary>
        /// The current token's depth: 0 for the root value (and the root's own start and end tokens),
        /// 1 for the names and values directly inside it, and so on.
        /// </summary>
        public int Depth
        {
            get { return _tokenDepth; }
        }

        /// <summary><see cref="ErrorCode.Ok"/>, or why reading stopped: <see cref="ErrorCode.Malformed"/> or <see cref="ErrorCode.DepthExceeded"/>.</summary>
        public int Error
        {
            get { return _error; }
        }

        /// <summary>
        /// Where the error was detected, as an index into the buffer; -1 without an error. It is the offending
        /// byte (or the start of a bad number or escape, or the bracket too deep), or the slice end when the
        /// input stops early.
        /// </summary>
        public int ErrorOffset
        {
            get { return _errorOffset; }
        }

        /// <summary>
        /// Index in the buffer of the current token's raw bytes: for strings and names, the first byte after the
        /// opening quote; for numbers and literals, their first character; for brackets, the bracket.
        /// </summary>
        public int ValueOffset
        {
            get { return _valueOffset; }
        }

        /// <summary>Length of the current token's raw bytes (strings and names: between the quotes, still escaped).</summary>
        public int ValueLength
        {
            get { return _valueLength; }
        }

        /// <summary>True when the current string or name contains a backslash escape (its raw bytes differ from its value).</summary>
        public bool ValueIsEscaped
        {
            get { return _valueIsEscaped; }
        }

        /// <summary>Starts reading the document in <paramref name="buffer"/>[<paramref name="offset"/>..+<paramref name="count"/>).</summary>
        /// <remarks>The reader keeps a reference to the buffer: its content must not change while it is read.</remarks>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public void Reset(byte[] buffer, int offset, int count)
        {
            BufferArgs.Check(buffer, offset, count);
            _buffer = buffer;
            _position = offset;
            _end = offset + count;
            _finished = false;
            _depth = 0;
            _containers = 0;
            _error = ErrorCode.Ok;
            _errorOffset = -1;
            ClearToken();
        }

        /// <summary>Advances to the next token.</summary>
        /// <returns>True on a token; false at the end of the document (<see cref="Error"/> is Ok) or when the
        /// input is malformed or too deep (<see cref="Error"/> says which; further calls keep returning false).</returns>
        /// <exception cref="InvalidOperationException"><see cref="Reset"/> was never called.</exception>
        public bool Read()
        {
            if (_buffer == null) throw new InvalidOperationException("JsonReader.Reset was not called.");
            if (_finished) return false;

            int p = SkipWhitespace(_position);
            JsonTokenType previous = _tokenType;
            if (previous == JsonTokenType.None) return ReadValue(p);   // the root value

            if (_depth == 0)
            {
                // The root value is complete: only whitespace may follow.
                if (p != _end) return Fail(ErrorCode.Malformed, p);
                _finished = true;
                ClearToken();
                return false;
            }

            if (p == _end) return Fail(ErrorCode.Malformed, p);          // a container left open
            byte b = _buffer[p];
            bool inObject = (_containers & 1) != 0;
            if (previous == JsonTokenType.StartObject) return b == '}' ? ReadEnd(p, true) : ReadPropertyName(p);
            if (previous == JsonTokenType.StartArray) return b == ']' ? ReadEnd(p, false) : ReadValue(p);
            if (previous == JsonTokenType.PropertyName) return ReadValue(p);

            // After a value: a separator or the end of the container.
            if (b == ',')
            {
                p = SkipWhitespace(p + 1);
                return inObject ? ReadPropertyName(p) : ReadValue(p);
            }

            if (b == (inObject ? '}' : ']')) return ReadEnd(p, inObject);
            return Fail(ErrorCode.Malformed, p);
        }

        /// <summary>
        /// Skips the current value: on a start token, reads up to its matching end token; on a property name,
        /// reads its value (and skips it if it is a container); on any other token, does nothing. Before the first
        /// Read it skips the whole root value. Iterative, bounded by the input length.
        /// </summary>
        /// <returns>True when positioned on the last token of the skipped value; false at the end or on an error.</returns>
        public bool Skip()
        {
            if (_tokenType == JsonTokenType.PropertyName || _tokenType == JsonTokenType.None)
            {
                if (!Read()) return false;
            }

            if (_tokenType != JsonTokenType.StartObject && _tokenType != JsonTokenType.StartArray) return true;
            int outside = _depth - 1;
            while (Read())
            {
                if (_depth == outside) return true;                      // the matching end token
            }

            return false;
        }

        /// <summary>
        /// Within the innermost open object, advances past the remaining members to the value of the first member
        /// named <paramref name="name"/> (compared unescaped) and stops on that value. Forward-only: members before
        /// the current position are not seen. Works from the object's StartObject token, a member name, or a
        /// member's value.
        /// </summary>
        /// <returns>True on the value; false when the object ends first (the reader stands on its EndObject and
        /// <see cref="Error"/> is Ok), when the reader is not inside an object, or on an error.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
        public bool MoveToProperty(string name)
        {
            if (name == null) throw new ArgumentNullException("name");
            JsonTokenType t = _tokenType;
            if (t == JsonTokenType.PropertyName)
            {
                if (!Skip()) return false;                               // this member's value
            }
            else if (t == JsonTokenType.None || (t != JsonTokenType.StartObject && (_depth == 0 || (_containers & 1) == 0)))
            {
                return false;                                            // not inside an object
            }

            // Now on StartObject or on the last token of a member's value: a name or '}' comes next.
            while (Read())
            {
                if (_tokenType != JsonTokenType.PropertyName) return false; // EndObject: not found
                if (ValueEquals(name)) return Read();
                if (!Skip()) return false;
            }

            return false;
        }

        private int SkipWhitespace(int p)
        {
            while (p < _end)
            {
                byte b = _buffer[p];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') break;
                p++;
            }

            return p;
        }

        private bool ReadEnd(int p, bool isObject)
        {
            _depth--;
            _containers >>= 1;
            SetToken(isObject ? JsonTokenType.EndObject : JsonTokenType.EndArray, p, 1, false, _depth);
            _position = p + 1;
            return true;
        }

        private void SetToken(JsonTokenType type, int offset, int length, bool escaped, int depth)
        {
            _tokenType = type;
            _valueOffset = offset;
            _valueLength = length;
            _valueIsEscaped = escaped;
            _tokenDepth = depth;
        }

        private void ClearToken()
        {
            SetToken(JsonTokenType.None, 0, 0, false, 0);
        }

        private bool Fail(int error, int offset)
        {
            _error = error;
            _errorOffset = offset;
            _finished = true;
            ClearToken();
            return false;
        }

    }
}
