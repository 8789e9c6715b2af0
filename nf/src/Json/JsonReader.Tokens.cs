using LinkKit.Nano.Text;

namespace LinkKit.Nano.Json
{
    public sealed partial class JsonReader
    {
        /// <summary>Reads the value starting at p (after whitespace).</summary>
        private bool ReadValue(int p)
        {
            if (p == _end) return Fail(ErrorCode.Malformed, p);
            byte b = _buffer[p];
            switch (b)
            {
                case (byte)'{':
                    return ReadStart(p, true);
                case (byte)'[':
                    return ReadStart(p, false);
                case (byte)'"':
                    int close = ScanString(p);
                    if (close < 0) return false;
                    SetToken(JsonTokenType.String, p + 1, close - p - 1, _valueIsEscaped, _depth);
                    _position = close + 1;
                    return true;
                case (byte)'t':
                    return ReadLiteral(p, JsonWriter.TrueBytes, JsonTokenType.True);
                case (byte)'f':
                    return ReadLiteral(p, JsonWriter.FalseBytes, JsonTokenType.False);
                case (byte)'n':
                    return ReadLiteral(p, JsonWriter.NullBytes, JsonTokenType.Null);
                default:
                    if (b == '-' || (b >= '0' && b <= '9')) return ReadNumber(p);
                    return Fail(ErrorCode.Malformed, p);
            }
        }

        private bool ReadStart(int p, bool isObject)
        {
            if (_depth == _maxDepth) return Fail(ErrorCode.DepthExceeded, p);
            SetToken(isObject ? JsonTokenType.StartObject : JsonTokenType.StartArray, p, 1, false, _depth);
            _containers = (_containers << 1) | (isObject ? 1UL : 0UL);
            _depth++;
            _position = p + 1;
            return true;
        }

        /// <summary>Reads a member name at p and the ':' after it.</summary>
        private bool ReadPropertyName(int p)
        {
            if (p == _end || _buffer[p] != '"') return Fail(ErrorCode.Malformed, p);
            int close = ScanString(p);
            if (close < 0) return false;
            int colon = SkipWhitespace(close + 1);
            if (colon == _end || _buffer[colon] != ':') return Fail(ErrorCode.Malformed, colon);
            SetToken(JsonTokenType.PropertyName, p + 1, close - p - 1, _valueIsEscaped, _depth);
            _position = colon + 1;
            return true;
        }

        private bool ReadLiteral(int p, byte[] literal, JsonTokenType type)
        {
            for (int i = 0; i < literal.Length; i++)
            {
                if (p + i == _end || _buffer[p + i] != literal[i]) return Fail(ErrorCode.Malformed, p + i);
            }

            int after = p + literal.Length;
            if (!IsDelimiter(after)) return Fail(ErrorCode.Malformed, after);
            SetToken(type, p, literal.Length, false, _depth);
            _position = after;
            return true;
        }

        private bool ReadNumber(int p)
        {
            // A number ends at the first byte that cannot belong to one; the grammar is then checked on the run.
            int q = p;
            while (q < _end)
            {
                byte b = _buffer[q];
                if (!((b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E')) break;
                q++;
            }

            if (!NumberParser.IsValid(_buffer, p, q - p)) return Fail(ErrorCode.Malformed, p);
            if (!IsDelimiter(q)) return Fail(ErrorCode.Malformed, q);
            SetToken(JsonTokenType.Number, p, q - p, false, _depth);
            _position = q;
            return true;
        }

        /// <summary>True when a number or literal may end before p: the end, whitespace, ',', ']' or '}'.</summary>
        private bool IsDelimiter(int p)
        {
            if (p == _end) return true;
            byte b = _buffer[p];
            return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t';
        }

        /// <summary>
        /// Validates the string whose opening quote is at p; returns the index of its closing quote and sets
        /// _valueIsEscaped, or fails (returns -1). Every index is checked against _end before it is read.
        /// </summary>
        private int ScanString(int p)
        {
            _valueIsEscaped = false;
            int i = p + 1;
            while (i < _end)
            {
                byte b = _buffer[i];
                if (b == '"') return i;
                if (b == '\\')
                {
                    int next = ScanEscape(i);
                    if (next < 0) return -1;
                    _valueIsEscaped = true;
                    i = next;
                }
                else if (b < 0x20)
                {
                    Fail(ErrorCode.Malformed, i);                    // control characters must be escaped
                    return -1;
                }
                else if (b < 0x80)
                {
                    i++;
                }
                else
                {
                    // Strict UTF-8 (RFC 3629): no overlongs, surrogates, truncation or code points above U+10FFFF.
                    int length = Utf8.DecodeScalar(_buffer, i, _end, out _);
                    if (length < 0)
                    {
                        // The offset of the first byte that cannot belong: the lead, or the one after the valid prefix.
                        Fail(ErrorCode.Malformed, Utf8.IsLeadByte(b) ? i - length : i);
                        return -1;
                    }

                    i += length;
                }
            }

            Fail(ErrorCode.Malformed, _end);                          // no closing quote
            return -1;
        }

        /// <summary>Validates the escape whose backslash is at i; returns the index after it, or fails (-1).</summary>
        private int ScanEscape(int i)
        {
            if (i + 1 == _end)
            {
                Fail(ErrorCode.Malformed, _end);
                return -1;
            }

            byte e = _buffer[i + 1];
            if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') return i + 2;
            if (e != 'u')
            {
                Fail(ErrorCode.Malformed, i);
                return -1;
            }

            int unit = ReadHex4(i + 2);
            if (unit < 0)
            {
                Fail(ErrorCode.Malformed, i);
                return -1;
            }

            if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
                Fail(ErrorCode.Malformed, i);                            // a low surrogate without its high half
                return -1;
            }

            if (unit < 0xD800 || unit > 0xDBFF) return i + 6;

            // A high surrogate: "\uDC00".."\uDFFF" must follow at once.
            int low = i + 6 + 1 < _end && _buffer[i + 6] == '\\' && _buffer[i + 7] == 'u' ? ReadHex4(i + 8) : -1;
            if (low < 0xDC00 || low > 0xDFFF)
            {
                Fail(ErrorCode.Malformed, i);
                return -1;
            }

            return i + 12;
        }

        /// <summary>The value of the four hex digits at i, or -1 when they are not all there and hex.</summary>
        private int ReadHex4(int i)
        {
            if (_end - i < 4) return -1;
            int value = 0;
            for (int k = i; k < i + 4; k++)
            {
                int d = HexValue(_buffer[k]);
                if (d < 0) return -1;
                value = (value << 4) | d;
            }

            return value;
        }

        private static int HexValue(byte b)
        {
            if (b >= '0' && b <= '9') return b - '0';
            int lower = b | 0x20;
            if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
            return -1;
        }
    }
}
