using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// <see cref="ITlsConnector"/> over nanoFramework's System.Net: <c>Dns</c>, a TCP <c>Socket</c> and <c>SslStream</c>
    /// (TLS 1.2, server certificate required and checked against the given PEM roots only; docs/nanoframework.md, TLS, sockets and DNS).
    /// TLS needs a valid clock: connect after SNTP has set it.
    /// </summary>
    /// <remarks>
    /// Thin by design: every exception becomes <see cref="ErrorCode.TlsConnectFailed"/> or
    /// <see cref="ErrorCode.TlsIoFailed"/>; exception texts are not kept. mbedTLS takes its ~2 × 16.7 KB of buffers from
    /// the native heap for the life of the connection.
    /// </remarks>
    public sealed class SslStreamConnector : ITlsConnector
    {
        /// <summary>The default send/receive timeout.</summary>
        public const int DefaultTimeoutMilliseconds = 15000;

        private readonly int _timeoutMilliseconds;

        /// <summary>A connector with <see cref="DefaultTimeoutMilliseconds"/>.</summary>
        public SslStreamConnector() : this(DefaultTimeoutMilliseconds)
        {
        }

        /// <summary>A connector whose streams fail a send or receive that waits longer than the given time.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeoutMilliseconds"/> is not positive.</exception>
        public SslStreamConnector(int timeoutMilliseconds)
        {
            if (timeoutMilliseconds <= 0) throw new ArgumentOutOfRangeException("timeoutMilliseconds");
            _timeoutMilliseconds = timeoutMilliseconds;
        }

        /// <inheritdoc/>
        public int Connect(string host, int port, string caPem, out ITlsStream stream)
        {
            if (host == null) throw new ArgumentNullException("host");
            if (caPem == null) throw new ArgumentNullException("caPem");
            stream = null;
            Socket socket = null;
            SslStream ssl = null;
            try
            {
                IPAddress address = Dns.GetHostEntry(host).AddressList[0];
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.ReceiveTimeout = _timeoutMilliseconds;
                socket.SendTimeout = _timeoutMilliseconds;
                socket.Connect(new IPEndPoint(address, port));

                ssl = new SslStream(socket);
                ssl.SslVerification = SslVerification.CertificateRequired;
                // The string constructor appends the NUL mbedTLS's PEM parser needs.
                ssl.AuthenticateAsClient(host, null, new X509Certificate(caPem), SslProtocols.Tls12);
                stream = new Connection(ssl);
                return ErrorCode.Ok;
            }
            catch (Exception)
            {
                // SslStream owns the socket once created; disposing it closes both.
                try
                {
                    if (ssl != null) ssl.Dispose();
                    else if (socket != null) socket.Close();
                }
                catch (Exception)
                {
                }
                return ErrorCode.TlsConnectFailed;
            }
        }

        private sealed class Connection : ITlsStream
        {
            private SslStream _ssl;

            public Connection(SslStream ssl)
            {
                _ssl = ssl;
            }

            public int Write(byte[] buffer, int offset, int count)
            {
                if (_ssl == null) return ErrorCode.TlsIoFailed;
                try
                {
                    _ssl.Write(buffer, offset, count);
                    return ErrorCode.Ok;
                }
                catch (Exception)
                {
                    return ErrorCode.TlsIoFailed;
                }
            }

            public int Read(byte[] buffer, int offset, int count)
            {
                if (_ssl == null) return ErrorCode.TlsIoFailed;
                try
                {
                    return _ssl.Read(buffer, offset, count);
                }
                catch (Exception)
                {
                    return ErrorCode.TlsIoFailed;
                }
            }

            public void Close()
            {
                SslStream ssl = _ssl;
                _ssl = null;
                if (ssl == null) return;
                try
                {
                    ssl.Dispose();
                }
                catch (Exception)
                {
                }
            }
        }
    }
}
