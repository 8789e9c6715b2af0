using System;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Json
{
    /// <summary>
    /// A forward-only, allocation-free writer of compact JSON (UTF-8) into a buffer it is given by
    /// <see cref="Reset"/>. The SDK owns one and lends it to application code while a message is built.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Errors are sticky so application code need not check every call: the first failure sets <see cref="Error"/>
    /// and every later write does nothing. Failures are <see cref="ErrorCode.BufferTooSmall"/>,
    /// <see cref="ErrorCode.DepthExceeded"/>, <see cref="ErrorCode.NotFinite"/> (NaN or an infinity),
    /// and <see cref="ErrorCode.Malformed"/>: a call that would make the document invalid (a value where a property
    /// name is due, a name outside an object, an end that does not match, a second root value, a lone surrogate or
    /// ill-formed UTF-8 in a string, an empty raw value). After a failure the bytes written are unusable; nothing is
    /// ever written outside the window given to <see cref="Reset"/>. Only misuse of arguments throws
    /// (a null name or buffer, an offset/count outside the buffer).
    /// </para>
    /// <para>
    /// Commas and colons are written automatically. Each write counts its bytes first, checks them once against the
    /// space left, then writes. Container nesting is kept in a 32-bit field, so the depth limit is at most 32.
    /// Not thread-safe; the buffer may be reused once the message built in it has been sent.
    /// </para>
    /// </remarks>
    public sealed partial class JsonWriter
    {
        /// <summary>The largest depth limit a writer accepts: one bit per level of a uint.</summary>
        public const int MaxDepthLimit = 32;

        private static readonly byte[] s_noBuffer = new byte[0];

        // The literals as UTF-8, shared with JsonReader (one copy in the assembly). Encoded from string literals:
        // an array initializer would cost the .pe a hash-named data field (~80 bytes) per array.
        internal static readonly byte[] TrueBytes = Utf8.ToArray("true");
        internal static readonly byte[] FalseBytes = Utf8.ToArray("false");
        internal static readonly byte[] NullBytes = Utf8.ToArray("null");

        private readonly int _maxDepth;
        private byte[] _buffer;
        private int _start;
        private int _position;
        private int _end;
        private int _error;
        private int _depth;
        private uint _objectBits;  // bit d-1 set: the container at depth d is an object, clear: an array
        private bool _hasItems;    // the current container (or the root) already holds an item, so the next needs a comma
        private bool _afterName;   // a property name was written and its value is due

        /// <summary>Creates a writer; it writes nothing until <see cref="Reset"/> gives it a buffer.</summary>
        /// <param name="maxDepth">Deepest container nesting allowed, 1 to <see cref="MaxDepthLimit"/>.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDepth"/> is outside 1..32.</exception>
        public JsonWriter(int maxDepth = 16)
        {
            if (maxDepth < 1 || maxDepth > MaxDepthLimit)
            {
                throw new ArgumentOutOfRangeException("maxDepth", "maxDepth must be 1 to 32.");
            }

            _maxDepth = maxDepth;
            _buffer = s_noBuffer;
        }

        /// <summary>Starts a new document in buffer[offset, offset + count), clearing any error.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="buffer"/>.</exception>
        public void Reset(byte[] buffer, int offset, int count)
        {
            BufferArgs.Check(buffer, offset, count);
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _end = offset + count;
            _error = 0;
            _depth = 0;
            _objectBits = 0;
            _hasItems = false;
            _afterName = false;
        }

        /// <summary>0, or the negative <see cref="ErrorCode"/> of the first failed write.</summary>
        public int Error => _error;

        /// <summary>Bytes written since <see cref="Reset"/>, from the offset it was given.</summary>
        public int Length => _position - _start;

        /// <summary>Open containers.</summary>
        public int CurrentDepth => _depth;

        /// <summary>True when one root value has been written in full (every container closed) without error.</summary>
        public bool IsComplete => _error == 0 && _depth == 0 && _hasItems;

        /// <summary>Writes '{'.</summary>
        public void WriteStartObject()
        {
            WriteStart((byte)'{', true);
        }

        /// <summary>Writes '['.</summary>
        public void WriteStartArray()
        {
            WriteStart((byte)'[', false);
        }

        /// <summary>Writes '}'; the innermost container must be an object with no name awaiting its value.</summary>
        public void WriteEndObject()
        {
            WriteEnd((byte)'}', true);
        }

        /// <summary>Writes ']'; the innermost container must be an array.</summary>
        public void WriteEndArray()
        {
            WriteEnd((byte)']', false);
        }

        /// <summary>Writes <c>"name":</c> (escaped as <see cref="WriteString(string)"/>); an object's next value must follow.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
        public void WritePropertyName(string name)
        {
            if (name == null)
            {
                throw new ArgumentNullException("name");
            }

            WriteQuoted(name, StartName(), true);
        }

        /// <summary>Writes <c>"name":</c> from UTF-8 bytes (escaped as <see cref="WriteString(byte[], int, int)"/>).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="utf8"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="utf8"/>.</exception>
        public void WritePropertyName(byte[] utf8, int offset, int count)
        {
            BufferArgs.Check(utf8, offset, count, "utf8");
            WriteQuoted(utf8, offset, count, StartName(), true);
        }

        /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
        public void WriteBoolean(bool value)
        {
            WriteLiteral(value ? TrueBytes : FalseBytes);
        }

        /// <summary>Writes <c>"name":true</c> or <c>"name":false</c>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
        public void WriteBoolean(string name, bool value)
        {
            WritePropertyName(name);
            WriteBoolean(value);
        }

        /// <summary>Writes <c>null</c>.</summary>
        public void WriteNull()
        {
            WriteLiteral(NullBytes);
        }

        /// <summary>Inserts an already serialised JSON value as is (not validated: the caller vouches for it).</summary>
        /// <remarks>Used for envelopes around a payload built elsewhere; an empty value is refused (<see cref="ErrorCode.Malformed"/>).</remarks>
        /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="json"/>.</exception>
        public void WriteRawValue(byte[] json, int offset, int count)
        {
            BufferArgs.Check(json, offset, count, "json");
            int at = StartValue();
            if (at < 0)
            {
                return;
            }

            if (count == 0)
            {
                Fail(ErrorCode.Malformed);
                return;
            }

            int end = at + count;
            if (Fits(end))
            {
                Commit(at);
                Array.Copy(json, offset, _buffer, at, count);
                EndValue(end);
            }
        }

        private void WriteStart(byte token, bool isObject)
        {
            int at = StartValue();
            if (at < 0)
            {
                return;
            }

            if (_depth == _maxDepth)
            {
                Fail(ErrorCode.DepthExceeded);
                return;
            }

            if (Fits(at + 1))
            {
                Commit(at);
                _buffer[at] = token;
                _position = at + 1;
                uint bit = 1u << _depth;
                _objectBits = isObject ? _objectBits | bit : _objectBits & ~bit;
                _depth++;
                _hasItems = false;
                _afterName = false;
            }
        }

        private void WriteEnd(byte token, bool isObject)
        {
            if (_error != 0)
            {
                return;
            }

            if (_depth == 0 || InObject() != isObject || _afterName)
            {
                Fail(ErrorCode.Malformed);
                return;
            }

            if (Fits(_position + 1))
            {
                _buffer[_position++] = token;
                _depth--;
                _hasItems = true; // the closed container is an item of its parent
            }
        }

        private void WriteLiteral(byte[] literal)
        {
            int at = StartValue();
            if (at < 0)
            {
                return;
            }

            int end = at + literal.Length;
            if (Fits(end))
            {
                Commit(at);
                Array.Copy(literal, 0, _buffer, at, literal.Length);
                EndValue(end);
            }
        }

        private bool InObject()
        {
            return ((_objectBits >> (_depth - 1)) & 1) != 0;
        }

        /// <summary>
        /// Checks that a value may come next; returns where it starts (after a comma, if one is due) or -1 with the
        /// error set. The comma is only stored by <see cref="Commit"/>, once the whole value is known to fit.
        /// </summary>
        private int StartValue()
        {
            if (_error != 0)
            {
                return -1;
            }

            bool allowed = _depth == 0 ? !_hasItems : (_afterName || !InObject());
            if (!allowed)
            {
                Fail(ErrorCode.Malformed);
                return -1;
            }

            // In an object the comma came before the name; at the root there is a single value.
            return _position + (_hasItems && !_afterName ? 1 : 0);
        }

        /// <summary>As <see cref="StartValue"/>, for a property name.</summary>
        private int StartName()
        {
            if (_error != 0)
            {
                return -1;
            }

            if (_depth == 0 || !InObject() || _afterName)
            {
                Fail(ErrorCode.Malformed);
                return -1;
            }

            return _position + (_hasItems ? 1 : 0);
        }

        /// <summary>Whether the write ending at <paramref name="end"/> fits; sets <see cref="ErrorCode.BufferTooSmall"/> if not.</summary>
        private bool Fits(int end)
        {
            // end > _position always; a write that overflowed int would need a 2 GB buffer.
            if (end > _end)
            {
                Fail(ErrorCode.BufferTooSmall);
                return false;
            }

            return true;
        }

        /// <summary>Stores the comma that <see cref="StartValue"/> or <see cref="StartName"/> reserved before <paramref name="at"/>.</summary>
        private void Commit(int at)
        {
            if (at > _position)
            {
                _buffer[_position] = (byte)',';
            }
        }

        private void EndValue(int end)
        {
            _position = end;
            _hasItems = true;
            _afterName = false;
        }

        private void Fail(int error)
        {
            _error = error;
        }
    }
}
