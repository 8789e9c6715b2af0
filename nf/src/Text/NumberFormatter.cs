using LinkKit.Nano.Internal;

namespace LinkKit.Nano.Text
{
    /// <summary>
    /// Formats numbers as ASCII/UTF-8 into a caller's buffer, allocation-free (nanoFramework's ToString allocates
    /// and its double.ToString is not round-trip exact).
    /// </summary>
    /// <remarks>
    /// Every method counts the output length first and writes only if it fits: it returns the bytes written, or a
    /// negative <see cref="ErrorCode"/> with destination untouched. Integers are plain decimal ("-2147483648");
    /// doubles and floats are described at <see cref="WriteDouble"/>.
    /// </remarks>
    public static partial class NumberFormatter
    {
        /// <summary>10^0 .. 10^19: every power of ten a ulong holds.</summary>
        private static readonly ulong[] s_powersOf10 = Powers(10, 20);

        /// <summary>Writes <paramref name="value"/> in decimal, e.g. "-40".</summary>
        /// <returns>The bytes written (at most 11); <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="destination"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="destination"/>.</exception>
        public static int WriteInt32(int value, byte[] destination, int offset, int count)
        {
            return WriteInt64(value, destination, offset, count);
        }

        /// <summary>Writes <paramref name="value"/> in decimal, e.g. "-9223372036854775808".</summary>
        /// <returns>The bytes written (at most 20); <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="destination"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="destination"/>.</exception>
        public static int WriteInt64(long value, byte[] destination, int offset, int count)
        {
            BufferArgs.Check(destination, offset, count, "destination");

            // 0 - (ulong)value is the magnitude even for long.MinValue, whose negation does not fit a long.
            return value < 0
                ? WriteInteger(true, 0UL - (ulong)value, destination, offset, count)
                : WriteInteger(false, (ulong)value, destination, offset, count);
        }

        /// <summary>Writes <paramref name="value"/> in decimal, e.g. "18446744073709551615".</summary>
        /// <returns>The bytes written (at most 20); <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="destination"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="destination"/>.</exception>
        public static int WriteUInt64(ulong value, byte[] destination, int offset, int count)
        {
            BufferArgs.Check(destination, offset, count, "destination");
            return WriteInteger(false, value, destination, offset, count);
        }

        private static int WriteInteger(bool negative, ulong magnitude, byte[] destination, int offset, int count)
        {
            int digits = CountDigits(magnitude);
            int length = (negative ? 1 : 0) + digits;
            if (length > count)
            {
                return ErrorCode.BufferTooSmall;
            }

            if (negative)
            {
                destination[offset] = (byte)'-';
            }

            WriteDigits(magnitude, digits, destination, offset + length);
            return length;
        }

        /// <summary>Decimal digits of <paramref name="value"/> (1 for 0).</summary>
        internal static int CountDigits(ulong value)
        {
            int digits = 1;
            while (digits < s_powersOf10.Length && value >= s_powersOf10[digits])
            {
                digits++;
            }

            return digits;
        }

        /// <summary>
        /// <paramref name="b"/>^0 .. <paramref name="b"/>^(count - 1), for the tables of powers (the last must fit a ulong).
        /// Computed rather than written as array initializers: each initializer costs the device assembly its data
        /// plus a hash-named field, about as much again.
        /// </summary>
        internal static ulong[] Powers(ulong b, int count)
        {
            ulong[] powers = new ulong[count];
            ulong p = 1;
            for (int i = 0; i < count; i++)
            {
                powers[i] = p;
                p *= b;     // the step after the last may wrap; it is never stored
            }

            return powers;
        }

        /// <summary>Writes the low <paramref name="digits"/> decimal digits of <paramref name="value"/> (zero-padded) so they end just before <paramref name="end"/>.</summary>
        internal static void WriteDigits(ulong value, int digits, byte[] destination, int end)
        {
            for (int p = end - 1; p >= end - digits; p--)
            {
                ulong next = value / 10;
                destination[p] = (byte)('0' + (int)(value - next * 10));
                value = next;
            }
        }
    }
}
