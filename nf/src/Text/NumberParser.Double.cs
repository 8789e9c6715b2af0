using System;
using LinkKit.Nano.Internal;

namespace LinkKit.Nano.Text
{
    public static partial class NumberParser
    {
        // Leading-digit powers of ten outside these bounds are decided without arithmetic: 10^309 > double.MaxValue,
        // and anything below 10^-324 is under half the smallest subnormal (4.9e-324), so it rounds to zero.
        private const int MaxLeadingPower = 308;
        private const int MinLeadingPower = -324;

        private const ulong TwoPow53 = 9007199254740992;
        private const ulong InfinityBits = 0x7FF0000000000000;
        private const ulong SignBit = 0x8000000000000000;

        // Powers of ten that are exact doubles (10^22 < 2^53 × 2^22): the fast path's operands.
        private static readonly double[] s_exactPowers = ExactPowers();

        // 10^r for r = 0..7, shifted so bit 63 is set (exact: 5^7 < 2^64).
        private static readonly ulong[] s_smallPowers = SmallPowers();

        // 10^q for q = -344, -336, ..., 304, rounded to nearest to 64 bits with bit 63 set; the binary exponent
        // is Log2Pow10(q) - 63. Generated with exact rational arithmetic; the host test NumberParserTableTests
        // checks every entry against BigInteger.
        private static readonly ulong[] s_cachedPowers = new ulong[]
        {
            0x98EE4A22ECF3188C, 0xE3E27A444D8D98B8, 0xA9C98D8CCB009506, 0xFD00B897478238D1, // 10^-344..10^-320
            0xBC807527ED3E12BD, 0x8C71DCD9BA0B4926, 0xD1476E2C07286FAA, 0x9BECCE62836AC577, // 10^-312..10^-288
            0xE858AD248F5C22CA, 0xAD1C8EAB5EE43B67, 0x80FA687F881C7F8E, 0xC0314325637A193A, // 10^-280..10^-256
            0x8F31CC0937AE58D3, 0xD5605FCDCF32E1D7, 0x9EFA548D26E5A6E2, 0xECE53CEC4A314EBE, // 10^-248..10^-224
            0xB080392CC4349DED, 0x8380DEA93DA4BC60, 0xC3F490AA77BD60FD, 0x91FF83775423CC06, // 10^-216..10^-192
            0xD98DDAEE19068C76, 0xA21727DB38CB0030, 0xF18899B1BC3F8CA2, 0xB3F4E093DB73A093, // 10^-184..10^-160
            0x8613FD0145877586, 0xC7CABA6E7C5382C9, 0x94DB483840B717F0, 0xDDD0467C64BCE4A1, // 10^-152..10^-128
            0xA54394FE1EEDB8FF, 0xF64335BCF065D37D, 0xB77ADA0617E3BBCB, 0x88B402F7FD75539B, // 10^-120..10^-96
            0xCBB41EF979346BCA, 0x97C560BA6B0919A6, 0xE2280B6C20DD5232, 0xA87FEA27A539E9A5, // 10^-88..10^-64
            0xFB158592BE068D2F, 0xBB127C53B17EC159, 0x8B61313BBABCE2C6, 0xCFB11EAD453994BA, // 10^-56..10^-32
            0x9ABE14CD44753B53, 0xE69594BEC44DE15B, 0xABCC77118461CEFD, 0x8000000000000000, // 10^-24..10^0
            0xBEBC200000000000, 0x8E1BC9BF04000000, 0xD3C21BCECCEDA100, 0x9DC5ADA82B70B59E, // 10^8..10^32
            0xEB194F8E1AE525FD, 0xAF298D050E4395D7, 0x82818F1281ED44A0, 0xC2781F49FFCFA6D5, // 10^40..10^64
            0x90E40FBEEA1D3A4B, 0xD7E77A8F87DAF7FC, 0xA0DC75F1778E39D6, 0xEFB3AB16C59B14A3, // 10^72..10^96
            0xB2977EE300C50FE7, 0x850FADC09923329E, 0xC646D63501A1511E, 0x93BA47C980E98CE0, // 10^104..10^128
            0xDC21A1171D42645D, 0xA402B9C5A8D3A6E7, 0xF46518C2EF5B8CD1, 0xB616A12B7FE617AA, // 10^136..10^160
            0x87AA9AFF79042287, 0xCA28A291859BBF93, 0x969EB7C47859E744, 0xE070F78D3927556B, // 10^168..10^192
            0xA738C6BEBB12D16D, 0xF92E0C3537826146, 0xB9A74A0637CE2EE1, 0x8A5296FFE33CC930, // 10^200..10^224
            0xCE1DE40642E3F4B9, 0x9991A6F3D6BF1766, 0xE4D5E82392A40515, 0xAA7EEBFB9DF9DE8E, // 10^232..10^256
            0xFE0EFB53D30DD4D8, 0xBD49D14AA79DBC82, 0x8D07E33455637EB3, 0xD226FC195C6A2F8C, // 10^264..10^288
            0x9C935E00D4B9D8D2, 0xE950DF20247C83FD, // 10^296..10^304
        };

