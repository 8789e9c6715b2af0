using System;
using LinkKit.Nano.Internal;

namespace LinkKit.Nano.Text
{
    public static partial class NumberFormatter
    {
        private const ulong DoubleMantissaMask = 0xFFFFFFFFFFFFFUL; // 52 bits
        private const int DoubleExponentAll = 0x7FF;                 // NaN and the infinities

        /// <summary>Writes the shortest decimal that reads back (double.Parse) as exactly <paramref name="value"/>.</summary>
        /// <remarks>
        /// The output always has a decimal point (the platform wants a decimal digit in every float value), so a JSON
        /// reader never takes it for an integer: 12 → "12.0", 23.5 → "23.5", 0.1 → "0.1", -0.0 → "-0.0", 0.000001 →
        /// "0.000001". With the value written as d.ddd × 10^n, plain notation is used for -7 &lt; n &lt; 21 (as
        /// ECMAScript's Number.prototype.toString), else exponent notation with a signed exponent and no padding, one
        /// digit being written "d.0": 1e-7 → "1.0e-7", 1.5e21 → "1.5e+21", double.MaxValue → "1.7976931348623157e+308". Of several shortest candidates the closest to the value is
        /// written. At most 25 bytes.
        /// </remarks>
        /// <returns>
        /// The bytes written; <see cref="ErrorCode.NotFinite"/> for NaN or an infinity (JSON has no form for them);
        /// <see cref="ErrorCode.BufferTooSmall"/>. Nothing is written on failure.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="destination"/>.</exception>
        public static int WriteDouble(double value, byte[] destination, int offset, int count)
        {
            return WriteShortest(value, false, destination, offset, count);
        }

        /// <summary>Writes the shortest decimal that reads back (float.Parse) as exactly <paramref name="value"/>.</summary>
        /// <remarks>
        /// The format of <see cref="WriteDouble"/>, with the float's own precision: 3.3f → "3.3" (not the
        /// "3.299999952316284" its double widening would give), float.MaxValue → "3.4028235e+38". At most 25 bytes.
        /// </remarks>
        /// <returns>
        /// The bytes written; <see cref="ErrorCode.NotFinite"/> for NaN or an infinity;
        /// <see cref="ErrorCode.BufferTooSmall"/>. Nothing is written on failure.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="destination"/>.</exception>
        public static int WriteSingle(float value, byte[] destination, int offset, int count)
        {
            // nanoFramework's BitConverter has no SingleToInt32Bits; widening to double is exact, and the float's
            // fields are read back from the double's.
            return WriteShortest(value, true, destination, offset, count);
        }

        /// <summary>The body of <see cref="WriteDouble"/> and <see cref="WriteSingle"/>: a float arrives widened to double.</summary>
        private static int WriteShortest(double value, bool isSingle, byte[] destination, int offset, int count)
        {
            BufferArgs.Check(destination, offset, count, "destination");
            long bits = BitConverter.DoubleToInt64Bits(value);
            int exponent = (int)(bits >> 52) & DoubleExponentAll;
            ulong mantissa = (ulong)bits & DoubleMantissaMask;
            if (exponent == DoubleExponentAll)
            {
                return ErrorCode.NotFinite;
            }

            ulong digits = 0;
            int exponent10 = 0;
            if (exponent != 0 || mantissa != 0)
            {
                digits = isSingle
                    ? ShortestSingle(exponent, mantissa, out exponent10)
                    : ShortestDecimal.Compute(mantissa, exponent, 52, 1023, out exponent10);
            }

            return WriteDecimal(bits < 0, digits, exponent10, destination, offset, count);
        }

        /// <summary>The shortest digits of a non-zero float, from the fields of its (exact) double widening.</summary>
        private static ulong ShortestSingle(int exponent, ulong mantissa, out int exponent10)
        {
            int floatExponent = exponent - 1023 + 127;
            ulong floatMantissa;
            if (floatExponent > 0)
            {
                floatMantissa = mantissa >> 29; // a normal float keeps 23 of the 52 bits
            }
            else
            {
                // A float subnormal m × 2^-149 is a normal double: shift the hidden bit back into m.
                floatMantissa = ((1UL << 52) | mantissa) >> (30 - floatExponent);
                floatExponent = 0;
            }

            return ShortestDecimal.Compute(floatMantissa, floatExponent, 23, 127, out exponent10);
        }

        /// <summary>Writes (-)digits × 10^exponent10 in the format described at <see cref="WriteDouble"/>.</summary>
        private static int WriteDecimal(bool negative, ulong digits, int exponent10, byte[] destination, int offset, int count)
        {
            int n = CountDigits(digits);
            int e = exponent10 + n - 1; // the value is d.ddd × 10^e
            bool scientific = e <= -7 || e >= 21;
            int magnitude = e < 0 ? -e : e;
            int length;
            if (scientific)
            {
                // d.d[dd] e sign exponent-digits: one digit gets ".0", as the platform wants a point in every float
                length = (n > 1 ? n + 1 : 3) + 2 + (magnitude < 10 ? 1 : magnitude < 100 ? 2 : 3);
            }
            else if (e >= n - 1)
            {
                length = e + 1 + 2; // integer digits (trailing zeros included) and ".0"
            }
            else if (e >= 0)
            {
                length = n + 1; // digits with the point inside
            }
            else
            {
                length = 2 + (-e - 1) + n; // "0." then zeros then digits
            }

            if (negative)
            {
                length++;
            }

            if (length > count)
            {
                return ErrorCode.BufferTooSmall;
            }

            int p = offset;
            if (negative)
            {
                destination[p++] = (byte)'-';
            }

            if (scientific)
            {
                destination[p] = (byte)('0' + (int)(digits / s_powersOf10[n - 1]));
                p++;
                destination[p++] = (byte)'.';
                if (n > 1)
                {
                    WriteDigits(digits, n - 1, destination, p + n - 1);
                    p += n - 1;
                }
                else
                {
                    destination[p++] = (byte)'0';
                }

                destination[p++] = (byte)'e';
                destination[p++] = (byte)(e < 0 ? '-' : '+');
                int exponentDigits = magnitude < 10 ? 1 : magnitude < 100 ? 2 : 3;
                WriteDigits((ulong)magnitude, exponentDigits, destination, p + exponentDigits);
            }
            else if (e >= n - 1)
            {
                WriteDigits(digits, n, destination, p + n);
                p += n;
                for (int zeros = e - (n - 1); zeros > 0; zeros--)
                {
                    destination[p++] = (byte)'0';
                }

                destination[p] = (byte)'.';
                destination[p + 1] = (byte)'0';
            }
            else if (e >= 0)
            {
                ulong scale = s_powersOf10[n - 1 - e];
                ulong integerPart = digits / scale;
                WriteDigits(integerPart, e + 1, destination, p + e + 1);
                p += e + 1;
                destination[p++] = (byte)'.';
                WriteDigits(digits - integerPart * scale, n - 1 - e, destination, p + n - 1 - e);
            }
            else
            {
                destination[p++] = (byte)'0';
                destination[p++] = (byte)'.';
                for (int zeros = -e - 1; zeros > 0; zeros--)
                {
                    destination[p++] = (byte)'0';
                }

                WriteDigits(digits, n, destination, p + n);
            }

            return length;
        }
    }
}
