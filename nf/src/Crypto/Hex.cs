using LinkKit.Nano.Internal;

namespace LinkKit.Nano.Crypto
{
    /// <summary>
    /// Hexadecimal text as ASCII bytes, in and out of caller buffers without allocating: signs and passwords
    /// are lower-case hex (Link SDK C 4.x passwords upper-case), OTA digests are compared as lower-case hex.
    /// </summary>
    public static class Hex
    {
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

            // Computed digits instead of digit tables: each table costs the .pe a field, an initializer and its data.
            int letter = upperCase ? 'A' - 10 : 'a' - 10;
            int d = destinationOffset;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                int high = source[i] >> 4;
                int low = source[i] & 0x0F;
                destination[d] = (byte)(high + (high < 10 ? '0' : letter));
                destination[d + 1] = (byte)(low + (low < 10 ? '0' : letter));
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

            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                if (Nibble(source[i]) < 0) return ErrorCode.Malformed;
            }

            int length = count / 2;
            if (length > destination.Length - destinationOffset) return ErrorCode.BufferTooSmall;

            int d = destinationOffset;
            for (int i = offset; i < end; i += 2)
            {
                destination[d++] = (byte)((Nibble(source[i]) << 4) | Nibble(source[i + 1]));
            }

            return length;
        }

        /// <summary>The value of one hex digit (either case), or -1.</summary>
        private static int Nibble(int c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            c |= 0x20; // ASCII lower case
            return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        }
    }
}
