using System;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// One HTTPS request and its response in one buffer, for the platform's HTTPS services (dynamic registration,
    /// bootstrap): connect through an <see cref="ITlsConnector"/>, send the request the buffer holds, then read into
    /// the same buffer until <see cref="HttpResponseFraming"/> finds the response complete (Content-Length, last chunk,
    /// or the server closing), and close. Allocates nothing beyond what the connector does.
    /// </summary>
    internal static class HttpsExchange
    {
        /// <summary>Sends buffer[0, <paramref name="requestLength"/>) to <paramref name="host"/>:<paramref name="port"/> and frames the response.</summary>
        /// <param name="status">The HTTP status once the status line was read, else 0.</param>
        /// <param name="bodyOffset">On <see cref="ErrorCode.Ok"/>: where the (de-chunked) body starts in <paramref name="buffer"/>.</param>
        /// <param name="bodyLength">On <see cref="ErrorCode.Ok"/>: the body's length.</param>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.TlsConnectFailed"/>; <see cref="ErrorCode.TlsIoFailed"/>;
        /// <see cref="ErrorCode.BufferTooSmall"/> (the response is larger than the buffer); <see cref="ErrorCode.HttpMalformed"/>;
        /// <see cref="ErrorCode.HttpTruncated"/> (the server closed before the response was complete).
        /// </returns>
        public static int Run(ITlsConnector connector, string host, int port, string caPem, byte[] buffer, int requestLength,
            out int status, out int bodyOffset, out int bodyLength)
        {
            status = bodyOffset = bodyLength = 0;
            ITlsStream stream;
            if (connector.Connect(host, port, caPem, out stream) != ErrorCode.Ok || stream == null) return ErrorCode.TlsConnectFailed;
            // No finally: on nanoCLR a catch inside code a finally calls (the device stream's Close) kills the runtime.
            int rc;
            try
            {
                rc = Exchange(stream, buffer, requestLength, out status, out bodyOffset, out bodyLength);
            }
            catch (Exception)
            {
                rc = ErrorCode.TlsIoFailed; // a stream broke its never-throw contract
            }
            stream.Close();
            return rc;
        }

        private static int Exchange(ITlsStream stream, byte[] buffer, int length, out int status, out int bodyOffset, out int bodyLength)
        {
            status = bodyOffset = bodyLength = 0;
            if (stream.Write(buffer, 0, length) != ErrorCode.Ok) return ErrorCode.TlsIoFailed;
            int received = 0;
            while (true)
            {
                int n = stream.Read(buffer, received, buffer.Length - received);
                if (n < 0) return ErrorCode.TlsIoFailed;
                if (n == 0) return HttpResponseFraming.Frame(buffer, 0, received, true, out status, out bodyOffset, out bodyLength);
                received += n;
                int rc = HttpResponseFraming.Frame(buffer, 0, received, false, out status, out bodyOffset, out bodyLength);
                if (rc != ErrorCode.HttpTruncated) return rc;
                if (received == buffer.Length) return ErrorCode.BufferTooSmall;
            }
        }
    }
}
