using System;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// Finds the status code and the body of an HTTP/1.x response held in one buffer, as it grows from the
    /// connection: a complete response gives <see cref="ErrorCode.Ok"/>, a prefix gives
    /// <see cref="ErrorCode.HttpTruncated"/> (read more, unless the peer has closed), anything that cannot be a
    /// response gives <see cref="ErrorCode.HttpMalformed"/>. Allocates nothing.
    /// </summary>
    /// <remarks>
    /// Body framing (RFC 9112 §6.3): <c>Transfer-Encoding: chunked</c> (chunks are joined in place, over the chunk
    /// headers, once the last chunk is there), else <c>Content-Length</c>, else everything until the peer closes.
    /// Header names are case-insensitive; lines may end in CRLF or a bare LF. Any other transfer coding
    /// (gzip, …), a bad or conflicting Content-Length, folded header lines or a bad chunk line are malformed.
    /// </remarks>
    internal static class HttpResponseFraming
    {
        private static readonly byte[] s_contentLength = new byte[]
        {
            (byte)'c', (byte)'o', (byte)'n', (byte)'t', (byte)'e', (byte)'n', (byte)'t', (byte)'-',
            (byte)'l', (byte)'e', (byte)'n', (byte)'g', (byte)'t', (byte)'h',
        };

        private static readonly byte[] s_transferEncoding = new byte[]
        {
            (byte)'t', (byte)'r', (byte)'a', (byte)'n', (byte)'s', (byte)'f', (byte)'e', (byte)'r', (byte)'-',
            (byte)'e', (byte)'n', (byte)'c', (byte)'o', (byte)'d', (byte)'i', (byte)'n', (byte)'g',
        };

        private static readonly byte[] s_http = new byte[] { (byte)'H', (byte)'T', (byte)'T', (byte)'P', (byte)'/' };

        private static readonly byte[] s_chunked = new byte[] { (byte)'c', (byte)'h', (byte)'u', (byte)'n', (byte)'k', (byte)'e', (byte)'d' };

        // Chunk sizes above 0xFFFFFFF (256 MB) cannot fit any buffer of ours; the bound keeps the sum in an int.
        private const int MaxChunkSizeDigits = 7;

        /// <summary>Frames the response in buffer[offset, offset + count).</summary>
        /// <param name="endOfStream">True when the peer has closed: a body without length then ends here.</param>
        /// <param name="status">The status code (100-599) once the status line is complete, else 0.</param>
        /// <param name="bodyOffset">On <see cref="ErrorCode.Ok"/>: where the (de-chunked) body starts.</param>
        /// <param name="bodyLength">On <see cref="ErrorCode.Ok"/>: the body's length.</param>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.HttpTruncated"/>; <see cref="ErrorCode.HttpMalformed"/>.</returns>
        /// <remarks>On <see cref="ErrorCode.Ok"/> with a chunked body the buffer has been rewritten: do not frame it again.</remarks>
        /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
        public static int Frame(byte[] buffer, int offset, int count, bool endOfStream, out int status, out int bodyOffset, out int bodyLength)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || count < 0 || count > buffer.Length - offset) throw new ArgumentOutOfRangeException("count");
            status = 0;
            bodyOffset = 0;
            bodyLength = 0;
            int end = offset + count;

            int lineEnd = FindLineEnd(buffer, offset, end);
            if (lineEnd < 0) return StartsLikeStatusLine(buffer, offset, end) ? ErrorCode.HttpTruncated : ErrorCode.HttpMalformed;
            int code = ParseStatusLine(buffer, offset, TrimCr(buffer, offset, lineEnd));
            if (code < 0) return ErrorCode.HttpMalformed;
            status = code;

            int contentLength = -1;
            bool chunked = false;
            int p = lineEnd + 1;
            while (true)
            {
                lineEnd = FindLineEnd(buffer, p, end);
                if (lineEnd < 0) return ErrorCode.HttpTruncated;
                int contentEnd = TrimCr(buffer, p, lineEnd);
                if (contentEnd == p) break;   // the empty line ending the header section
                int rc = ParseHeader(buffer, p, contentEnd, ref contentLength, ref chunked);
                if (rc < 0) return rc;
                p = lineEnd + 1;
            }
            int body = lineEnd + 1;

            if (chunked) return Dechunk(buffer, body, end, out bodyOffset, out bodyLength);
            if (contentLength >= 0)
            {
                if (end - body < contentLength) return ErrorCode.HttpTruncated;
                bodyOffset = body;
                bodyLength = contentLength;
                return ErrorCode.Ok;
            }
            if (!endOfStream) return ErrorCode.HttpTruncated;
            bodyOffset = body;
            bodyLength = end - body;
            return ErrorCode.Ok;
        }

        // "HTTP/d.d SSS[ reason]": the status, or -1.
        private static int ParseStatusLine(byte[] b, int p, int end)
        {
            if (end - p < 12 || !StartsLikeStatusLine(b, p, end)) return -1;
            if (!IsDigit(b[p + 5]) || b[p + 6] != (byte)'.' || !IsDigit(b[p + 7]) || b[p + 8] != (byte)' ') return -1;
            if (!IsDigit(b[p + 9]) || !IsDigit(b[p + 10]) || !IsDigit(b[p + 11])) return -1;
            if (end - p > 12 && b[p + 12] != (byte)' ') return -1;
            int status = (b[p + 9] - '0') * 100 + (b[p + 10] - '0') * 10 + (b[p + 11] - '0');
            return status >= 100 && status <= 599 ? status : -1;
        }

        private static bool StartsLikeStatusLine(byte[] b, int p, int end)
        {
            // A prefix of "HTTP/" is still a possible status line.
            int n = end - p < s_http.Length ? end - p : s_http.Length;
            for (int i = 0; i < n; i++)
            {
                if (b[p + i] != s_http[i]) return false;
            }
            return true;
        }

        private static int ParseHeader(byte[] b, int p, int end, ref int contentLength, ref bool chunked)
        {
            int colon = p;
            while (colon < end && b[colon] != (byte)':')
            {
                if (!IsTokenChar(b[colon])) return ErrorCode.HttpMalformed;   // also refuses folded lines (leading SP/HT)
                colon++;
            }
            if (colon == end || colon == p) return ErrorCode.HttpMalformed;
            int valueStart = colon + 1;
            while (valueStart < end && IsWhitespace(b[valueStart])) valueStart++;
            int valueEnd = end;
            while (valueEnd > valueStart && IsWhitespace(b[valueEnd - 1])) valueEnd--;

            if (NameEquals(b, p, colon, s_contentLength))
            {
                int length = ParseDecimal(b, valueStart, valueEnd);
                if (length < 0 || (contentLength >= 0 && contentLength != length)) return ErrorCode.HttpMalformed;
                contentLength = length;
            }
            else if (NameEquals(b, p, colon, s_transferEncoding))
            {
                if (!NameEquals(b, valueStart, valueEnd, s_chunked)) return ErrorCode.HttpMalformed;
                chunked = true;
            }
            return ErrorCode.Ok;
        }

        // Walks the chunks; once the last chunk and the trailer section are there, joins the data at body.
        private static int Dechunk(byte[] b, int body, int end, out int bodyOffset, out int bodyLength)
        {
            bodyOffset = 0;
            bodyLength = 0;
            int total = 0;
            int p = body;
            while (true)
            {
                int lineEnd = FindLineEnd(b, p, end);
                if (lineEnd < 0) return ErrorCode.HttpTruncated;
                int size = ParseChunkSize(b, p, TrimCr(b, p, lineEnd));
                if (size < 0) return ErrorCode.HttpMalformed;
                p = lineEnd + 1;
                if (size == 0) break;
                if (end - p < size) return ErrorCode.HttpTruncated;
                int dataEnd = p + size;
                int after = FindLineEnd(b, dataEnd, end);
                if (after < 0) return end - dataEnd >= 2 ? ErrorCode.HttpMalformed : ErrorCode.HttpTruncated;
                if (TrimCr(b, dataEnd, after) != dataEnd) return ErrorCode.HttpMalformed;
                total += size;
                p = after + 1;
            }
            while (true)
            {
                // Trailer fields (ignored) up to the empty line.
                int lineEnd = FindLineEnd(b, p, end);
                if (lineEnd < 0) return ErrorCode.HttpTruncated;
                bool empty = TrimCr(b, p, lineEnd) == p;
                p = lineEnd + 1;
                if (empty) break;
            }

            // Complete: move each chunk's data down over the chunk lines (destination never after source).
            int write = body;
            p = body;
            while (true)
            {
                int lineEnd = FindLineEnd(b, p, end);
                int size = ParseChunkSize(b, p, TrimCr(b, p, lineEnd));
                p = lineEnd + 1;
                if (size == 0) break;
                for (int i = 0; i < size; i++) b[write + i] = b[p + i];
                write += size;
                p = FindLineEnd(b, p + size, end) + 1;
            }
            bodyOffset = body;
            bodyLength = total;
            return ErrorCode.Ok;
        }

        // Hex size, optionally followed by ";extensions": the size, or -1.
        private static int ParseChunkSize(byte[] b, int p, int end)
        {
            int size = 0;
            int digits = 0;
            int i = p;
            for (; i < end; i++)
            {
                int d = HexValue(b[i]);
                if (d < 0) break;
                if (size != 0 || d != 0) digits++;
                if (digits > MaxChunkSizeDigits) return -1;
                size = (size << 4) | d;
            }
            if (i == p) return -1;
            while (i < end && IsWhitespace(b[i])) i++;
            if (i < end && b[i] != (byte)';') return -1;
            return size;
        }

        private static int ParseDecimal(byte[] b, int p, int end)
        {
            if (p == end || end - p > 9) return -1;   // up to 999,999,999: far above any buffer of ours
            int value = 0;
            for (int i = p; i < end; i++)
            {
                if (!IsDigit(b[i])) return -1;
                value = value * 10 + (b[i] - '0');
            }
            return value;
        }

        /// <summary>True when b[p, end) is <paramref name="lowerName"/> in any ASCII case (header names; also the OTA response head).</summary>
        internal static bool NameEquals(byte[] b, int p, int end, byte[] lowerName)
        {
            if (end - p != lowerName.Length) return false;
            for (int i = 0; i < lowerName.Length; i++)
            {
                int c = b[p + i];
                if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
                if (c != lowerName[i]) return false;
            }
            return true;
        }

        // Index of the next LF at or after p, or -1.
        private static int FindLineEnd(byte[] b, int p, int end)
        {
            for (int i = p; i < end; i++)
            {
                if (b[i] == (byte)'\n') return i;
            }
            return -1;
        }

        // The line's content end: lineEnd, less a CR before it.
        private static int TrimCr(byte[] b, int lineStart, int lineEnd)
        {
            return lineEnd > lineStart && b[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;
        }

        private static int HexValue(byte c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        private static bool IsDigit(byte c)
        {
            return c >= '0' && c <= '9';
        }

        private static bool IsWhitespace(byte c)
        {
            return c == (byte)' ' || c == (byte)'\t';
        }

        // RFC 9110 tchar.
        private static bool IsTokenChar(byte c)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c)) return true;
            switch (c)
            {
                case (byte)'!': case (byte)'#': case (byte)'$': case (byte)'%': case (byte)'&': case (byte)'\'':
                case (byte)'*': case (byte)'+': case (byte)'-': case (byte)'.': case (byte)'^': case (byte)'_':
                case (byte)'`': case (byte)'|': case (byte)'~':
                    return true;
                default:
                    return false;
            }
        }
    }
}
