namespace LinkKit.Nano.Text
{
    /// <summary>
    /// Exact 125-bit multipliers for <see cref="ShortestDecimal"/>, and the 64/128-bit arithmetic they need.
    /// </summary>
    /// <remarks>
    /// Get(i) is floor(5^i / 2^(Pow5Bits(i) - 125)), the top 125 bits of 5^i; GetInverse(q) is
    /// floor(2^(Pow5Bits(q) - 1 + 125) / 5^q) + 1. A full table for doubles (326 + 291 entries of 16 bytes) would take
    /// about 10 KB of device heap, so one exact entry in 26 is kept and the rest rebuilt as base × 5^b, shifted, plus a
    /// 2-bit correction from a packed table. tools/gen-pow5-tables.py made the numbers; the host test
    /// Pow5MultiplierTests checks every rebuilt value against BigInteger.
    /// </remarks>
    internal static class Pow5
    {
        /// <summary>Precision of the multipliers, in bits.</summary>
        internal const int Bits = 125;

        private const int Step = 26; // 5^25 < 2^63, so one 64-bit factor bridges two bases

        // tools/gen-pow5-tables.py's s_pow5Base (13 pairs) followed by its s_pow5InvBase (13 pairs), and below its two
        // correction tables one after the other: one array each instead of two saves the device assembly a field, its
        // initializer and a hash-named data field per array.
        private const int InverseBase = 26;          // where the inverse bases start in s_pow5Bases
        private const int InverseCorrection = 21;    // where the inverse corrections start in s_pow5Corrections

        private static readonly ulong[] s_pow5Bases = new ulong[]
        {
            0x0000000000000000UL, 0x1000000000000000UL,
            0x0000000000000000UL, 0x14ADF4B7320334B9UL,
            0x0E549208B31ADB10UL, 0x1ABA4714957D300DUL,
            0x6DC6AD264D8F0866UL, 0x1145B7E285BF98F5UL,
            0xEB1DBD923D8596CAUL, 0x1652EFDC6018A1FCUL,
            0xB4C1B80B22AE923CUL, 0x1CDA62055B2D9D83UL,
            0x5BB28B4E8F7E4C30UL, 0x12A5568B9F52F416UL,
            0xF08AED437682D4FBUL, 0x1819651531F9E78FUL,
            0xB4EE134AD99BF150UL, 0x1F25C186A6F04C28UL,
            0x16499ECB70C25F03UL, 0x1420EB449C8842E6UL,
            0x85A56EAD360865B0UL, 0x1A03FDE214CAF085UL,
            0x093DB1D57999890BUL, 0x10CFEB353A97DAD8UL,
            0xCF38BB735E3F36ACUL, 0x15BAAF44FA52673EUL,
            0x0000000000000000UL, 0x2000000000000000UL,
            0x52A6C95FC0655033UL, 0x18C240C4AECB13BBUL,
            0x7CA8D50071DFC805UL, 0x1327FC58DA0F6FF5UL,
            0x6520247D3556476DUL, 0x1DA48CE468E7C702UL,
            0x6139CDD76802E6E8UL, 0x16EF5B40C2FC7779UL,
            0xF951A7FF43DE8C78UL, 0x11BEBDF578B2F391UL,
            0x7BE8BEE8D6E957E7UL, 0x1B758D848FAC54B0UL,
            0x8BD3F9E999A423E9UL, 0x153EDA614071A3B7UL,
            0x0848F973CB3EE3CDUL, 0x10701BD527B4978CUL,
            0x153285EBB9EFBFA1UL, 0x196FBB9BB44DB44DUL,
            0xADEEE7F86C07B695UL, 0x13AE3591F5B4D936UL,
            0x4D686A4EAF182221UL, 0x1E74404F3DAADA91UL,
            0x98C0A106E09EBD9EUL, 0x17900EA4FDA7C257UL
        };

        private static readonly uint[] s_pow5Corrections = new uint[]
        {
            0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x40000000u, 0x59695995u,
            0x55545555u, 0x56555515u, 0x41150504u, 0x40555410u, 0x44555145u, 0x44504540u,
            0x45555550u, 0x40004000u, 0x96440440u, 0x55565565u, 0x54454045u, 0x40154151u,
            0x55559155u, 0x51405555u, 0x00000105u,
            0xA9A99AA9u, 0x595AAA9Au, 0x65596555u, 0x55955969u, 0x95565555u, 0x966AAAAAu,
            0x555559A9u, 0x55565599u, 0x95555555u, 0x99555596u, 0xA59A99A5u, 0xAAAA55A9u,
            0xA6BAAAA9u, 0x95559555u, 0x56555556u, 0x55565A55u, 0xA6A6A966u, 0x5AAAAAA9u,
            0x00000015u
        };

