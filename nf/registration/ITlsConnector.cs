namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// An established TLS byte stream (HTTPS registration now, OTA download later). Device: System.Net
    /// <c>SslStream</c> over a <c>Socket</c> (nf/device/SslStreamConnector.cs); host: <c>SslStream</c> over
    /// <c>TcpClient</c>. Implementations turn every I/O exception and timeout into <see cref="ErrorCode.TlsIoFailed"/>.
    /// </summary>
    public interface ITlsStream
    {
        /// <summary>Sends all <paramref name="count"/> bytes.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.TlsIoFailed"/>.</returns>
        int Write(byte[] buffer, int offset, int count);

        /// <summary>Receives up to <paramref name="count"/> bytes (<paramref name="count"/> &gt; 0), waiting for at least one.</summary>
        /// <returns>The bytes received (&gt; 0); 0 when the peer has closed; <see cref="ErrorCode.TlsIoFailed"/> (also on timeout).</returns>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Closes the connection and frees its resources; never throws; safe to call twice.</summary>
        void Close();
    }

    /// <summary>Opens <see cref="ITlsStream"/>s: TCP connect, TLS 1.2 handshake, server certificate checked against given roots.</summary>
    public interface ITlsConnector
    {
        /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> and authenticates the server.</summary>
        /// <param name="host">DNS name or address; also the name the server certificate must carry.</param>
        /// <param name="caPem">The trusted root certificates as one PEM bundle (e.g. <c>AliyunRootCertificates.Pem</c>);
        /// the only roots trusted for this connection.</param>
        /// <param name="stream">On <see cref="ErrorCode.Ok"/>, the open stream (the caller closes it); otherwise null.</param>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.TlsConnectFailed"/> (DNS, TCP, handshake or certificate).</returns>
        int Connect(string host, int port, string caPem, out ITlsStream stream);
    }
}
