using System;
using LinkKit.Nano.Internal;

namespace LinkKit.Nano.Text
{
    /// <summary>
    /// Parses JSON numbers from UTF-8 bytes in place, without allocating. The whole slice must match the
    /// RFC 8259 §6 grammar <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c> and nothing else: no leading
    /// '+', no leading zeros ("01"), no bare fraction (".5", "5."), no surrounding whitespace, no NaN/Infinity.
    /// </summary>
    /// <remarks>
    /// Integer targets accept any spelling of an exact integer: "1.0", "1e2" and "-0.0" give 1, 100 and 0;
    /// a value with a non-zero fraction ("1.5") or beyond the type's range gives <see cref="ErrorCode.OutOfRange"/>.
    /// Doubles are correctly rounded (round half to even) for every input: see <see cref="TryParseDouble"/>.
    /// </remarks>
    public static partial class NumberParser
    {
        // Exponent digits past this bound cannot change the outcome (the value is already far outside every
        // range); clamping keeps the arithmetic exact for any input length.
        private const long ExponentClamp = 1000000000;

        // 10^19 - 1 < 2^64: the most decimal digits one ulong holds.
        private const int MaxUInt64Digits = 19;

        /// <summary>Parses <paramref name="s"/>[<paramref name="offset"/>..+<paramref name="count"/>) as a JSON number that is an exact Int32.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.Malformed"/> when the bytes are not a JSON number;
        /// <see cref="ErrorCode.OutOfRange"/> when the number is not an integer or does not fit. <paramref name="value"/> is 0 unless Ok.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="s"/>.</exception>
        public static int TryParseInt32(byte[] s, int offset, int count, out int value)
        {
            long wide;
            int rc = ParseInteger(s, offset, count, int.MinValue, int.MaxValue, out wide);
            value = (int)wide;
            return rc;
        }

        /// <summary>Parses <paramref name="s"/>[<paramref name="offset"/>..+<paramref name="count"/>) as a JSON number that is an exact Int64.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.Malformed"/> when the bytes are not a JSON number;
        /// <see cref="ErrorCode.OutOfRange"/> when the number is not an integer or does not fit. <paramref name="value"/> is 0 unless Ok.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="s"/>.</exception>
        public static int TryParseInt64(byte[] s, int offset, int count, out long value)
        {
            return ParseInteger(s, offset, count, long.MinValue, long.MaxValue, out value);
        }

        /// <summary>True when the slice is exactly one JSON number (the reader uses it to validate a number token).</summary>
        internal static bool IsValid(byte[] s, int offset, int count)
        {
            bool negative;
            int intEnd, digitsEnd;
            long exponent;
            return Scan(s, offset, offset + count, out negative, out intEnd, out digitsEnd, out exponent);
        }

        private static int ParseInteger(byte[] s, int offset, int count, long min, long max, out long value)
        {
            value = 0;
            BufferArgs.Check(s, offset, count, "s");
            bool negative;
            int intEnd, digitsEnd;
            long exponent;
            if (!Scan(s, offset, offset + count, out negative, out intEnd, out digitsEnd, out exponent)) return ErrorCode.Malformed;

            int first, last;
            if (!FindSignificant(s, negative ? offset + 1 : offset, intEnd, digitsEnd, out first, out last)) return ErrorCode.Ok; // zero

            long scale = Place(last, intEnd) + exponent;   // the value is digits[first..last] × 10^scale
            if (scale < 0) return ErrorCode.OutOfRange;    // a non-zero fraction
            if (CountDigits(first, last, intEnd) + scale > MaxUInt64Digits) return ErrorCode.OutOfRange;

            ulong magnitude = 0;                            // < 10^19: cannot wrap
            for (int p = first; p <= last; p++)
            {
                if (p != intEnd) magnitude = magnitude * 10 + (ulong)(s[p] - '0');
            }

            for (long i = 0; i < scale; i++) magnitude *= 10;

            ulong limit = negative ? (ulong)(-(min + 1)) + 1 : (ulong)max;
            if (magnitude > limit) return ErrorCode.OutOfRange;
            value = negative ? (long)(0 - magnitude) : (long)magnitude;
            return ErrorCode.Ok;
        }

        /// <summary>
        /// Matches the whole of s[start..end) against the number grammar. On success: the mantissa's digits
        /// are s[start or start+1 .. digitsEnd) with the '.' (if any) at intEnd; exponent is clamped.
        /// </summary>
        private static bool Scan(byte[] s, int start, int end, out bool negative, out int intEnd, out int digitsEnd, out long exponent)
        {
            negative = false;
            intEnd = start;
            digitsEnd = start;
            exponent = 0;
            int p = start;
            if (p < end && s[p] == '-')
            {
                negative = true;
                p++;
            }

            if (p == end) return false;
            byte b = s[p];
            if (b == '0')
            {
                p++;
            }
            else if (b >= '1' && b <= '9')
            {
                p++;
                while (p < end && IsDigit(s[p])) p++;
            }
            else
            {
                return false;
            }

            intEnd = p;
            digitsEnd = p;
            if (p < end && s[p] == '.')
            {
                p++;
                int fractionStart = p;
                while (p < end && IsDigit(s[p])) p++;
                if (p == fractionStart) return false;
                digitsEnd = p;
            }

            if (p < end && (s[p] | 0x20) == 'e')
            {
                p++;
                bool negativeExponent = false;
                if (p < end && (s[p] == '+' || s[p] == '-'))
                {
                    negativeExponent = s[p] == '-';
                    p++;
                }

                int exponentStart = p;
                long e = 0;
                while (p < end && IsDigit(s[p]))
                {
                    if (e < ExponentClamp) e = e * 10 + (s[p] - '0');
                    p++;
                }

                if (p == exponentStart) return false;
                exponent = negativeExponent ? -e : e;
            }

            return p == end;
        }

        /// <summary>Finds the first and last non-zero mantissa digits; false when the mantissa is zero.</summary>
        private static bool FindSignificant(byte[] s, int digitsStart, int intEnd, int digitsEnd, out int first, out int last)
        {
            first = -1;
            last = -1;
            for (int p = digitsStart; p < digitsEnd; p++)
            {
                if (p != intEnd && s[p] != '0')
                {
                    first = p;
                    break;
                }
            }

            if (first < 0) return false;
            for (int p = digitsEnd - 1; ; p--)
            {
                if (p != intEnd && s[p] != '0')
                {
                    last = p;
                    return true;
                }
            }
        }

        /// <summary>The power of ten of the mantissa digit at p ('.' sits at intEnd when there is a fraction).</summary>
        private static long Place(int p, int intEnd)
        {
            return p < intEnd ? intEnd - 1 - p : intEnd - p;
        }

        private static int CountDigits(int first, int last, int intEnd)
        {
            return last - first + 1 - (first < intEnd && last > intEnd ? 1 : 0);
        }

        private static bool IsDigit(byte b)
        {
            return b >= '0' && b <= '9';
        }

    }
}
