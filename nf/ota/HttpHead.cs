using LinkKit.Nano.Identity;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Ota
{
    /// <summary>
    /// The head of an HTTP/1.x response to a firmware GET: status, Content-Length, Content-Range and ETag, read in
    /// place from the buffer the response arrives in, allocating nothing. The body is streamed by the caller.
    /// </summary>
    /// <remarks>
    /// Header names are case-insensitive; lines end in CRLF or a bare LF. A file (200/206) the downloader cannot
    /// stream byte-exact — Transfer-Encoding other than identity, e.g. chunked, or no Content-Length — is refused as
    /// malformed; other statuses (403 with a chunked error body) are read for their status only.
    /// </remarks>
    internal sealed class HttpHead
    {
        private static readonly byte[] s_contentLength = Utf8.ToArray("content-length");
        private static readonly byte[] s_contentRange = Utf8.ToArray("content-range");
        private static readonly byte[] s_etag = Utf8.ToArray("etag");
        private static readonly byte[] s_transferEncoding = Utf8.ToArray("transfer-encoding");
        private static readonly byte[] s_identity = Utf8.ToArray("identity");
        private static readonly byte[] s_bytes = Utf8.ToArray("bytes ");

        public int Status;
        public long ContentLength;
        /// <summary>From Content-Range "bytes first-last/total": first and total; -1 when absent.</summary>
        public long RangeFirst;
        public long RangeTotal;
        public int ETagAt;
        public int ETagLength;
        /// <summary>A Transfer-Encoding other than identity (e.g. chunked): a body the downloader cannot stream byte-exact.</summary>
        public bool Encoded;

        /// <summary>Where the head ends (the first body byte) in buffer[offset, offset + count).</summary>
        /// <returns>The body's offset; <see cref="ErrorCode.HttpTruncated"/> when the head is not complete yet;
        /// <see cref="ErrorCode.HttpMalformed"/>.</returns>
        public int Parse(byte[] buffer, int offset, int count)
        {
            Status = 0;
            ContentLength = RangeFirst = RangeTotal = -1;
            ETagAt = ETagLength = 0;
            Encoded = false;
            int end = offset + count;
            int line = offset;
            bool first = true;
            while (true)
            {
                int lineEnd = IndexOf(buffer, line, end, (byte)'\n');
                if (lineEnd < 0) return ErrorCode.HttpTruncated;
                int textEnd = lineEnd > line && buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                if (first)
                {
                    if (!ParseStatusLine(buffer, line, textEnd)) return ErrorCode.HttpMalformed;
                    first = false;
                }
                else if (textEnd == line)
                {
                    bool isFile = Status == 200 || Status == 206;
                    return isFile && (ContentLength < 0 || Encoded) ? ErrorCode.HttpMalformed : lineEnd + 1;
                }
                else if (!ParseHeader(buffer, line, textEnd))
                {
                    return ErrorCode.HttpMalformed;
                }
                line = lineEnd + 1;
            }
        }

        // "HTTP/1.1 206 Partial Content"
        private bool ParseStatusLine(byte[] b, int p, int end)
        {
            if (end - p < 12 || b[p] != 'H' || b[p + 1] != 'T' || b[p + 2] != 'T' || b[p + 3] != 'P' || b[p + 4] != '/') return false;
            int space = IndexOf(b, p, end, (byte)' ');
            if (space < 0 || end - space < 4) return false;
            long status = ParseDigits(b, space + 1, space + 4);
            if (status < 100 || status > 599) return false;
            Status = (int)status;
            return true;
        }

        private bool ParseHeader(byte[] b, int p, int end)
        {
            int colon = IndexOf(b, p, end, (byte)':');
            if (colon <= p) return false;
            int value = colon + 1;
            while (value < end && (b[value] == ' ' || b[value] == '\t')) value++;
            int valueEnd = end;
            while (valueEnd > value && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t')) valueEnd--;

            if (NameIs(b, p, colon, s_contentLength))
            {
                ContentLength = ParseDigits(b, value, valueEnd);
                return ContentLength >= 0;
            }
            if (NameIs(b, p, colon, s_contentRange)) return ParseContentRange(b, value, valueEnd);
            if (NameIs(b, p, colon, s_etag))
            {
                ETagAt = value;
                ETagLength = valueEnd - value;
                return true;
            }
            if (NameIs(b, p, colon, s_transferEncoding)) Encoded = !NameIs(b, value, valueEnd, s_identity);
            return true;
        }

        // "bytes 1000-4999/5000" (or "bytes */5000" on a 416)
        private bool ParseContentRange(byte[] b, int p, int end)
        {
            if (end - p < 7 || !NameIs(b, p, p + 6, s_bytes)) return false;
            p += 6;
            int slash = IndexOf(b, p, end, (byte)'/');
            if (slash < 0) return false;
            bool unknownTotal = slash + 2 == end && b[slash + 1] == '*';
            RangeTotal = unknownTotal ? -1 : ParseDigits(b, slash + 1, end);
            if (!unknownTotal && RangeTotal < 0) return false;   // a total that is neither "*" nor digits
            if (b[p] == '*' && p + 1 == slash) return true;
            int dash = IndexOf(b, p, slash, (byte)'-');
            if (dash < 0) return false;
            RangeFirst = ParseDigits(b, p, dash);
            long last = ParseDigits(b, dash + 1, slash);
            return RangeFirst >= 0 && last >= RangeFirst && (RangeTotal < 0 || last < RangeTotal);   // first ≤ last < total
        }

        // Decimal digits only, at most 15 (a firmware size); -1 otherwise.
        private static long ParseDigits(byte[] b, int p, int end)
        {
            if (end <= p || end - p > 15) return -1;
            long value = 0;
            for (; p < end; p++)
            {
                int d = b[p] - '0';
                if (d < 0 || d > 9) return -1;
                value = value * 10 + d;
            }
            return value;
        }

        private static bool NameIs(byte[] b, int p, int end, byte[] lowerName)
        {
            return HttpResponseFraming.NameEquals(b, p, end, lowerName);
        }

        private static int IndexOf(byte[] b, int p, int end, byte value)
        {
            for (; p < end; p++)
            {
                if (b[p] == value) return p;
            }
            return -1;
        }
    }
}
