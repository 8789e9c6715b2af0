using System;

namespace LinkKit.Nano.Crypto
{
    /// <summary>
    /// MD5 (RFC 1321): 16-byte digests, for OTA packages whose <c>signMethod</c> is "Md5". An integrity check
    /// only; MD5 is not collision-resistant.
    /// </summary>
    public sealed class Md5 : HashAlgorithm
    {
        private const int DigestBytes = 16;

        // RFC 1321 §3.4: T[i] = floor(2^32 * abs(sin(i + 1))).
        private static readonly uint[] s_sineTable = new uint[]
        {
            0xD76AA478, 0xE8C7B756, 0x242070DB, 0xC1BDCEEE, 0xF57C0FAF, 0x4787C62A, 0xA8304613, 0xFD469501,
            0x698098D8, 0x8B44F7AF, 0xFFFF5BB1, 0x895CD7BE, 0x6B901122, 0xFD987193, 0xA679438E, 0x49B40821,
            0xF61E2562, 0xC040B340, 0x265E5A51, 0xE9B6C7AA, 0xD62F105D, 0x02441453, 0xD8A1E681, 0xE7D3FBC8,
            0x21E1CDE6, 0xC33707D6, 0xF4D50D87, 0x455A14ED, 0xA9E3E905, 0xFCEFA3F8, 0x676F02D9, 0x8D2A4C8A,
            0xFFFA3942, 0x8771F681, 0x6D9D6122, 0xFDE5380C, 0xA4BEEA44, 0x4BDECFA9, 0xF6BB4B60, 0xBEBFBC70,
            0x289B7EC6, 0xEAA127FA, 0xD4EF3085, 0x04881D05, 0xD9D4D039, 0xE6DB99E5, 0x1FA27CF8, 0xC4AC5665,
            0xF4292244, 0x432AFF97, 0xAB9423A7, 0xFC93A039, 0x655B59C3, 0x8F0CCC92, 0xFFEFF47D, 0x85845DD1,
            0x6FA87E4F, 0xFE2CE6E0, 0xA3014314, 0x4E0811A1, 0xF7537E82, 0xBD3AF235, 0x2AD7D2BB, 0xEB86D391,
        };

        // RFC 1321 §3.4: each round rotates by four amounts in turn (S11..S14, S21..S24, S31..S34, S41..S44).
        private static readonly int[] s_rotations = new int[] { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 };

        private readonly uint[] _state = new uint[4];
        private readonly uint[] _words = new uint[16];

        /// <summary>Creates an MD5 ready for its first message.</summary>
        public Md5() : base(false)
        {
            Reset();
        }

        /// <summary>16.</summary>
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
        }

        internal override void CompressBlock(byte[] data, int offset)
        {
            uint[] x = _words;
            uint[] sine = s_sineTable;
            int[] rotations = s_rotations;
            ByteOrder.LoadLittleEndian(data, offset, x, 16);

            uint[] h = _state;
            uint a = h[0], b = h[1], c = h[2], d = h[3];
            uint sum;
            int s;

            // One loop per round, each with its own function and message-word order (RFC 1321 §3.4).
            for (int i = 0; i < 16; i++)
            {
                sum = a + ((b & c) | (~b & d)) + sine[i] + x[i];
                s = rotations[i & 3];
                a = d;
                d = c;
                c = b;
                b += (sum << s) | (sum >> (32 - s));
            }

            for (int i = 16; i < 32; i++)
            {
                sum = a + ((b & d) | (c & ~d)) + sine[i] + x[(5 * i + 1) & 15];
                s = rotations[4 + (i & 3)];
                a = d;
                d = c;
                c = b;
                b += (sum << s) | (sum >> (32 - s));
            }

            for (int i = 32; i < 48; i++)
            {
                sum = a + (b ^ c ^ d) + sine[i] + x[(3 * i + 5) & 15];
                s = rotations[8 + (i & 3)];
                a = d;
                d = c;
                c = b;
                b += (sum << s) | (sum >> (32 - s));
            }

            for (int i = 48; i < 64; i++)
            {
                sum = a + (c ^ (b | ~d)) + sine[i] + x[(7 * i) & 15];
                s = rotations[12 + (i & 3)];
                a = d;
                d = c;
                c = b;
                b += (sum << s) | (sum >> (32 - s));
            }

            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
        }

        internal override void WriteDigest(byte[] output, int offset)
        {
            ByteOrder.StoreLittleEndian(_state, 4, output, offset);
        }

        internal override void ClearWorkspace()
        {
            Array.Clear(_state, 0, _state.Length);
            Array.Clear(_words, 0, _words.Length);
        }
    }
}