        private const int CachedPowerMin = -344;

        /// <summary>Parses <paramref name="s"/>[<paramref name="offset"/>..+<paramref name="count"/>) as a JSON number, correctly rounded to the nearest double.</summary>
        /// <remarks>
        /// Exact for every input (round half to even, as IEEE 754 and .NET's double.Parse): numbers of up to
        /// 19 significant digits whose value is an exact product or quotient of two doubles take one floating-point
        /// operation; the others are approximated with 64-bit integer arithmetic (with 11 bits to spare), and
        /// when that lies too close to a halfway point to decide (under 1% of random inputs), an exact
        /// big-integer comparison with the halfway point decides (up to 800 significant digits, which covers
        /// every double midpoint; further digits only count as "non-zero"). That comparison uses two 400-byte
        /// scratch arrays allocated on its first use and then reused under a lock. "-0" gives negative zero;
        /// values below half the smallest subnormal give a signed zero (Ok), as double.Parse does.
        /// </remarks>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.Malformed"/> when the bytes are not a JSON number;
        /// <see cref="ErrorCode.OutOfRange"/> when the value rounds beyond double.MaxValue (JSON has no infinity).
        /// <paramref name="value"/> is 0 unless Ok.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="s"/>.</exception>
        public static int TryParseDouble(byte[] s, int offset, int count, out double value)
        {
            value = 0;
            BufferArgs.Check(s, offset, count, "s");
            bool negative;
            int intEnd, digitsEnd;
            long exponent;
            if (!Scan(s, offset, offset + count, out negative, out intEnd, out digitsEnd, out exponent)) return ErrorCode.Malformed;

            ulong sign = negative ? SignBit : 0;
            int first, last;
            if (!FindSignificant(s, negative ? offset + 1 : offset, intEnd, digitsEnd, out first, out last))
            {
                value = BitConverter.Int64BitsToDouble((long)sign);
                return ErrorCode.Ok;
            }

            long leading = Place(first, intEnd) + exponent;
            if (leading > MaxLeadingPower) return ErrorCode.OutOfRange;
            if (leading < MinLeadingPower)
            {
                value = BitConverter.Int64BitsToDouble((long)sign);
                return ErrorCode.Ok;
            }

            // The first 19 significant digits; more only matter to the exact comparison.
            ulong digits = 0;
            int taken = 0;
            for (int p = first; p <= last && taken < MaxUInt64Digits; p++)
            {
                if (p == intEnd) continue;
                digits = digits * 10 + (ulong)(s[p] - '0');
                taken++;
            }

            bool truncated = taken < CountDigits(first, last, intEnd);
            int scale = (int)leading - (taken - 1);        // value ≈ digits × 10^scale

            double fast;
            if (!truncated && TryExactProduct(digits, scale, out fast))
            {
                value = negative ? -fast : fast;
                return ErrorCode.Ok;
            }

            ulong bits = Approximate(digits, scale, truncated, s, first, last, intEnd, exponent);
            if (bits >= InfinityBits) return ErrorCode.OutOfRange;
            value = BitConverter.Int64BitsToDouble((long)(bits | sign));
            return ErrorCode.Ok;
        }

        /// <summary>
        /// Clinger's fast path: when digits and 10^|scale| are both exact doubles, one correctly rounded
        /// multiplication or division gives the correctly rounded result.
        /// </summary>
        private static bool TryExactProduct(ulong digits, int scale, out double result)
        {
            result = 0;
            if (digits > TwoPow53) return false;
            if (scale >= 0 && scale <= 22)
            {
                result = (long)digits * s_exactPowers[scale];
                return true;
            }

            if (scale < 0 && scale >= -22)
            {
                result = (long)digits / s_exactPowers[-scale];
                return true;
            }

            if (scale > 22 && scale <= 22 + 15)
            {
                // Move part of the power into the integer while it stays below 2^53 (e.g. 1e30 = 10^8 × 10^22).
                for (int i = 22; i < scale; i++)
                {
                    if (digits > TwoPow53 / 10) return false;
                    digits *= 10;
                }

                result = (long)digits * s_exactPowers[22];
                return true;
            }

            return false;
        }

