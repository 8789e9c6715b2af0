using LinkKit.Nano.Internal;

namespace LinkKit.Nano.Crypto
{
    /// <summary>
    /// Hexadecimal text as ASCII bytes, in and out of caller buffers without allocating: signs and passwords
    /// are lower-case hex (Link SDK C 4.x passwords upper-case), OTA digests are compared as lower-case hex.
    /// </summary>
    public static class Hex
    {
        private const byte Invalid = 0xFF;

        private static readonly byte[] s_lowerDigits = new byte[]
        {
            0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, // 0-9 a-f
        };

        private static readonly byte[] s_upperDigits = new byte[]
        {
            0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, // 0-9 A-F
        };

        // Every byte value to its nibble, or Invalid: one array read per character, no branches.
        private static readonly byte[] s_nibbles = BuildNibbleTable();

        /// <summary>
        /// Writes the 2 × <paramref name="count"/> hex digits of <paramref name="source"/>[<paramref name="offset"/>..]
        /// at <paramref name="destination"/>[<paramref name="destinationOffset"/>..]. The ranges must not overlap.
        /// </summary>
        /// <returns>2 × <paramref name="count"/>; or <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="source"/> or <paramref name="destination"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">A range lies outside its array.</exception>
        public static int Encode(byte[] source, int offset, int count, byte[] destination, int destinationOffset, bool upperCase)
        {
            BufferArgs.Check(source, offset, count, "source");
            BufferArgs.CheckOffset(destination, destinationOffset, "destination", "destinationOffset");
            if (count > (destination.Length - destinationOffset) / 2) return ErrorCode.BufferTooSmall;

            byte[] digits = upperCase ? s_upperDigits : s_lowerDigits;
            int d = destinationOffset;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                int b = source[i];
                destination[d] = digits[b >> 4];
                destination[d + 1] = digits[b & 0x0F];
                d += 2;
            }

            return count * 2;
        }

        /// <summary>
        /// Parses <paramref name="count"/> hex digits (either case) from <paramref name="source"/>[<paramref name="offset"/>..]
        /// into <paramref name="count"/> / 2 bytes at <paramref name="destination"/>[<paramref name="destinationOffset"/>..].
        /// Decoding in place (same array, same offset) is allowed.
        /// </summary>
        /// <returns>The number of bytes written; <see cref="ErrorCode.Malformed"/> for an odd count or a non-hex
        /// character; <see cref="ErrorCode.BufferTooSmall"/> for well-formed text that does not fit. Nothing is
        /// written on failure.</returns>
        /// <exception cref="System.ArgumentNullException"><paramref name="source"/> or <paramref name="destination"/> is null.</exception>
        /// <exception cref="System.ArgumentOutOfRangeException">A range lies outside its array.</exception>
        public static int Decode(byte[] source, int offset, int count, byte[] destination, int destinationOffset)
        {
            BufferArgs.Check(source, offset, count, "source");
            BufferArgs.CheckOffset(destination, destinationOffset, "destination", "destinationOffset");
            if ((count & 1) != 0) return ErrorCode.Malformed;

            byte[] nibbles = s_nibbles;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                if (nibbles[source[i]] == Invalid) return ErrorCode.Malformed;
            }

            int length = count / 2;
            if (length > destination.Length - destinationOffset) return ErrorCode.BufferTooSmall;

            int d = destinationOffset;
            for (int i = offset; i < end; i += 2)
            {
                destination[d++] = (byte)((nibbles[source[i]] << 4) | nibbles[source[i + 1]]);
            }

            return length;
        }

        private static byte[] BuildNibbleTable()
        {
            byte[] table = new byte[256];
            for (int i = 0; i < table.Length; i++) table[i] = Invalid;
            for (int i = 0; i < 10; i++) table['0' + i] = (byte)i;
            for (int i = 0; i < 6; i++)
            {
                table['a' + i] = (byte)(10 + i);
                table['A' + i] = (byte)(10 + i);
            }

            return table;
        }
    }
}
