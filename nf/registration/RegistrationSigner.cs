using System;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// The dynamic-registration signature: lower-case hex HMAC-SHA256 with the product secret as key over
    /// <c>deviceName{dn}productKey{pk}random{random}</c> (docs/test-vectors.md, Alibaba signing examples). The same value is the HTTPS form's
    /// <c>sign</c>, the MQTT registration CONNECT password and the gateway <c>product_register</c> sign.
    /// </summary>
    /// <remarks>
    /// Holds the identity as UTF-8 once, and its HMAC state; <see cref="WriteSign"/> allocates nothing. Not thread-safe.
    /// <see cref="ToString"/> never shows the product secret.
    /// </remarks>
    public sealed class RegistrationSigner
    {
        /// <summary>The sign's length: 64 lower-case hex digits.</summary>
        public const int SignLength = 64;

        private static readonly byte[] s_deviceName = new byte[] { (byte)'d', (byte)'e', (byte)'v', (byte)'i', (byte)'c', (byte)'e', (byte)'N', (byte)'a', (byte)'m', (byte)'e' };
        private static readonly byte[] s_productKey = new byte[] { (byte)'p', (byte)'r', (byte)'o', (byte)'d', (byte)'u', (byte)'c', (byte)'t', (byte)'K', (byte)'e', (byte)'y' };
        private static readonly byte[] s_random = new byte[] { (byte)'r', (byte)'a', (byte)'n', (byte)'d', (byte)'o', (byte)'m' };

        private readonly byte[] _productKey;
        private readonly byte[] _deviceName;
        private readonly byte[] _productSecret;
        private readonly Hmac _hmac = new Hmac(new Sha256());
        private readonly byte[] _digest = new byte[32];

        /// <summary>A signer for one device of a product.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentException">An argument is empty or not encodable as UTF-8.</exception>
        public RegistrationSigner(string productKey, string deviceName, string productSecret)
        {
            _productKey = ToUtf8(productKey, "productKey");
            _deviceName = ToUtf8(deviceName, "deviceName");
            _productSecret = ToUtf8(productSecret, "productSecret");
            ProductKey = productKey;
            DeviceName = deviceName;
        }

        /// <summary>The product key.</summary>
        public string ProductKey { get; private set; }

        /// <summary>The device name.</summary>
        public string DeviceName { get; private set; }

        /// <summary>The product key as UTF-8 (shared, do not modify).</summary>
        internal byte[] ProductKeyBytes { get { return _productKey; } }

        /// <summary>The device name as UTF-8 (shared, do not modify).</summary>
        internal byte[] DeviceNameBytes { get { return _deviceName; } }

        /// <summary>Writes the 64-digit sign for the given nonce.</summary>
        /// <returns><see cref="SignLength"/>; <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        /// <exception cref="ArgumentNullException">A buffer is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A range lies outside its buffer.</exception>
        public int WriteSign(byte[] random, int randomOffset, int randomCount, byte[] destination, int offset, int count)
        {
            CheckRange(random, randomOffset, randomCount, "random");
            CheckRange(destination, offset, count, "destination");
            if (count < SignLength) return ErrorCode.BufferTooSmall;

            _hmac.SetKey(_productSecret, 0, _productSecret.Length);
            _hmac.Update(s_deviceName, 0, s_deviceName.Length);
            _hmac.Update(_deviceName, 0, _deviceName.Length);
            _hmac.Update(s_productKey, 0, s_productKey.Length);
            _hmac.Update(_productKey, 0, _productKey.Length);
            _hmac.Update(s_random, 0, s_random.Length);
            _hmac.Update(random, randomOffset, randomCount);
            _hmac.Final(_digest, 0);
            int written = Hex.Encode(_digest, 0, _digest.Length, destination, offset, false);
            Array.Clear(_digest, 0, _digest.Length);
            return written;
        }

        /// <summary>Product key and device name only.</summary>
        public override string ToString()
        {
            return "RegistrationSigner(productKey=" + ProductKey + ", deviceName=" + DeviceName + ")";
        }

        private static byte[] ToUtf8(string value, string name)
        {
            if (value == null) throw new ArgumentNullException(name);
            int length = Utf8.GetByteCount(value);
            if (length <= 0) throw new ArgumentException("empty or not UTF-16", name);
            byte[] bytes = new byte[length];
            Utf8.Encode(value, bytes, 0, length);
            return bytes;
        }

        private static void CheckRange(byte[] buffer, int offset, int count, string name)
        {
            if (buffer == null) throw new ArgumentNullException(name);
            if (offset < 0 || count < 0 || count > buffer.Length - offset) throw new ArgumentOutOfRangeException(name);
        }
    }
}
