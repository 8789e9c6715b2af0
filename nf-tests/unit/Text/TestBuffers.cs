using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Text
{
    /// <summary>Sentinel-filled buffers and byte assertions for builder tests (no System.Text on the device).</summary>
    internal static class TestBuffers
    {
        /// <summary>The value that marks bytes a builder must not touch.</summary>
        internal const byte Sentinel = 0xEE;

        internal static byte[] Filled(int length)
        {
            byte[] buffer = new byte[length];
            for (int i = 0; i < length; i++)
            {
                buffer[i] = Sentinel;
            }

            return buffer;
        }

        /// <summary>The bytes as a string, one char per byte: enough to compare ASCII output with a literal.</summary>
        internal static string Ascii(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)buffer[offset + i];
            }

            return new string(chars);
        }

        /// <summary>The bytes of an ASCII literal (independent of the UTF-8 code under test).</summary>
        internal static byte[] AsciiBytes(string ascii)
        {
            byte[] bytes = new byte[ascii.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)ascii[i];
            }

            return bytes;
        }

        /// <summary>Bytes from pairs of hex digits, e.g. "C3A9" (data rows carry strings, not arrays).</summary>
        internal static byte[] FromHex(string hex)
        {
            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((HexValue(hex[2 * i]) << 4) | HexValue(hex[2 * i + 1]));
            }

            return bytes;
        }

        private static int HexValue(char c)
        {
            return c <= '9' ? c - '0' : (c & ~0x20) - 'A' + 10;
        }

        internal static void AssertBytes(byte[] expected, byte[] buffer, int offset)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], buffer[offset + i], "byte " + i);
            }
        }

        /// <summary>Asserts that buffer[from, to) still holds the sentinel.</summary>
        internal static void AssertUntouched(byte[] buffer, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                Assert.AreEqual(Sentinel, buffer[i], "byte " + i + " was written");
            }
        }
    }
}
