using System;
using LinkKit.Nano.Internal;

namespace LinkKit.Nano.Text
{
    /// <summary>
    /// UTF-8 without System.Text (absent from nanoFramework's mscorlib): count, encode into a caller buffer,
    /// compare in place, and decode to a string when the application asks for one.
    /// </summary>
    /// <remarks>
    /// Strings are UTF-16: a surrogate pair becomes one 4-byte sequence, and a lone surrogate cannot be encoded
    /// (<see cref="ErrorCode.Malformed"/>). Bytes are read as strict UTF-8 (RFC 3629): no overlong forms, no
    /// encoded surrogates, nothing above U+10FFFF.
    /// On nanoFramework a string is stored as UTF-8 and ends at its first U+0000: a lone surrogate cannot exist there
    /// (it becomes U+FFFD), and reading a supplementary character (an emoji, U+10000 and above) costs one two-char
    /// array, because the runtime's indexer returns the high half for both halves of a pair. Text in the BMP,
    /// the usual case, allocates nothing.
    /// </remarks>
    public static class Utf8
    {
        private const int ReplacementCharacter = 0xFFFD;

        // nanoCLR 1.x stores strings as UTF-8: s[i] on the low half of a surrogate pair returns the high half again.
        private static readonly bool IndexingSplitsPairs = "\U00010000"[1] != '\uDC00';

        /// <summary>Counts the UTF-8 bytes of <paramref name="s"/>.</summary>
        /// <returns>The byte count; <see cref="ErrorCode.Malformed"/> if <paramref name="s"/> holds a lone surrogate.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
        public static int GetByteCount(string s)
        {
            if (s == null)
            {
                throw new ArgumentNullException("s");
            }

            int total = 0;
            for (int i = 0; i < s.Length;)
            {
                int units = ReadScalar(s, i, out int scalar);
                if (units == 0)
                {
                    return ErrorCode.Malformed;
                }

                total += ScalarByteCount(scalar);
                i += units;
            }

            return total;
        }

        /// <summary>Encodes <paramref name="s"/> into destination[offset, offset + count).</summary>
        /// <returns>
        /// The bytes written; <see cref="ErrorCode.BufferTooSmall"/> or <see cref="ErrorCode.Malformed"/> (lone
        /// surrogate) with nothing written: the length is counted before the first byte is stored.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="s"/> or <paramref name="destination"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="destination"/>.</exception>
        public static int Encode(string s, byte[] destination, int offset, int count)
        {
            BufferArgs.Check(destination, offset, count, "destination");
            int required = GetByteCount(s);
            if (required < 0)
            {
                return required;
            }

            if (required > count)
            {
                return ErrorCode.BufferTooSmall;
            }

            int p = offset;
            for (int i = 0; i < s.Length;)
            {
                i += ReadScalar(s, i, out int scalar);
                p = WriteScalar(scalar, destination, p);
            }

            return required;
        }

        /// <summary>The UTF-8 bytes of <paramref name="s"/> in a new array: for constants and names encoded once, not hot paths.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="s"/> holds a lone surrogate.</exception>
        internal static byte[] ToArray(string s)
        {
            int length = GetByteCount(s);
            if (length < 0) throw new ArgumentException("The text holds a lone surrogate and has no UTF-8 form.", "s");
            byte[] bytes = new byte[length];
            Encode(s, bytes, 0, length);
            return bytes;
        }

        /// <summary>Decodes source[offset, offset + count) into a new string (allocates; for application use, not hot paths).</summary>
        /// <remarks>
        /// Never throws on bad input: each maximal ill-formed subsequence becomes one U+FFFD, the Unicode
        /// recommendation (§3.9) that .NET's Encoding.UTF8 also follows.
        /// </remarks>
        /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="source"/>.</exception>
        public static string GetString(byte[] source, int offset, int count)
        {
            BufferArgs.Check(source, offset, count, "source");

            // One UTF-16 unit per byte at most: 4-byte sequences give 2 units, replacements 1 unit per byte or more.
            char[] chars = new char[count];
            int n = 0;
            int end = offset + count;
            for (int i = offset; i < end;)
            {
                int length = DecodeScalar(source, i, end, out int scalar);
                if (length < 0)
                {
                    scalar = ReplacementCharacter;
                    length = -length;
                }

                n = WriteUtf16(scalar, chars, n);
                i += length;
            }

            return new string(chars, 0, n);
        }

        /// <summary>Whether utf8[offset, offset + count) is exactly the UTF-8 form of <paramref name="s"/>; allocates nothing.</summary>
        /// <remarks>Ill-formed bytes, or a lone surrogate in <paramref name="s"/>, never compare equal.</remarks>
        /// <exception cref="ArgumentNullException"><paramref name="utf8"/> or <paramref name="s"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">offset/count do not lie inside <paramref name="utf8"/>.</exception>
        public static bool Equals(byte[] utf8, int offset, int count, string s)
        {
            BufferArgs.Check(utf8, offset, count, "utf8");
            if (s == null)
            {
                throw new ArgumentNullException("s");
            }

            int p = offset;
            int end = offset + count;
            for (int i = 0; i < s.Length;)
            {
                int units = ReadScalar(s, i, out int expected);
                if (units == 0 || p == end)
                {
                    return false;
                }

                int length = DecodeScalar(utf8, p, end, out int actual);
                if (length < 0 || actual != expected)
                {
                    return false;
                }

                i += units;
                p += length;
            }

            return p == end;
        }