        /// <summary>
        /// Rounds digits × 10^scale to a double's bits (unsigned; InfinityBits or more on overflow) with a 64-bit
        /// product, and asks the exact comparison when the product lies too close to a halfway point.
        /// </summary>
        /// <remarks>
        /// Error of x, relative: the two truncated products (below 2^-63 each) and the rounded table entry
        /// (2^-64) give under 2.5 × 2^-63, i.e. under 5 units of x's last bit since x &lt; 2^64. Digits cut
        /// after the 19th (digits ≥ 10^18) add under 10^-18 ≈ 2^-59.8, i.e. under 19 units. The margins 8 and
        /// 32 cover both; a distance to the halfway point of at least the margin cannot be crossed.
        /// </remarks>
        private static ulong Approximate(ulong digits, int scale, bool truncated, byte[] s, int first, int last, int intEnd, long exponent)
        {
            int shift = LeadingZeros(digits);
            ulong x = digits << shift;                     // value ≈ x × 2^binary × 10^scale
            int binary = -shift;

            int q = (scale >> 3) << 3;                     // floor to a multiple of 8
            int r = scale - q;
            if (r != 0)
            {
                x = MultiplyNormalized(x, s_smallPowers[r], ref binary);
                binary += Log2Pow10(r) - 63;
            }

            x = MultiplyNormalized(x, s_cachedPowers[(q - CachedPowerMin) >> 3], ref binary);
            binary += Log2Pow10(q) - 63;

            // value ≈ x × 2^binary with bit 63 of x set. Keep 53 bits, fewer for subnormals.
            int top = binary + 63;
            int dropped = top >= -1022 ? 11 : 11 + (-1022 - top);
            ulong mantissa;
            bool roundUp;
            if (dropped < 64)
            {
                ulong low = x & ((1UL << dropped) - 1);
                ulong half = 1UL << (dropped - 1);
                ulong distance = low > half ? low - half : half - low;
                ulong margin = truncated ? 32UL : 8UL;   // above the error bound of x, in units of its last bit
                mantissa = x >> dropped;
                roundUp = distance >= margin
                    ? low > half
                    : RoundsUp(s, first, last, intEnd, exponent, mantissa, binary + dropped - 1, low > half);
            }
            else
            {
                mantissa = 0;                               // below the smallest subnormal: 0 or 2^-1074
                roundUp = RoundsUp(s, first, last, intEnd, exponent, 0, binary + dropped - 1, false);
            }

            if (roundUp) mantissa++;

            // A carry out of the mantissa lands in the exponent field, which is exactly IEEE's rounding carry.
            return ((ulong)(binary + dropped + 1074) << 52) + mantissa;
        }

        /// <summary>The top 64 bits of a × b (both with bit 63 set), truncated; binary grows by the bits dropped.</summary>
        private static ulong MultiplyNormalized(ulong a, ulong b, ref int binary)
        {
            ulong a0 = a & 0xFFFFFFFF, a1 = a >> 32, b0 = b & 0xFFFFFFFF, b1 = b >> 32;
            ulong p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
            ulong middle = (p00 >> 32) + (p01 & 0xFFFFFFFF) + (p10 & 0xFFFFFFFF);
            ulong high = p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
            if ((high >> 63) != 0)
            {
                binary += 64;
                return high;
            }

            binary += 63;
            ulong low = (middle << 32) | (p00 & 0xFFFFFFFF);
            return (high << 1) | (low >> 63);
        }

        // The two tables above are computed, not array initializers (each initializer costs the device assembly its
        // data plus a hash-named field); every step is exact.
        private static double[] ExactPowers()
        {
            double[] powers = new double[23];
            double p = 1;
            for (int i = 0; i < powers.Length; i++)
            {
                powers[i] = p;
                p *= 10;    // exact up to 10^22: both factors and the product are exact doubles
            }

            return powers;
        }

        private static ulong[] SmallPowers()
        {
            ulong[] powers = NumberFormatter.Powers(10, 8);
            for (int r = 0; r < powers.Length; r++) powers[r] <<= LeadingZeros(powers[r]);
            return powers;
        }

        /// <summary>floor(log2(10^q)) for |q| ≤ 400 (checked against exact arithmetic by the host tests).</summary>
        private static int Log2Pow10(int q)
        {
            return (q * 217706) >> 16;
        }

        private static int LeadingZeros(ulong x)
        {
            int n = 0;
            if ((x >> 32) == 0) { n += 32; x <<= 32; }
            if ((x >> 48) == 0) { n += 16; x <<= 16; }
            if ((x >> 56) == 0) { n += 8; x <<= 8; }
            if ((x >> 60) == 0) { n += 4; x <<= 4; }
            if ((x >> 62) == 0) { n += 2; x <<= 2; }
            if ((x >> 63) == 0) n += 1;
            return n;
        }
    }
}
