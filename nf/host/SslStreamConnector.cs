using System;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// <see cref="ITlsConnector"/> for the host: <c>TcpClient</c> + <c>SslStream</c> that trusts ONLY the roots in the
    /// given PEM bundle (not the machine's store), checks the server name, and uses TLS 1.2 as the device does.
    /// </summary>
    public sealed class SslStreamConnector : ITlsConnector
    {
        /// <summary>The default connect/send/receive timeout.</summary>
        public const int DefaultTimeoutMilliseconds = 15000;

        private readonly int _timeoutMilliseconds;

        /// <summary>A connector with <see cref="DefaultTimeoutMilliseconds"/>.</summary>
        public SslStreamConnector() : this(DefaultTimeoutMilliseconds)
        {
        }

        /// <summary>A connector whose connect, send and receive each give up after the given time.</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeoutMilliseconds"/> is not positive.</exception>
        public SslStreamConnector(int timeoutMilliseconds)
        {
            if (timeoutMilliseconds <= 0) throw new ArgumentOutOfRangeException(nameof(timeoutMilliseconds));
            _timeoutMilliseconds = timeoutMilliseconds;
        }

        /// <inheritdoc/>
        public int Connect(string host, int port, string caPem, out ITlsStream stream)
        {
            if (host == null) throw new ArgumentNullException(nameof(host));
            if (caPem == null) throw new ArgumentNullException(nameof(caPem));
            stream = null;
            TcpClient client = null;
            SslStream ssl = null;
            try
            {
                X509Certificate2Collection roots = PemTrust.Roots(caPem); // throws on an empty bundle: TlsConnectFailed below

                client = new TcpClient();
                if (!client.ConnectAsync(host, port).Wait(_timeoutMilliseconds)) throw new TimeoutException();
                client.ReceiveTimeout = _timeoutMilliseconds;
                client.SendTimeout = _timeoutMilliseconds;

                ssl = new SslStream(client.GetStream(), false);
                ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    EnabledSslProtocols = SslProtocols.Tls12,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    CertificateChainPolicy = PemTrust.Policy(roots),
                });
                stream = new Connection(client, ssl);
                return ErrorCode.Ok;
            }
            catch (Exception)
            {
                ssl?.Dispose();
                client?.Dispose();
                return ErrorCode.TlsConnectFailed;
            }
        }

        private sealed class Connection : ITlsStream
        {
            private TcpClient _client;
            private SslStream _ssl;

            public Connection(TcpClient client, SslStream ssl)
            {
                _client = client;
                _ssl = ssl;
            }

            public int Write(byte[] buffer, int offset, int count)
            {
                if (_ssl == null) return ErrorCode.TlsIoFailed;
                try
                {
                    _ssl.Write(buffer, offset, count);
                    _ssl.Flush();
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
                _ssl?.Dispose();
                _client?.Dispose();
                _ssl = null;
                _client = null;
            }
        }
    }
}
