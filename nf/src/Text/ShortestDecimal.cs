namespace LinkKit.Nano.Text
{
    /// <summary>
    /// The shortest decimal that reads back as the same binary floating-point value, found with integer
    /// arithmetic only (nanoFramework has no System.Math and its double.ToString allocates).
    /// </summary>
    /// <remarks>
    /// The method is Ryu (Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018): take the interval of reals
    /// that round to the value, scale its ends and the value by 2^e2 / 10^e10 with exact 125-bit multipliers, then drop
    /// decimal digits while the interval still holds a shorter candidate. Of the shortest candidates it returns the one
    /// closest to the value (ties to even), so a correct parser (.NET's double.Parse/float.Parse) gives the value back.
    /// One routine serves double and float: a float is given with its own mantissa width and bias, so its wider
    /// rounding interval is used; its exponent range lies inside the double's, where the multipliers are exact.
    /// </remarks>
    internal static class ShortestDecimal
    {
        /// <summary>
        /// Shortest digits of the finite, non-zero value with IEEE fields <paramref name="ieeeMantissa"/> (without the
        /// hidden bit) and <paramref name="ieeeExponent"/> (biased), in a format of <paramref name="mantissaBits"/>
        /// explicit mantissa bits and the given exponent bias. The value is digits × 10^exponent10.
        /// </summary>
        internal static ulong Compute(ulong ieeeMantissa, int ieeeExponent, int mantissaBits, int exponentBias, out int exponent10)
        {
            // value = m2 × 2^(e2 + 2): e2 carries -2 so the interval ends (quarter steps) are integers below.
            int e2;
            ulong m2;
            if (ieeeExponent == 0)
            {
                e2 = 1 - exponentBias - mantissaBits - 2;
                m2 = ieeeMantissa;
            }
            else
            {
                e2 = ieeeExponent - exponentBias - mantissaBits - 2;
                m2 = (1UL << mantissaBits) | ieeeMantissa;
            }

            // Round-half-even parsing maps an interval end back to this value only when m2 is even.
            bool acceptBounds = (m2 & 1) == 0;

            // The value and the midpoints to its neighbours, in units of 2^e2. Below a power of two the lower
            // neighbour is twice as close, so its midpoint is one unit away instead of two.
            ulong mv = 4 * m2;
            ulong mp = mv + 2;
            ulong mm = (ieeeMantissa != 0 || ieeeExponent <= 1) ? mv - 2 : mv - 1;

            // Scale by 2^e2 / 10^e10, choosing e10 one digit finer than the interval width needs, so at least one digit
            // is always dropped below and the rounding digit is known (except where the scaled values are exact).
            ulong vr, vp, vm;
            bool vrIsExact = false;
            bool vpIsExact = false;
            bool vmIsExact = false;
            ulong low, high;
            if (e2 >= 0)
            {
                int q = Pow5.Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
                exponent10 = q;
                int shift = -e2 + q + Pow5.Bits + Pow5.Pow5Bits(q) - 1;
                Pow5.GetInverse(q, out low, out high);
                vr = Pow5.MultiplyShift(mv, low, high, shift);
                vp = Pow5.MultiplyShift(mp, low, high, shift);
                vm = Pow5.MultiplyShift(mm, low, high, shift);

                // x × 2^(e2-q) / 5^q is an integer exactly when 5^q divides x; 5^24 exceeds every mp (< 2^55 + 3).
                if (q < 24)
                {
                    vrIsExact = IsMultipleOfPow5(mv, q);
                    vpIsExact = IsMultipleOfPow5(mp, q);
                    vmIsExact = IsMultipleOfPow5(mm, q);
                }
            }
            else
            {
                int q = Pow5.Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
                exponent10 = q + e2;
                int i = -e2 - q;
                int shift = q - (Pow5.Pow5Bits(i) - Pow5.Bits);
                Pow5.Get(i, out low, out high);
                vr = Pow5.MultiplyShift(mv, low, high, shift);
                vp = Pow5.MultiplyShift(mp, low, high, shift);
                vm = Pow5.MultiplyShift(mm, low, high, shift);

                // x × 5^i / 2^q is an integer exactly when 2^q divides x; no x < 2^56 has 64 trailing zeros.
                if (q < 64)
                {
                    ulong mask = (1UL << q) - 1;
                    vrIsExact = (mv & mask) == 0;
                    vpIsExact = (mp & mask) == 0;
                    vmIsExact = (mm & mask) == 0;
                }
            }

            // An excluded upper end that is exactly representable must not be reached; an excluded lower end is
            // handled at the end (vm itself is then never a candidate).
            if (vpIsExact && !acceptBounds)
            {
                vp--;
            }

            bool vmIsCandidate = vmIsExact && acceptBounds; // vm, with every dropped digit zero, lies in the interval
            bool vrDroppedZeros = vrIsExact;                 // every digit dropped from vr so far was zero
            int lastDropped = 0;
            int dropped = 0;
            while (vp / 10 > vm / 10)
            {
                vmIsCandidate &= vm % 10 == 0;
                vrDroppedZeros &= lastDropped == 0;
                lastDropped = (int)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                dropped++;
            }

            if (vmIsCandidate)
            {
                // The lower end itself is allowed: keep shortening while it ends in zeros.
                while (vm % 10 == 0)
                {
                    vrDroppedZeros &= lastDropped == 0;
                    lastDropped = (int)(vr % 10);
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    dropped++;
                }
            }

            if (vrDroppedZeros && lastDropped == 5 && (vr & 1) == 0)
            {
                lastDropped = 4; // an exact tie: round half to even
            }

            exponent10 += dropped;
            bool roundUp = (vr == vm && !vmIsCandidate) || lastDropped >= 5;
            return roundUp ? vr + 1 : vr;
        }

        private static bool IsMultipleOfPow5(ulong value, int q)
        {
            for (int count = 0; count < q; count++)
            {
                if (value % 5 != 0)
                {
                    return false;
                }

                value /= 5;
            }

            return true;
        }
    }
}