        /// <summary>Reads the code point that starts at s[i].</summary>
        /// <returns>The UTF-16 units it takes (1, or 2 for a surrogate pair); 0 for a lone surrogate.</returns>
        internal static int ReadScalar(string s, int i, out int scalar)
        {
            int c = s[i];
            scalar = c;
            if (c < 0xD800 || c > 0xDFFF)
            {
                return 1;
            }

            if (c <= 0xDBFF && i + 1 < s.Length)
            {
                // ToCharArray(i, 2) is the only read of a low half nanoCLR 1.x gets right; it allocates, so only there.
                int low = IndexingSplitsPairs ? s.ToCharArray(i, 2)[1] : s[i + 1];
                if (low >= 0xDC00 && low <= 0xDFFF)
                {
                    scalar = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    return 2;
                }
            }

            return 0;
        }

        /// <summary>The UTF-8 length of a code point (not a surrogate).</summary>
        internal static int ScalarByteCount(int scalar)
        {
            return scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4;
        }

        /// <summary>Writes a code point (not a surrogate) at destination[p]; returns the position after it. The caller checked the room.</summary>
        internal static int WriteScalar(int scalar, byte[] destination, int p)
        {
            if (scalar < 0x80)
            {
                destination[p] = (byte)scalar;
                return p + 1;
            }

            if (scalar < 0x800)
            {
                destination[p] = (byte)(0xC0 | (scalar >> 6));
                destination[p + 1] = (byte)(0x80 | (scalar & 0x3F));
                return p + 2;
            }

            if (scalar < 0x10000)
            {
                destination[p] = (byte)(0xE0 | (scalar >> 12));
                destination[p + 1] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
                destination[p + 2] = (byte)(0x80 | (scalar & 0x3F));
                return p + 3;
            }

            destination[p] = (byte)(0xF0 | (scalar >> 18));
            destination[p + 1] = (byte)(0x80 | ((scalar >> 12) & 0x3F));
            destination[p + 2] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
            destination[p + 3] = (byte)(0x80 | (scalar & 0x3F));
            return p + 4;
        }

        /// <summary>Writes a code point (not a surrogate) as UTF-16 at chars[n]; returns the position after it. The caller checked the room.</summary>
        internal static int WriteUtf16(int scalar, char[] chars, int n)
        {
            if (scalar < 0x10000)
            {
                chars[n] = (char)scalar;
                return n + 1;
            }

            scalar -= 0x10000;
            chars[n] = (char)(0xD800 + (scalar >> 10));
            chars[n + 1] = (char)(0xDC00 + (scalar & 0x3FF));
            return n + 2;
        }

        /// <summary>Whether source[offset, offset + count) is well-formed UTF-8 (no allocation).</summary>
        internal static bool IsWellFormed(byte[] source, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end;)
            {
                int length = DecodeScalar(source, i, end, out _);
                if (length < 0) return false;
                i += length;
            }

            return true;
        }

        /// <summary>Whether <paramref name="b"/> can start a well-formed sequence (ASCII, or a lead byte C2..F4).</summary>
        internal static bool IsLeadByte(int b)
        {
            return b < 0x80 || (b >= 0xC2 && b <= 0xF4);
        }

        /// <summary>Decodes the sequence that starts at source[i] (i &lt; end).</summary>
        /// <returns>
        /// Its length (1 to 4) with the code point in <paramref name="scalar"/>; or, if ill-formed, minus the length
        /// of its maximal subpart (the lead byte and the continuation bytes that were still acceptable), which a
        /// decoder replaces by one U+FFFD before going on after it.
        /// </returns>
        internal static int DecodeScalar(byte[] source, int i, int end, out int scalar)
        {
            int lead = source[i];
            scalar = lead;
            if (lead < 0x80)
            {
                return 1;
            }

            // Table 3-7 of the Unicode standard: the second byte's range excludes overlong forms (E0, F0),
            // surrogates (ED) and code points above U+10FFFF (F4).
            int length;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (lead < 0xC2)
            {
                return -1; // a continuation byte, or an overlong 2-byte lead
            }
            else if (lead < 0xE0)
            {
                length = 2;
                scalar = lead & 0x1F;
            }
            else if (lead < 0xF0)
            {
                length = 3;
                scalar = lead & 0x0F;
                if (lead == 0xE0) secondMin = 0xA0;
                else if (lead == 0xED) secondMax = 0x9F;
            }
            else if (lead < 0xF5)
            {
                length = 4;
                scalar = lead & 0x07;
                if (lead == 0xF0) secondMin = 0x90;
                else if (lead == 0xF4) secondMax = 0x8F;
            }
            else
            {
                return -1;
            }

            for (int k = 1; k < length; k++)
            {
                if (i + k == end)
                {
                    return -k;
                }

                int c = source[i + k];
                if (c < secondMin || c > secondMax)
                {
                    return -k;
                }

                scalar = (scalar << 6) | (c & 0x3F);
                secondMin = 0x80;
                secondMax = 0xBF;
            }

            return length;
        }
    }
}
