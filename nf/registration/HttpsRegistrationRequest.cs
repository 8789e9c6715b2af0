using System;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// Writes the HTTP/1.1 request of HTTPS dynamic registration (docs/protocol.md, Dynamic registration / Over HTTPS). For docs/test-vectors.md V4
    /// (pk a1B2c3D4e5F, dn device01, ps ProductSecretABCDEF, random AbCdEfGhIjKlMnO; the literal of the unit test):
    /// <code>
    /// POST /auth/register/device HTTP/1.1\r\n
    /// Host: iot-auth.cn-shanghai.aliyuncs.com\r\n
    /// Content-Type: application/x-www-form-urlencoded\r\n
    /// Content-Length: 157\r\n
    /// Connection: close\r\n
    /// \r\n
    /// productKey=a1B2c3D4e5F&amp;deviceName=device01&amp;random=AbCdEfGhIjKlMnO&amp;sign=e354fcf236a04beda05b7f3e11003aa1895e86f361f7a6470bd390c8b04d8c5e&amp;signMethod=hmacsha256
    /// </code>
    /// Values are form-encoded (<see cref="FormUrlEncoding"/>); the sign is computed over the raw values.
    /// </summary>
    /// <remarks><see cref="Write"/> allocates nothing; the object is not thread-safe.</remarks>
    public sealed class HttpsRegistrationRequest
    {
        private static readonly byte[] s_path = Utf8.ToArray("/auth/register/device");
        private static readonly byte[] s_productKey = Utf8.ToArray("productKey=");
        private static readonly byte[] s_deviceName = Utf8.ToArray("&deviceName=");
        private static readonly byte[] s_random = Utf8.ToArray("&random=");
        private static readonly byte[] s_sign = Utf8.ToArray("&sign=");
        private static readonly byte[] s_signMethod = Utf8.ToArray("&signMethod=hmacsha256");

        private readonly RegistrationSigner _signer;
        private readonly byte[] _host;
        private readonly byte[] _sign = new byte[RegistrationSigner.SignLength];

        /// <summary>A request for <paramref name="signer"/>'s device, sent to <paramref name="host"/>.</summary>
        /// <param name="signer">The device and its product secret.</param>
        /// <param name="host">The Host header: <see cref="GetRegionHost"/> for the platform, or e.g. "127.0.0.1:8443"
        /// for an emulator (add ":port" when the port is not 443).</param>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="host"/> is empty.</exception>
        public HttpsRegistrationRequest(RegistrationSigner signer, string host)
        {
            if (signer == null) throw new ArgumentNullException("signer");
            if (host == null) throw new ArgumentNullException("host");
            if (host.Length == 0) throw new ArgumentException("empty", "host");
            _signer = signer;
            _host = Utf8.ToArray(host);
        }

        /// <summary>The platform's registration host of a region: <c>iot-auth.{region}.aliyuncs.com</c>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="region"/> is null.</exception>
        public static string GetRegionHost(string region)
        {
            if (region == null) throw new ArgumentNullException("region");
            return "iot-auth." + region + ".aliyuncs.com";
        }

        /// <summary>Writes the whole request (headers and form body) for the given 15-character nonce.</summary>
        /// <returns>The request length; <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        /// <exception cref="ArgumentNullException">A buffer is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A range lies outside its buffer (the nonce needs
        /// <see cref="RegistrationRandom.Length"/> bytes).</exception>
        public int Write(byte[] random, int randomOffset, byte[] buffer, int offset, int count)
        {
            if (random == null) throw new ArgumentNullException("random");
            if (randomOffset < 0 || random.Length - randomOffset < RegistrationRandom.Length) throw new ArgumentOutOfRangeException("randomOffset");
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || count < 0 || count > buffer.Length - offset) throw new ArgumentOutOfRangeException("count");

            byte[] pk = _signer.ProductKeyBytes;
            byte[] dn = _signer.DeviceNameBytes;
            _signer.WriteSign(random, randomOffset, RegistrationRandom.Length, _sign, 0, _sign.Length);

            int body = s_productKey.Length + FormUrlEncoding.GetEncodedLength(pk, 0, pk.Length)
                + s_deviceName.Length + FormUrlEncoding.GetEncodedLength(dn, 0, dn.Length)
                + s_random.Length + FormUrlEncoding.GetEncodedLength(random, randomOffset, RegistrationRandom.Length)
                + s_sign.Length + _sign.Length
                + s_signMethod.Length;
            int head = HttpFormPost.WriteHead(s_path, _host, body, buffer, offset, count);
            if (head < 0) return head;

            int p = HttpFormPost.Append(s_productKey, buffer, offset + head);
            p += FormUrlEncoding.Encode(pk, 0, pk.Length, buffer, p, offset + count - p);
            p = HttpFormPost.Append(s_deviceName, buffer, p);
            p += FormUrlEncoding.Encode(dn, 0, dn.Length, buffer, p, offset + count - p);
            p = HttpFormPost.Append(s_random, buffer, p);
            p += FormUrlEncoding.Encode(random, randomOffset, RegistrationRandom.Length, buffer, p, offset + count - p);
            p = HttpFormPost.Append(s_sign, buffer, p);
            p = HttpFormPost.Append(_sign, buffer, p);
            p = HttpFormPost.Append(s_signMethod, buffer, p);
            return p - offset;
        }
    }
}
