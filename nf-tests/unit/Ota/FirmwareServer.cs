using System;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Tests.Crypto;

namespace LinkKit.Nano.Tests.Ota
{
    /// <summary>
    /// A fake HTTPS file server for one firmware file: answers GET with Range (206 + Content-Range) or without (200),
    /// and rehearses the field: a connection cut after N body bytes, refused connects, a status such as 403, a server
    /// that ignores Range, an ETag that changes, a corrupted byte. Records every request.
    /// </summary>
    public sealed class FirmwareServer : ITlsConnector
    {
        public readonly byte[] File;
        public int Piece = 700;                 // bytes per Read, so reads straddle chunk and commit boundaries
        public string ETag = "\"v1\"";
        public bool IgnoreRange;
        public int CorruptAt = -1;
        public int RefuseConnects;              // the next N connects fail
        public int Status;                      // when not 0, every response has this status and no body
        public int StatusTimes = -1;            // how many responses Status applies to (-1: all)
        public int StatusAfter;                 // responses served normally before Status applies
        /// <summary>Body bytes the next connections deliver before the connection drops (-1 = all); consumed in order.</summary>
        public int[] CutAfter = new int[0];

        public int Connects;
        public string Host;
        public int Port;
        public readonly string[] Requests = new string[64];
        public readonly long[] RangeStarts = new long[64];
        public int RequestCount;

        public FirmwareServer(byte[] file)
        {
            File = file;
        }

        public int Connect(string host, int port, string caPem, out ITlsStream stream)
        {
            Connects++;
            Host = host;
            Port = port;
            if (RefuseConnects > 0)
            {
                RefuseConnects--;
                stream = null;
                return ErrorCode.TlsConnectFailed;
            }
            int cut = -1;
            if (CutAfter.Length > 0)
            {
                cut = CutAfter[0];
                int[] rest = new int[CutAfter.Length - 1];
                Array.Copy(CutAfter, 1, rest, 0, rest.Length);
                CutAfter = rest;
            }
            stream = new Connection(this, cut);
            return ErrorCode.Ok;
        }

        /// <summary>The request's "Range: bytes=N-" start, or -1.</summary>
        private static long RangeStart(string request)
        {
            const string Marker = "\r\nRange: bytes=";
            int at = request.IndexOf(Marker);
            if (at < 0) return -1;
            int p = at + Marker.Length;
            long value = 0;
            while (request[p] >= '0' && request[p] <= '9') value = value * 10 + request[p++] - '0';
            return value;
        }

        // The response head; the body is File from bodyStart on (none when bodyStart is -1). Nothing is allocated per
        // body byte, so the downloader's own allocations can be measured against a file of any size.
        private byte[] Respond(string request, out int bodyStart)
        {
            RangeStarts[RequestCount] = RangeStart(request);
            Requests[RequestCount++] = request;
            bodyStart = -1;
            if (Status != 0 && StatusTimes != 0 && RequestCount > StatusAfter)
            {
                if (StatusTimes > 0) StatusTimes--;
                return TestBytes.Ascii("HTTP/1.1 " + Status + " Refused\r\nContent-Length: 0\r\n\r\n");
            }
            long start = RangeStarts[RequestCount - 1];
            string head;
            if (start < 0 || IgnoreRange)
            {
                start = 0;
                head = "HTTP/1.1 200 OK\r\nContent-Length: " + File.Length + "\r\n";
            }
            else if (start >= File.Length)
            {
                return TestBytes.Ascii("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + File.Length + "\r\nContent-Length: 0\r\n\r\n");
            }
            else
            {
                head = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + start + "-" + (File.Length - 1) + "/" + File.Length
                    + "\r\nContent-Length: " + (File.Length - start) + "\r\n";
            }
            bodyStart = (int)start;
            return TestBytes.Ascii(head + "ETag: " + ETag + "\r\nAccept-Ranges: bytes\r\n\r\n");
        }

        private sealed class Connection : ITlsStream
        {
            private readonly FirmwareServer _server;
            private readonly int _cutAfterBody;
            private readonly byte[] _request = new byte[4096];
            private int _requestLength;
            private byte[] _head;
            private int _bodyStart;
            private int _served;                  // head bytes, then body bytes

            public Connection(FirmwareServer server, int cutAfterBody)
            {
                _server = server;
                _cutAfterBody = cutAfterBody;
            }

            public int Write(byte[] buffer, int offset, int count)
            {
                Array.Copy(buffer, offset, _request, _requestLength, count);
                _requestLength += count;
                return ErrorCode.Ok;
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                if (_head == null)
                {
                    string request = TestBytes.AsciiString(_request, 0, _requestLength);
                    if (request.IndexOf("\r\n\r\n") < 0) return ErrorCode.TlsIoFailed;        // nothing asked yet
                    _head = _server.Respond(request, out _bodyStart);
                }
                int body = _bodyStart < 0 ? 0 : _server.File.Length - _bodyStart;
                int limit = _head.Length + body;
                if (_cutAfterBody >= 0 && _cutAfterBody < body) limit = _head.Length + _cutAfterBody;
                if (_served >= limit) return limit < _head.Length + body ? ErrorCode.TlsIoFailed : 0;
                int n = limit - _served;
                if (n > _server.Piece) n = _server.Piece;
                if (n > count) n = count;
                for (int i = 0; i < n; i++, _served++)
                {
                    int b = _served < _head.Length ? _head[_served] : _server.File[_bodyStart + _served - _head.Length];
                    if (_served >= _head.Length && _bodyStart + _served - _head.Length == _server.CorruptAt) b ^= 0x40;
                    buffer[offset + i] = (byte)b;
                }
                return n;
            }

            public void Close()
            {
            }
        }
    }
}
