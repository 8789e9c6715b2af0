using LinkKit.Nano.Internal;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Json
{
    public sealed partial class JsonWriter
    {
        /// <summary>Writes a JSON string, or <c>null</c> if <paramref name="value"/> is null.</summary>
        /// <remarks>
        /// Escapes only what JSON requires: <c>"</c> → <c>\"</c>, <c>\</c> → <c>\\</c>, the control characters
        /// U+0008/0009/000A/000C/000D → <c>\b \t \n \f \r</c> and the others below U+0020 → <c>\u00XX</c> (upper-case
        /// hex). Everything else, non-ASCII included, is written as UTF-8; a surrogate pair becomes one 4-byte
        /// sequence, and a lone surrogate fails with <see cref="ErrorCode.Malformed"/>.
        /// </remarks>
        public void WriteString(string value)
        {
            if (value == null)
            {
                WriteNull();
                return;
            }

            WriteQuoted(value, StartValue(), false);
        }

        /// <summary>Writes a JSON string from UTF-8 bytes, escaped as <see cref="WriteString(string)"/>.</summary>
        /// <remarks>The bytes must be well-formed UTF-8, else <see cref="ErrorCode.Malformed"/>: the output is never invalid JSON.</remarks>
        /// <exception cref="System.ArgumentNullException"><paramref name="utf8"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="utf8"/>.</exception>
        public void WriteString(byte[] utf8, int offset, int count)
        {
            BufferArgs.Check(utf8, offset, count, "utf8");
            WriteQuoted(utf8, offset, count, StartValue(), false);
        }

        /// <summary>Writes <c>"name":"value"</c> (or <c>"name":null</c>).</summary>
        /// <exception cref="System.ArgumentNullException"><paramref name="name"/> is null.</exception>
        public void WriteString(string name, string value)
        {
            WritePropertyName(name);
            WriteString(value);
        }

        /// <summary>
        /// Writes <paramref name="s"/> quoted and escaped at <paramref name="at"/> (from <see cref="StartName"/> or
        /// <see cref="StartValue"/>; -1 means refused), then a colon if it is a name.
        /// </summary>
        private void WriteQuoted(string s, int at, bool isName)
        {
            if (at < 0)
            {
                return;
            }

            int escaped = EscapedLength(s);
            if (escaped < 0)
            {
                Fail(escaped);
                return;
            }

            int end = at + escaped + (isName ? 3 : 2); // quotes, and the colon after a name
            if (Fits(end))
            {
                Commit(at);
                _buffer[at] = (byte)'"';
                WriteEscaped(s, at + 1);
                EndQuoted(end, isName);
            }
        }

        /// <summary>As <see cref="WriteQuoted(string, int, bool)"/>, from UTF-8 bytes.</summary>
        private void WriteQuoted(byte[] utf8, int offset, int count, int at, bool isName)
        {
            if (at < 0)
            {
                return;
            }

            int escaped = EscapedLength(utf8, offset, count);
            if (escaped < 0)
            {
                Fail(escaped);
                return;
            }

            int end = at + escaped + (isName ? 3 : 2); // quotes, and the colon after a name
            if (Fits(end))
            {
                Commit(at);
                _buffer[at] = (byte)'"';
                WriteEscaped(utf8, offset, count, at + 1);
                EndQuoted(end, isName);
            }
        }

        private void EndQuoted(int end, bool isName)
        {
            if (isName)
            {
                _buffer[end - 2] = (byte)'"';
                _buffer[end - 1] = (byte)':';
                _position = end;
                _hasItems = true;
                _afterName = true;
            }
            else
            {
                _buffer[end - 1] = (byte)'"';
                EndValue(end);
            }
        }

        /// <summary>Length of <paramref name="s"/> escaped and UTF-8 encoded, or <see cref="ErrorCode.Malformed"/> for a lone surrogate.</summary>
        private static int EscapedLength(string s)
        {
            int total = 0;
            for (int i = 0; i < s.Length;)
            {
                int c = s[i];
                if (c < 0x80)
                {
                    total += EscapedAsciiLength(c); // ASCII, the common case: no surrogate handling needed
                    i++;
                    continue;
                }

                int units = Utf8.ReadScalar(s, i, out int scalar);
                if (units == 0)
                {
                    return ErrorCode.Malformed;
                }

                total += scalar < 0x80 ? EscapedAsciiLength(scalar) : Utf8.ScalarByteCount(scalar);
                i += units;
            }

            return total;
        }

        /// <summary>Length of the UTF-8 bytes escaped, or <see cref="ErrorCode.Malformed"/> if they are not well-formed.</summary>
        private static int EscapedLength(byte[] utf8, int offset, int count)
        {
            int total = 0;
            int end = offset + count;
            for (int i = offset; i < end;)
            {
                int b = utf8[i];
                if (b < 0x80)
                {
                    total += EscapedAsciiLength(b);
                    i++;
                    continue;
                }

                int length = Utf8.DecodeScalar(utf8, i, end, out _);
                if (length < 0)
                {
                    return ErrorCode.Malformed;
                }

                total += length;
                i += length;
            }

            return total;
        }

        /// <summary>Writes <paramref name="s"/> escaped from _buffer[p]; <see cref="EscapedLength(string)"/> validated and measured it.</summary>
        private void WriteEscaped(string s, int p)
        {
            for (int i = 0; i < s.Length;)
            {
                int c = s[i];
                if (c < 0x80)
                {
                    p = WriteEscapedAscii(c, p); // ASCII, the common case: no surrogate handling needed
                    i++;
                    continue;
                }

                i += Utf8.ReadScalar(s, i, out int scalar);
                p = Utf8.WriteScalar(scalar, _buffer, p);
            }
        }

        /// <summary>Writes the UTF-8 bytes escaped from _buffer[p]; <see cref="EscapedLength(byte[], int, int)"/> validated and measured them.</summary>
        private void WriteEscaped(byte[] utf8, int offset, int count, int p)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                int b = utf8[i];
                if (b < 0x80)
                {
                    p = WriteEscapedAscii(b, p);
                }
                else
                {
                    _buffer[p++] = (byte)b;
                }
            }
        }

        private static int EscapedAsciiLength(int c)
        {
            if (c >= 0x20)
            {
                return c == '"' || c == '\\' ? 2 : 1;
            }

            return c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ? 2 : 6;
        }

        private int WriteEscapedAscii(int c, int p)
        {
            byte[] b = _buffer;
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                b[p] = (byte)c;
                return p + 1;
            }

            b[p] = (byte)'\\';
            byte shortForm;
            switch (c)
            {
                case '"': shortForm = (byte)'"'; break;
                case '\\': shortForm = (byte)'\\'; break;
                case '\b': shortForm = (byte)'b'; break;
                case '\t': shortForm = (byte)'t'; break;
                case '\n': shortForm = (byte)'n'; break;
                case '\f': shortForm = (byte)'f'; break;
                case '\r': shortForm = (byte)'r'; break;
                default:
                    b[p + 1] = (byte)'u';
                    b[p + 2] = (byte)'0';
                    b[p + 3] = (byte)'0';
                    b[p + 4] = (byte)('0' + (c >> 4));   // a control character: below 0x20
                    int low = c & 0xF;
                    b[p + 5] = (byte)(low + (low < 10 ? '0' : 'A' - 10));
                    return p + 6;
            }

            b[p + 1] = shortForm;
            return p + 2;
        }
    }
}
