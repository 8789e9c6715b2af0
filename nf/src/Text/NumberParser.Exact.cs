namespace LinkKit.Nano.Text
{
    public static partial class NumberParser
    {
        // A binary64 halfway point has at most 767 significant decimal digits, so digits past the 800th can
        // only tip a tie, never move the comparison across a midpoint: they count as one "non-zero" flag.
        private const int MaxExactDigits = 800;

        // Limbs of 32 bits. Both sides of the comparison are nearly equal and at most
        // max(800 digits, (2^54) × 5^1123) ≈ 2,670 bits long; 100 limbs leave room, and an operation that
        // would need more gives up (the 64-bit rounding stands) instead of writing past the end.
        private const int BigCapacity = 100;

        private const uint Pow5To13 = 1220703125;           // the largest power of five below 2^32

        private static readonly object s_bigLock = new object();
        private static uint[] s_left;                       // allocated on first use (rare inputs), then reused
        private static uint[] s_right;

        /// <summary>
        /// Decides the rounding exactly: true when the decimal value of the digits s[first..last] × 10^exponent
        /// exceeds the halfway point (2 × mantissa + 1) × 2^halfExponent, or equals it with an odd mantissa.
        /// Returns <paramref name="approximate"/> in the (unreachable) case the numbers outgrow the scratch.
        /// </summary>
        private static bool RoundsUp(byte[] s, int first, int last, int intEnd, long exponent, ulong mantissa, int halfExponent, bool approximate)
        {
            lock (s_bigLock)
            {
                if (s_left == null)
                {
                    s_left = new uint[BigCapacity];
                    s_right = new uint[BigCapacity];
                }

                uint[] a = s_left;
                uint[] b = s_right;
                int aLength = 0;
                int loaded = 0;
                int lastLoaded = first;
                uint chunk = 0;
                uint chunkScale = 1;
                for (int p = first; p <= last && loaded < MaxExactDigits; p++)
                {
                    if (p == intEnd) continue;
                    chunk = chunk * 10 + (uint)(s[p] - '0');
                    chunkScale *= 10;
                    loaded++;
                    lastLoaded = p;
                    if (chunkScale == 1000000000)
                    {
                        aLength = MultiplyAdd(a, aLength, chunkScale, chunk);
                        chunk = 0;
                        chunkScale = 1;
                    }
                }

                if (chunkScale != 1) aLength = MultiplyAdd(a, aLength, chunkScale, chunk);
                bool sticky = loaded < CountDigits(first, last, intEnd);

                b[0] = (uint)(2 * mantissa + 1);
                b[1] = (uint)((2 * mantissa + 1) >> 32);
                int bLength = b[1] != 0 ? 2 : 1;

                // digits × 5^scale × 2^scale against (2m + 1) × 2^halfExponent: fives to one side, twos to the other.
                long scale = Place(lastLoaded, intEnd) + exponent;
                if (scale >= 0) aLength = MultiplyPow5(a, aLength, scale);
                else bLength = MultiplyPow5(b, bLength, -scale);
                long twos = scale - halfExponent;
                if (twos >= 0) aLength = ShiftLeft(a, aLength, twos);
                else bLength = ShiftLeft(b, bLength, -twos);
                if (aLength < 0 || bLength < 0) return approximate;

                int order = Compare(a, aLength, b, bLength);
                if (order == 0 && sticky) order = 1;
                return order > 0 || (order == 0 && (mantissa & 1) != 0);
            }
        }

        /// <summary>limbs = limbs × factor + add; the new length, or -1 when it does not fit (or length is already -1).</summary>
        private static int MultiplyAdd(uint[] limbs, int length, uint factor, uint add)
        {
            if (length < 0) return -1;
            ulong carry = add;
            for (int i = 0; i < length; i++)
            {
                ulong t = (ulong)limbs[i] * factor + carry;
                limbs[i] = (uint)t;
                carry = t >> 32;
            }

            if (carry == 0) return length;
            if (length == limbs.Length) return -1;
            limbs[length] = (uint)carry;
            return length + 1;
        }

        private static int MultiplyPow5(uint[] limbs, int length, long n)
        {
            for (; n >= 13 && length >= 0; n -= 13) length = MultiplyAdd(limbs, length, Pow5To13, 0);
            uint rest = 1;
            for (; n > 0; n--) rest *= 5;
            return MultiplyAdd(limbs, length, rest, 0);
        }

        /// <summary>limbs = limbs × 2^n; the new length (top limb non-zero), or -1 when it does not fit.</summary>
        private static int ShiftLeft(uint[] limbs, int length, long n)
        {
            if (length <= 0 || n == 0) return length;
            if (n >= (long)limbs.Length * 32) return -1;
            int words = (int)(n >> 5);
            int bits = (int)(n & 31);
            int newLength = length + words + (bits != 0 ? 1 : 0);
            if (newLength > limbs.Length) return -1;
            if (bits == 0)
            {
                for (int i = length - 1; i >= 0; i--) limbs[i + words] = limbs[i];
            }
            else
            {
                limbs[length + words] = limbs[length - 1] >> (32 - bits);
                for (int i = length - 1; i > 0; i--) limbs[i + words] = (limbs[i] << bits) | (limbs[i - 1] >> (32 - bits));
                limbs[words] = limbs[0] << bits;
            }

            for (int i = 0; i < words; i++) limbs[i] = 0;
            while (newLength > 0 && limbs[newLength - 1] == 0) newLength--;
            return newLength;
        }

        private static int Compare(uint[] a, int aLength, uint[] b, int bLength)
        {
            if (aLength != bLength) return aLength > bLength ? 1 : -1;
            for (int i = aLength - 1; i >= 0; i--)
            {
                if (a[i] != b[i]) return a[i] > b[i] ? 1 : -1;
            }

            return 0;
        }
    }
}
