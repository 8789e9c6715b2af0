using System;
using System.Text;
using LinkKit.Nano.Text;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Text
{
    /// <summary>Utf8 against System.Text.Encoding.UTF8 on random strings and random bytes.</summary>
    public class Utf8InteropTests
    {
        private static readonly UTF8Encoding s_strict = new UTF8Encoding(false, true);
        private static readonly UTF8Encoding s_replacing = new UTF8Encoding(false, false);

        [Fact]
        public void Encode_RandomStrings_MatchesEncodingUtf8()
        {
            var random = new Random(1);
            byte[] buffer = new byte[256];
            for (int i = 0; i < 50_000; i++)
            {
                string s = RandomString(random, random.Next(0, 40));
                byte[] expected = s_strict.GetBytes(s);
                Assert.Equal(expected.Length, Utf8.GetByteCount(s));
                int written = Utf8.Encode(s, buffer, 3, buffer.Length - 3);
                Assert.Equal(expected.Length, written);
                Assert.True(expected.AsSpan().SequenceEqual(buffer.AsSpan(3, written)), s);
                Assert.True(Utf8.Equals(buffer, 3, written, s));
                Assert.Equal(s, Utf8.GetString(buffer, 3, written));
                if (written > 0)
                {
                    buffer[3 + random.Next(written)] ^= (byte)(1 << random.Next(8));
                    Assert.False(Utf8.Equals(buffer, 3, written, s));
                }
            }
        }

        [Fact]
        public void LoneSurrogateAnywhere_Malformed()
        {
            var random = new Random(2);
            byte[] buffer = TestSentinel(64);
            for (int i = 0; i < 10_000; i++)
            {
                // Inserted between code points, a surrogate of either kind cannot pair with a neighbour.
                string before = RandomString(random, random.Next(0, 5));
                string after = RandomString(random, random.Next(0, 5));
                char lone = (char)random.Next(0xD800, 0xE000);
                string bad = before + lone + after;
                Assert.Throws<EncoderFallbackException>(() => s_strict.GetByteCount(bad));
                Assert.Equal(ErrorCode.Malformed, Utf8.GetByteCount(bad));
                Assert.Equal(ErrorCode.Malformed, Utf8.Encode(bad, buffer, 0, buffer.Length));
                Assert.All(buffer, b => Assert.Equal(0xEE, b));
                Assert.False(Utf8.Equals(s_replacing.GetBytes(bad), 0, s_replacing.GetByteCount(bad), bad));
            }
        }

        private static byte[] TestSentinel(int length)
        {
            byte[] buffer = new byte[length];
            Array.Fill(buffer, (byte)0xEE);
            return buffer;
        }

        [Fact]
        public void GetString_RandomBytes_ReplacesLikeEncodingUtf8()
        {
            var random = new Random(3);
            for (int i = 0; i < 50_000; i++)
            {
                byte[] bytes = new byte[random.Next(0, 24)];
                for (int k = 0; k < bytes.Length; k++)
                {
                    // Mostly the bytes that make sequences interesting: leads, continuations, ASCII.
                    int pick = random.Next(4);
                    bytes[k] = (byte)(pick == 0 ? random.Next(0x80) : pick == 1 ? random.Next(0x80, 0xC0) : random.Next(0xC0, 0x100));
                }

                string expected = s_replacing.GetString(bytes);
                Assert.Equal(expected, Utf8.GetString(bytes, 0, bytes.Length));

                bool wellFormed = true;
                try { s_strict.GetString(bytes); } catch (DecoderFallbackException) { wellFormed = false; }
                Assert.Equal(wellFormed, Utf8.Equals(bytes, 0, bytes.Length, expected));
            }
        }

        /// <summary>A mix of ASCII, 2-byte, 3-byte (no surrogates) and 4-byte (surrogate pair) code points.</summary>
        internal static string RandomString(Random random, int codePoints)
        {
            var builder = new StringBuilder();
            for (int i = 0; i < codePoints; i++)
            {
                switch (random.Next(5))
                {
                    case 0:
                    case 1: builder.Append((char)random.Next(0, 0x80)); break;
                    case 2: builder.Append((char)random.Next(0x80, 0x800)); break;
                    case 3:
                        int c = random.Next(0x800, 0x10000 - 0x800);
                        builder.Append((char)(c >= 0xD800 ? c + 0x800 : c));
                        break;
                    default: builder.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000))); break;
                }
            }

            return builder.ToString();
        }
    }
}
