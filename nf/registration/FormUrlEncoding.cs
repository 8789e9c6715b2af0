using System;
using LinkKit.Nano.Crypto;

namespace LinkKit.Nano.Identity
{
    /// <summary>
    /// <c>application/x-www-form-urlencoded</c> values as Python's <c>urlencode</c> writes them: letters, digits and
    /// <c>-._~</c> stay, a space becomes <c>+</c>, every other byte becomes <c>%XX</c> (upper-case hex). Device names
    /// may hold <c>@</c> and <c>:</c> (docs/protocol.md, Connections), which are escaped.
    /// </summary>
    internal static class FormUrlEncoding
    {
        /// <summary>The encoded length of the UTF-8 bytes in the range.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="source"/>.</exception>
        public static int GetEncodedLength(byte[] source, int offset, int count)
        {
            CheckRange(source, offset, count, "source");
            int length = 0;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                length += IsKept(source[i]) || source[i] == (byte)' ' ? 1 : 3;
            }
            return length;
        }

        /// <summary>Encodes the UTF-8 bytes of the source range into the destination range.</summary>
        /// <returns>The bytes written; <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        /// <exception cref="ArgumentNullException">A buffer is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A range lies outside its buffer.</exception>
        public static int Encode(byte[] source, int offset, int count, byte[] destination, int destinationOffset, int destinationCount)
        {
            CheckRange(destination, destinationOffset, destinationCount, "destination");
            int length = GetEncodedLength(source, offset, count);
            if (length > destinationCount) return ErrorCode.BufferTooSmall;
            int p = destinationOffset;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte b = source[i];
                if (IsKept(b))
                {
                    destination[p++] = b;
                }
                else if (b == (byte)' ')
                {
                    destination[p++] = (byte)'+';
                }
                else
                {
                    destination[p] = (byte)'%';
                    Hex.Encode(source, i, 1, destination, p + 1, true);
                    p += 3;
                }
            }
            return length;
        }

        private static bool IsKept(byte b)
        {
            return (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'0' && b <= (byte)'9')
                || b == (byte)'-' || b == (byte)'.' || b == (byte)'_' || b == (byte)'~';
        }

        private static void CheckRange(byte[] buffer, int offset, int count, string name)
        {
            if (buffer == null) throw new ArgumentNullException(name);
            if (offset < 0 || count < 0 || count > buffer.Length - offset) throw new ArgumentOutOfRangeException(name);
        }
    }
}
