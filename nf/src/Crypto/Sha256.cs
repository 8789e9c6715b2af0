using System;

namespace LinkKit.Nano.Crypto
{
    /// <summary>SHA-256 (FIPS 180-4 §6.2): 32-byte digests for HMAC-SHA256 signs and OTA checks.</summary>
    public sealed class Sha256 : HashAlgorithm
    {
        private const int DigestBytes = 32;

        // FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] s_roundConstants = new uint[]
        {
            0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4, 0xAB1C5ED5,
            0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE, 0x9BDC06A7, 0xC19BF174,
            0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F, 0x4A7484AA, 0x5CB0A9DC, 0x76F988DA,
            0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7, 0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967,
            0x27B70A85, 0x2E1B2138, 0x4D2C6DFC, 0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85,
            0xA2BFE8A1, 0xA81A664B, 0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070,
            0x19A4C116, 0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
            0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7, 0xC67178F2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _schedule = new uint[64];

        /// <summary>Creates a SHA-256 ready for its first message.</summary>
        public Sha256() : base(true)
        {
            Reset();
        }

        /// <summary>32.</summary>
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
            // FIPS 180-4 §5.3.3: fractional parts of the square roots of the first 8 primes.
            uint[] h = _state;
            h[0] = 0x6A09E667;
            h[1] = 0xBB67AE85;
            h[2] = 0x3C6EF372;
            h[3] = 0xA54FF53A;
            h[4] = 0x510E527F;
            h[5] = 0x9B05688C;
            h[6] = 0x1F83D9AB;
            h[7] = 0x5BE0CD19;
        }

        internal override void CompressBlock(byte[] data, int offset)
        {
            uint[] w = _schedule;
            uint[] k = s_roundConstants;
            ByteOrder.LoadBigEndian(data, offset, w, 16);
            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint sigma0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint sigma1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[t] = w[t - 16] + sigma0 + w[t - 7] + sigma1;
            }

            uint[] h = _state;
            uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
            for (int t = 0; t < 64; t++)
            {
                uint bigSigma1 = ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                uint choose = (e & f) ^ (~e & g);
                uint t1 = hh + bigSigma1 + choose + k[t] + w[t];
                uint bigSigma0 = ((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10));
                uint majority = (a & b) ^ (a & c) ^ (b & c);
                hh = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + bigSigma0 + majority;
            }

            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
            h[5] += f;
            h[6] += g;
            h[7] += hh;
        }

        internal override void WriteDigest(byte[] output, int offset)
        {
            ByteOrder.StoreBigEndian(_state, 8, output, offset);
        }

        internal override void ClearWorkspace()
        {
            Array.Clear(_state, 0, _state.Length);
            Array.Clear(_schedule, 0, _schedule.Length);
        }
    }
}
