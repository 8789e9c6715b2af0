using LinkKit.Nano.Crypto;
using nanoFramework.TestFramework;
using TestFrameworkShared;

namespace LinkKit.Nano.Tests.Crypto
{
    /// <summary>
    /// Byte helpers for the crypto tests, independent of the code under test (no Hex class, no System.Text:
    /// ASCII is converted by casting chars).
    /// </summary>
    public static class TestBytes
    {
        private const string HexDigits = "0123456789abcdef";

        /// <summary>The ASCII bytes of <paramref name="text"/> (every test string is ASCII).</summary>
        public static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }

        /// <summary>The string of ASCII bytes <paramref name="bytes"/>[offset .. offset+count).</summary>
        public static string AsciiString(byte[] bytes, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++) chars[i] = (char)bytes[offset + i];
            return new string(chars);
        }

        /// <summary>Parses lower- or upper-case hex text (even length).</summary>
        public static byte[] FromHex(string hex)
        {
            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[2 * i + 1]));
            return bytes;
        }

        /// <summary>Lower-case hex of <paramref name="bytes"/>[offset .. offset+count).</summary>
        public static string ToHex(byte[] bytes, int offset, int count)
        {
            char[] chars = new char[2 * count];
            for (int i = 0; i < count; i++)
            {
                chars[2 * i] = HexDigits[bytes[offset + i] >> 4];
                chars[2 * i + 1] = HexDigits[bytes[offset + i] & 0x0F];
            }

            return new string(chars);
        }

        /// <summary>Lower-case hex of all of <paramref name="bytes"/>.</summary>
        public static string ToHex(byte[] bytes)
        {
            return ToHex(bytes, 0, bytes.Length);
        }

        /// <summary>
        /// Test-vector notation of docs/test-vectors.md: "0xNN*K" is byte 0xNN repeated K times, "0x..." is hex,
        /// anything else is ASCII text.
        /// </summary>
        public static byte[] Parse(string spec)
        {
            if (!spec.StartsWith("0x")) return Ascii(spec);
            int star = spec.IndexOf('*');
            if (star < 0) return FromHex(spec.Substring(2));
            return Filled(int.Parse(spec.Substring(star + 1)), FromHex(spec.Substring(2, star - 2))[0]);
        }

        /// <summary>An array of <paramref name="length"/> bytes, all <paramref name="value"/>.</summary>
        public static byte[] Filled(int length, byte value)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) bytes[i] = value;
            return bytes;
        }

        /// <summary><paramref name="length"/> bytes that differ from their neighbours (i * 7 + 3, mod 256).</summary>
        public static byte[] Pattern(int length)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) bytes[i] = (byte)(i * 7 + 3);
            return bytes;
        }

        /// <summary>Asserts that every byte of <paramref name="bytes"/> is still <paramref name="value"/>.</summary>
        public static void AssertAll(byte[] bytes, byte value)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != value) throw new AssertFailedException("byte " + i + " was overwritten: " + bytes[i]);
            }
        }

        /// <summary>The lower-case hex digest of <paramref name="message"/> through the one-shot API.</summary>
        public static string Digest(HashAlgorithm hash, byte[] message)
        {
            byte[] digest = new byte[hash.HashSize];
            Assert.AreEqual(hash.HashSize, hash.ComputeHash(message, 0, message.Length, digest, 0));
            return ToHex(digest);
        }

        /// <summary>The lower-case hex MAC of <paramref name="message"/> under <paramref name="key"/>.</summary>
        public static string Mac(Hmac hmac, byte[] key, byte[] message)
        {
            byte[] mac = new byte[hmac.HashSize];
            hmac.SetKey(key, 0, key.Length);
            Assert.AreEqual(hmac.HashSize, hmac.Compute(message, 0, message.Length, mac, 0));
            return ToHex(mac);
        }

        /// <summary>The digest of one million 'a' (FIPS S4/H4), fed 1000 bytes per Update.</summary>
        public static string MillionA(HashAlgorithm hash)
        {
            byte[] chunk = Filled(1000, (byte)'a');
            for (int i = 0; i < 1000; i++) hash.Update(chunk, 0, chunk.Length);
            byte[] digest = new byte[hash.HashSize];
            Assert.AreEqual(hash.HashSize, hash.Final(digest, 0));
            return ToHex(digest);
        }

        /// <summary>A new instance of the algorithm named in a [DataRow].</summary>
        public static HashAlgorithm CreateHash(string name)
        {
            if (name == "SHA-256") return new Sha256();
            if (name == "SHA-1") return new Sha1();
            if (name == "MD5") return new Md5();
            throw new AssertFailedException("unknown hash " + name);
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            throw new AssertFailedException("not a hex digit: " + c);
        }
    }
}
