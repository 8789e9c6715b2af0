using System;

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
                int c = text[i++];
                if (c >= 0xD800 && c <= 0xDBFF && i < n && text[i] >= 0xDC00 && text[i] <= 0xDFFF)
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (text[i] - 0xDC00);
                    i++;
                }

                if (codePoint != c) return false;                   // a lone surrogate in text never matches
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
            CheckRange(utf8, offset, count, "utf8");
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

                int length = EncodeUtf8(NextEscape(ref p), _codePointBytes, 0);
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
            CheckRange(destination, offset, count, "destination");
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
                    required += Utf8Length(NextEscape(ref p));
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
                    j += EncodeUtf8(NextEscape(ref p), destination, j);
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
                int codePoint = NextCodePoint(ref p);
                if (codePoint >= 0x10000)
                {
                    codePoint -= 0x10000;
                    chars[i++] = (char)(0xD800 + (codePoint >> 10));
                    chars[i++] = (char)(0xDC00 + (codePoint & 0x3FF));
                }
                else
                {
                    chars[i++] = (char)codePoint;
                }
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
            byte b = _buffer[p];
            if (b == '\\') return NextEscape(ref p);
            if (b < 0x80)
            {
                p++;
                return b;
            }

            int codePoint;
            if (b < 0xE0)
            {
                codePoint = ((b & 0x1F) << 6) | (_buffer[p + 1] & 0x3F);
                p += 2;
            }
            else if (b < 0xF0)
            {
                codePoint = ((b & 0x0F) << 12) | ((_buffer[p + 1] & 0x3F) << 6) | (_buffer[p + 2] & 0x3F);
                p += 3;
            }
            else
            {
                codePoint = ((b & 0x07) << 18) | ((_buffer[p + 1] & 0x3F) << 12) | ((_buffer[p + 2] & 0x3F) << 6) | (_buffer[p + 3] & 0x3F);
                p += 4;
            }

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

        private static int Utf8Length(int codePoint)
        {
            return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
        }

        /// <summary>Writes the UTF-8 form of a code point (never a surrogate) at destination[at]; returns its length.</summary>
        private static int EncodeUtf8(int codePoint, byte[] destination, int at)
        {
            if (codePoint < 0x80)
            {
                destination[at] = (byte)codePoint;
                return 1;
            }

            if (codePoint < 0x800)
            {
                destination[at] = (byte)(0xC0 | (codePoint >> 6));
                destination[at + 1] = (byte)(0x80 | (codePoint & 0x3F));
                return 2;
            }

            if (codePoint < 0x10000)
            {
                destination[at] = (byte)(0xE0 | (codePoint >> 12));
                destination[at + 1] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                destination[at + 2] = (byte)(0x80 | (codePoint & 0x3F));
                return 3;
            }

            destination[at] = (byte)(0xF0 | (codePoint >> 18));
            destination[at + 1] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
            destination[at + 2] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
            destination[at + 3] = (byte)(0x80 | (codePoint & 0x3F));
            return 4;
        }
    }
}
