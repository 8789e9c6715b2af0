using System;
using LinkKit.Nano.Storage;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// HTTPS dynamic registration (docs/protocol.md, Dynamic registration / Over HTTPS): one TLS connection to
    /// <c>iot-auth.{region}.aliyuncs.com:443</c>, one <c>POST /auth/register/device</c>, read until the response is
    /// complete (Content-Length, last chunk, or the server closing: <see cref="HttpsExchange"/>), parse. Portable: the TLS stream comes from an
    /// <see cref="ITlsConnector"/>, so the same code runs over System.Net on the device and in host tests.
    /// </summary>
    /// <remarks>
    /// One buffer of <see cref="BufferSize"/> bytes, allocated here, holds first the request and then the response;
    /// <see cref="Register()"/> itself allocates nothing beyond what the connector does. Not thread-safe.
    /// </remarks>
    public sealed class HttpsRegistration : IRegistrationChannel
    {
        /// <summary>The HTTPS port.</summary>
        public const int DefaultPort = 443;

        /// <summary>The request/response buffer size: a registration response is a few hundred bytes of headers and JSON.</summary>
        public const int BufferSize = 2048;

        private readonly ITlsConnector _connector;
        private readonly IRandomSource _random;
        private readonly RegistrationSigner _signer;
        private readonly string _host;
        private readonly int _port;
        private readonly string _caPem;
        private readonly HttpsRegistrationRequest _request;
        private readonly RegistrationReplyParser _parser = new RegistrationReplyParser();
        private readonly RegistrationReply _reply = new RegistrationReply();
        private readonly byte[] _nonce = new byte[RegistrationRandom.Length];
        private readonly byte[] _buffer = new byte[BufferSize];

        /// <summary>Registration of <paramref name="signer"/>'s device at <paramref name="host"/>:<paramref name="port"/>.</summary>
        /// <param name="host"><see cref="HttpsRegistrationRequest.GetRegionHost"/> for the platform, or an emulator's name.</param>
        /// <param name="caPem">The trusted roots (PEM bundle), e.g. <c>AliyunRootCertificates.Pem</c>.</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 1-65535.</exception>
        public HttpsRegistration(ITlsConnector connector, IRandomSource random, RegistrationSigner signer, string host, int port, string caPem)
        {
            if (connector == null) throw new ArgumentNullException("connector");
            if (random == null) throw new ArgumentNullException("random");
            if (signer == null) throw new ArgumentNullException("signer");
            if (host == null) throw new ArgumentNullException("host");
            if (caPem == null) throw new ArgumentNullException("caPem");
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException("port");
            _connector = connector;
            _random = random;
            _signer = signer;
            _host = host;
            _port = port;
            _caPem = caPem;
            _request = new HttpsRegistrationRequest(signer, HttpFormPost.HostHeader(host, port));
        }

        /// <summary>The last registration's outcome: HTTP status, platform code and message (and, after success
        /// through <see cref="Register()"/>, the secret until <see cref="RegistrationReply.Clear"/>).</summary>
        public RegistrationReply Reply
        {
            get { return _reply; }
        }

        /// <summary>Runs one registration; the outcome is in <see cref="Reply"/>.</summary>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.TlsConnectFailed"/>; <see cref="ErrorCode.TlsIoFailed"/>;
        /// <see cref="ErrorCode.BufferTooSmall"/> (request or response larger than <see cref="BufferSize"/>); or any
        /// result of <see cref="RegistrationReplyParser.ParseHttps"/> (refused, HTTP status, truncated, malformed…).
        /// </returns>
        public int Register()
        {
            _reply.Clear();
            RegistrationRandom.Fill(_random, _nonce, 0);
            int length = _request.Write(_nonce, 0, _buffer, 0, _buffer.Length);
            if (length < 0) return length;

            int status, bodyOffset, bodyLength;
            int rc = HttpsExchange.Run(_connector, _host, _port, _caPem, _buffer, length, out status, out bodyOffset, out bodyLength);
            if (rc == ErrorCode.Ok) rc = _parser.ParseHttpsBody(status, _buffer, bodyOffset, bodyLength, _signer.ProductKey, _signer.DeviceName, _reply);
            else _reply.HttpStatus = status;
            Array.Clear(_buffer, 0, _buffer.Length);   // the response held the device secret
            return rc;
        }

        /// <summary>
        /// <see cref="IRegistrationChannel"/>: runs <see cref="Register()"/> and on success moves the device secret into
        /// <paramref name="record"/> (wiping it from <see cref="Reply"/>, which keeps status, code and message).
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
        public int Register(SecretRecord record)
        {
            if (record == null) throw new ArgumentNullException("record");
            int rc = Register();
            if (rc != ErrorCode.Ok) return rc;
            _reply.ToRecord(_signer.ProductKey, _signer.DeviceName, record);
            _reply.WipeCredential();
            return ErrorCode.Ok;
        }
    }
}
