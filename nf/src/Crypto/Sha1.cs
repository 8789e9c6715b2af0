using System;

namespace LinkKit.Nano.Crypto
{
    /// <summary>
    /// SHA-1 (FIPS 180-4 §6.1): 20-byte digests. Kept for HMAC-SHA1, which the Python SDK's device-secret
    /// CONNECT password uses; not for new designs.
    /// </summary>
    public sealed class Sha1 : HashAlgorithm
    {
        private const int DigestBytes = 20;

        private readonly uint[] _state = new uint[5];
        private readonly uint[] _schedule = new uint[80];

        /// <summary>Creates a SHA-1 ready for its first message.</summary>
        public Sha1() : base(true)
        {
            Reset();
        }

        /// <summary>20.</summary>
        public override int HashSize
        {
            get { return DigestBytes; }
        }

        internal override uint[] ChainingState
        {
            get { return _state; }
        }

        internal override void InitializeState()
        {
            uint[] h = _state;
            h[0] = 0x67452301;
            h[1] = 0xEFCDAB89;
            h[2] = 0x98BADCFE;
            h[3] = 0x10325476;
            h[4] = 0xC3D2E1F0;
        }

        internal override void CompressBlock(byte[] data, int offset)
        {
            uint[] w = _schedule;
            ByteOrder.LoadBigEndian(data, offset, w, 16);
            for (int t = 16; t < 80; t++)
            {
                uint x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16];
                w[t] = (x << 1) | (x >> 31);
            }

            uint[] h = _state;
            uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
            uint temp;

            // One loop per 20-step stage (FIPS 180-4 §4.1.1, §4.2.1) instead of a branch in every step.
            for (int t = 0; t < 20; t++)
            {
                temp = ((a << 5) | (a >> 27)) + ((b & c) | (~b & d)) + e + 0x5A827999 + w[t];
                e = d;
                d = c;
                c = (b << 30) | (b >> 2);
                b = a;
                a = temp;
            }

            for (int t = 20; t < 40; t++)
            {
                temp = ((a << 5) | (a >> 27)) + (b ^ c ^ d) + e + 0x6ED9EBA1 + w[t];
                e = d;
                d = c;
                c = (b << 30) | (b >> 2);
                b = a;
                a = temp;
            }

            for (int t = 40; t < 60; t++)
            {
                temp = ((a << 5) | (a >> 27)) + ((b & c) | (b & d) | (c & d)) + e + 0x8F1BBCDC + w[t];
                e = d;
                d = c;
                c = (b << 30) | (b >> 2);
                b = a;
                a = temp;
            }

            for (int t = 60; t < 80; t++)
            {
                temp = ((a << 5) | (a >> 27)) + (b ^ c ^ d) + e + 0xCA62C1D6 + w[t];
                e = d;
                d = c;
                c = (b << 30) | (b >> 2);
                b = a;
                a = temp;
            }

            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
        }

        internal override void WriteDigest(byte[] output, int offset)
        {
            ByteOrder.StoreBigEndian(_state, 5, output, offset);
        }

        internal override void ClearWorkspace()
        {
            Array.Clear(_state, 0, _state.Length);
            Array.Clear(_schedule, 0, _schedule.Length);
        }
    }
}