        private static readonly ulong[] s_pow5Small = NumberFormatter.Powers(5, Step);   // 5^0 .. 5^25

        /// <summary>Bit length of 5^e (1 for e = 0), for 0 &lt;= e &lt;= 3528.</summary>
        internal static int Pow5Bits(int e)
        {
            return (int)(((uint)e * 1217359) >> 19) + 1; // 1217359 / 2^19 ~ log2(5)
        }

        /// <summary>floor(log10(2^e)), for 0 &lt;= e &lt;= 1650.</summary>
        internal static int Log10Pow2(int e)
        {
            return (int)(((uint)e * 78913) >> 18); // 78913 / 2^18 ~ log10(2)
        }

        /// <summary>floor(log10(5^e)), for 0 &lt;= e &lt;= 2620.</summary>
        internal static int Log10Pow5(int e)
        {
            return (int)(((uint)e * 732923) >> 20); // 732923 / 2^20 ~ log10(5)
        }

        /// <summary>The top 125 bits of 5^i (0 &lt;= i &lt;= 325), as low and high 64-bit halves.</summary>
        internal static void Get(int i, out ulong low, out ulong high)
        {
            int a = i / Step;
            int b = i - a * Step;
            Rebuild(2 * a, b, Pow5Bits(i) - Pow5Bits(a * Step), Correction(i), out low, out high);
        }

        /// <summary>floor(2^(Pow5Bits(q) - 1 + 125) / 5^q) + 1 (0 &lt;= q &lt;= 290), as low and high 64-bit halves.</summary>
        internal static void GetInverse(int q, out ulong low, out ulong high)
        {
            int a = (q + Step - 1) / Step;
            int b = a * Step - q;
            Rebuild(InverseBase + 2 * a, b, Pow5Bits(a * Step) - Pow5Bits(q), Correction(InverseCorrection * 16 + q), out low, out high);
        }

        /// <summary>floor(x × (high·2^64 + low) / 2^shift) for 64 &lt; shift &lt; 128, when the result fits 64 bits.</summary>
        internal static ulong MultiplyShift(ulong x, ulong low, ulong high, int shift)
        {
            ulong b0High;
            Multiply(x, low, out b0High);
            ulong b2High;
            ulong b2Low = Multiply(x, high, out b2High);

            // (x × high) + floor(x × low / 2^64): the product without its lowest 64 bits, which the shift drops anyway.
            ulong sumLow = b2Low + b0High;
            ulong sumHigh = b2High + (sumLow < b2Low ? 1UL : 0UL);
            int s = shift - 64;
            return (sumLow >> s) | (sumHigh << (64 - s));
        }

        /// <summary>The full 128-bit product a × b; returns the low half.</summary>
        internal static ulong Multiply(ulong a, ulong b, out ulong high)
        {
            ulong aLow = a & 0xFFFFFFFFUL;
            ulong aHigh = a >> 32;
            ulong bLow = b & 0xFFFFFFFFUL;
            ulong bHigh = b >> 32;
            ulong lowLow = aLow * bLow;
            ulong highLow = aHigh * bLow;
            ulong lowHigh = aLow * bHigh;
            ulong highHigh = aHigh * bHigh;

            // Sum of the middle column: three terms below 2^32 each, so no overflow.
            ulong middle = (lowLow >> 32) + (highLow & 0xFFFFFFFFUL) + (lowHigh & 0xFFFFFFFFUL);
            high = highHigh + (highLow >> 32) + (lowHigh >> 32) + (middle >> 32);
            return (middle << 32) | (lowLow & 0xFFFFFFFFUL);
        }

        // (base × 5^b) >> shift + correction, the base at s_pow5Bases[at], with the 192-bit product kept in three words.
        private static void Rebuild(int at, int b, int shift, int correction, out ulong low, out ulong high)
        {
            ulong factor = s_pow5Small[b];
            ulong p0High;
            ulong w0 = Multiply(s_pow5Bases[at], factor, out p0High);
            ulong w2;
            ulong p2Low = Multiply(s_pow5Bases[at + 1], factor, out w2);
            ulong w1 = p0High + p2Low;
            if (w1 < p0High)
            {
                w2++;
            }

            // 0 <= shift < 64 (5^b has at most 59 bits); the result has at most 126 bits.
            if (shift == 0)
            {
                low = w0;
                high = w1;
            }
            else
            {
                low = (w0 >> shift) | (w1 << (64 - shift));
                high = (w1 >> shift) | (w2 << (64 - shift));
            }

            ulong before = low;
            low += (ulong)correction;
            if (low < before)
            {
                high++;
            }
        }

        private static int Correction(int index)
        {
            return (int)(s_pow5Corrections[index >> 4] >> ((index & 15) * 2)) & 3;
        }
    }
}
