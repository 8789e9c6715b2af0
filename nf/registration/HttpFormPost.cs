using System;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// The head of the HTTP/1.1 form POSTs the platform's HTTPS services take (dynamic registration, bootstrap):
    /// <code>
    /// POST {path} HTTP/1.1\r\n
    /// Host: {host}\r\n
    /// Content-Type: application/x-www-form-urlencoded\r\n
    /// Content-Length: {body bytes}\r\n
    /// Connection: close\r\n
    /// \r\n
    /// </code>
    /// Allocates nothing.
    /// </summary>
    internal static class HttpFormPost
    {
        private static readonly byte[] s_post = Utf8.ToArray("POST ");
        private static readonly byte[] s_host = Utf8.ToArray(" HTTP/1.1\r\nHost: ");
        private static readonly byte[] s_contentLength = Utf8.ToArray("\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ");
        private static readonly byte[] s_endOfHeaders = Utf8.ToArray("\r\nConnection: close\r\n\r\n");

        /// <summary>The Host header of a service at <paramref name="host"/>:<paramref name="port"/> (the port only when it is not HTTPS's default).</summary>
        public static string HostHeader(string host, int port)
        {
            return port == HttpsRegistration.DefaultPort ? host : host + ":" + port.ToString();
        }

        /// <summary>Writes the head of a POST of <paramref name="path"/> to <paramref name="host"/> with a body of <paramref name="bodyLength"/> bytes.</summary>
        /// <returns>The head's length; <see cref="ErrorCode.BufferTooSmall"/> with nothing written when the head and the body do not both fit.</returns>
        public static int WriteHead(byte[] path, byte[] host, int bodyLength, byte[] buffer, int offset, int count)
        {
            if (bodyLength < 0) throw new ArgumentOutOfRangeException("bodyLength");
            int digits = NumberFormatter.CountDigits((ulong)bodyLength);
            int head = s_post.Length + path.Length + s_host.Length + host.Length + s_contentLength.Length + digits + s_endOfHeaders.Length;
            if (head > count || bodyLength > count - head) return ErrorCode.BufferTooSmall;
            int p = Append(s_post, buffer, offset);
            p = Append(path, buffer, p);
            p = Append(s_host, buffer, p);
            p = Append(host, buffer, p);
            p = Append(s_contentLength, buffer, p);
            p += NumberFormatter.WriteInt32(bodyLength, buffer, p, digits);
            Append(s_endOfHeaders, buffer, p);
            return head;
        }

        /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> at <paramref name="p"/>; returns the position after it.</summary>
        public static int Append(byte[] source, byte[] destination, int p)
        {
            Array.Copy(source, 0, destination, p, source.Length);
            return p + source.Length;
        }
    }
}
