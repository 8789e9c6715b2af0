using System;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Tests.Crypto;

namespace LinkKit.Nano.Tests.Identity
{
    /// <summary>
    /// A fake TLS peer: records what the client sends, answers with a canned response in pieces of a given size, then
    /// either closes (Read returns 0) or times out (Read fails) — a server that keeps the connection open.
    /// </summary>
    public sealed class ScriptedTls : ITlsConnector, ITlsStream
    {
        private readonly byte[] _response;
        private readonly int _piece;
        private readonly bool _closeAtEnd;
        private readonly byte[] _sent = new byte[4096];
        private int _served;

        public ScriptedTls(string response, int piece, bool closeAtEnd)
        {
            _response = TestBytes.Ascii(response);
            _piece = piece;
            _closeAtEnd = closeAtEnd;
        }

        public int ConnectResult = ErrorCode.Ok;
        public int WriteResult = ErrorCode.Ok;
        /// <summary>Fail the read after this many response bytes (-1 = never).</summary>
        public int FailReadAfter = -1;

        public string Host;
        public int Port;
        public string CaPem;
        public int Connects;
        public int Closes;
        public int SentLength;
        public int Reads;

        public string Sent { get { return TestBytes.AsciiString(_sent, 0, SentLength); } }

        /// <summary>Serves the response again from its start to a new request (allocation tests).</summary>
        public void Rewind()
        {
            _served = 0;
            SentLength = 0;
        }

        public int Connect(string host, int port, string caPem, out ITlsStream stream)
        {
            Connects++;
            Host = host;
            Port = port;
            CaPem = caPem;
            stream = ConnectResult == ErrorCode.Ok ? this : null;
            return ConnectResult;
        }

        public int Write(byte[] buffer, int offset, int count)
        {
            if (WriteResult != ErrorCode.Ok) return WriteResult;
            Array.Copy(buffer, offset, _sent, SentLength, count);
            SentLength += count;
            return ErrorCode.Ok;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            if (count <= 0) throw new ArgumentOutOfRangeException("count");
            if (FailReadAfter >= 0 && _served >= FailReadAfter) return ErrorCode.TlsIoFailed;
            int left = _response.Length - _served;
            if (left == 0) return _closeAtEnd ? 0 : ErrorCode.TlsIoFailed;
            int n = left < _piece ? left : _piece;
            if (n > count) n = count;
            Array.Copy(_response, _served, buffer, offset, n);
            _served += n;
            return n;
        }

        public void Close()
        {
            Closes++;
        }
    }
}
