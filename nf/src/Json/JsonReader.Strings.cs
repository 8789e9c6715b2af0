using System;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Json
{
    public sealed partial class JsonReader
    {
        // One code point's UTF-8 bytes while comparing an escaped value (allocated with the reader).
        private readonly byte[] _codePointBytes = new byte[4];

        /// <summary>
        /// True when the current token is a string or property name whose unescaped value equals
        /// <paramref name="text"/> (compared by code point: \uXXXX escapes and surrogate pairs are decoded on the fly).
        /// False for every other token. Does not allocate.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
        public bool ValueEquals(string text)
        {
            if (text == null) throw new ArgumentNullException("text");
            if (!IsStringToken()) return false;
            int p = _valueOffset;
            int end = _valueOffset + _valueLength;
            int i = 0;
            int n = text.Length;
            while (p < end)
            {
                int codePoint = NextCodePoint(ref p);
                if (i == n) return false;
                int units = Utf8.ReadScalar(text, i, out int c);
                if (units == 0 || codePoint != c) return false;     // a lone surrogate in text never matches
                i += units;
            }

            return i == n;
        }

        /// <summary>
        /// True when the current token is a string or property name whose unescaped UTF-8 value equals the bytes
        /// <paramref name="utf8"/>[<paramref name="offset"/>..+<paramref name="count"/>). False for every other token. Does not allocate.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="utf8"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="utf8"/>.</exception>
        public bool ValueEquals(byte[] utf8, int offset, int count)
        {
            BufferArgs.Check(utf8, offset, count, "utf8");
            if (!IsStringToken()) return false;
            int p = _valueOffset;
            int end = _valueOffset + _valueLength;
            if (!_valueIsEscaped)
            {
                if (count != _valueLength) return false;
                for (int k = 0; k < count; k++)
                {
                    if (_buffer[p + k] != utf8[offset + k]) return false;
                }

                return true;
            }

            int j = offset;
            int jEnd = offset + count;
            while (p < end)
            {
                byte b = _buffer[p];
                if (b != '\\')
                {
                    if (j == jEnd || utf8[j] != b) return false;
                    j++;
                    p++;
                    continue;
                }

                int length = Utf8.WriteScalar(NextEscape(ref p), _codePointBytes, 0);
                if (jEnd - j < length) return false;
                for (int k = 0; k < length; k++)
                {
                    if (utf8[j + k] != _codePointBytes[k]) return false;
                }

                j += length;
            }

            return j == jEnd;
        }

        /// <summary>
        /// Writes the unescaped UTF-8 value of the current string or property name to
        /// <paramref name="destination"/>[<paramref name="offset"/>..+<paramref name="count"/>); the range must not overlap the token.
        /// </summary>
        /// <returns>The number of bytes written; <see cref="ErrorCode.BufferTooSmall"/> with nothing written;
        /// <see cref="ErrorCode.WrongType"/> when the token is not a string or name.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="destination"/>.</exception>
        public int CopyString(byte[] destination, int offset, int count)
        {
            BufferArgs.Check(destination, offset, count, "destination");
            if (!IsStringToken()) return ErrorCode.WrongType;
            if (!_valueIsEscaped)
            {
                if (_valueLength > count) return ErrorCode.BufferTooSmall;
                Array.Copy(_buffer, _valueOffset, destination, offset, _valueLength);
                return _valueLength;
            }

            // Count first, so nothing is written when it does not fit.
            int p = _valueOffset;
            int end = _valueOffset + _valueLength;
            int required = 0;
            while (p < end)
            {
                if (_buffer[p] != '\\')
                {
                    required++;
                    p++;
                }
                else
                {
                    required += Utf8.ScalarByteCount(NextEscape(ref p));
                }
            }

            if (required > count) return ErrorCode.BufferTooSmall;
            p = _valueOffset;
            int j = offset;
            while (p < end)
            {
                byte b = _buffer[p];
                if (b != '\\')
                {
                    destination[j++] = b;
                    p++;
                }
                else
                {
                    j = Utf8.WriteScalar(NextEscape(ref p), destination, j);
                }
            }

            return required;
        }

        /// <summary>The unescaped value of the current string or property name as a new string (allocates); null for other tokens.</summary>
        public string GetString()
        {
            if (!IsStringToken()) return null;
            int end = _valueOffset + _valueLength;
            int length = 0;
            for (int p = _valueOffset; p < end;)
            {
                length += NextCodePoint(ref p) >= 0x10000 ? 2 : 1;
            }

            char[] chars = new char[length];
            int i = 0;
            for (int p = _valueOffset; p < end;)
            {
                i = Utf8.WriteUtf16(NextCodePoint(ref p), chars, i);
            }

            return new string(chars);
        }

        private bool IsStringToken()
        {
            return _tokenType == JsonTokenType.String || _tokenType == JsonTokenType.PropertyName;
        }

        /// <summary>Decodes the code point at p in the current (already validated) string token and advances p past it.</summary>
        private int NextCodePoint(ref int p)
        {
            if (_buffer[p] == '\\') return NextEscape(ref p);
            int length = Utf8.DecodeScalar(_buffer, p, _end, out int codePoint);
            p += length > 0 ? length : -length;   // negative only if the caller changed the buffer since Read: still advance
            return codePoint;
        }

        /// <summary>Decodes the (already validated) escape whose backslash is at p, joining surrogate pairs, and advances p past it.</summary>
        private int NextEscape(ref int p)
        {
            byte e = _buffer[p + 1];
            if (e != 'u')
            {
                p += 2;
                switch (e)
                {
                    case (byte)'b': return '\b';
                    case (byte)'f': return '\f';
                    case (byte)'n': return '\n';
                    case (byte)'r': return '\r';
                    case (byte)'t': return '\t';
                    default: return e;                               // '"', '\\' or '/'
                }
            }

            int unit = ReadHex4(p + 2);
            p += 6;
            if (unit < 0xD800 || unit > 0xDBFF) return unit;
            int low = ReadHex4(p + 2);
            p += 6;
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        }
    }
}
