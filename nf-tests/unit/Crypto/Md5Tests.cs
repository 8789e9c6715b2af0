using LinkKit.Nano.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Crypto
{
    /// <summary>MD5 against the RFC 1321 test suite (docs/test-vectors.md, MD5).</summary>
    [TestClass]
    public class Md5Tests
    {
        [TestMethod]
        [DataRow("", "d41d8cd98f00b204e9800998ecf8427e")] // M1: padding block only
        [DataRow("a", "0cc175b9c0f1b6a831c399e269772661")] // M2
        [DataRow("abc", "900150983cd24fb0d6963f7d28e17f72")] // M3
        [DataRow("message digest", "f96b697d7cb7938d525a2f31aaf161d0")] // M4
        [DataRow("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")] // M5
        [DataRow("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "d174ab98d277d9f5a5611c2c9f419d9f")] // M6: 62 bytes, length spills into a 2nd block
        [DataRow("12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a")] // M7: 80 bytes, one full block + tail
        public void ComputeHash_Rfc1321Suite_MatchesPublishedDigest(string message, string expectedHex)
        {
            Assert.AreEqual(expectedHex, TestBytes.Digest(new Md5(), TestBytes.Ascii(message)));
        }

        [TestMethod]
        public void Sizes_AreDigest16Block64()
        {
            Md5 hash = new Md5();
            Assert.AreEqual(16, hash.HashSize);
            Assert.AreEqual(64, hash.BlockSize);
        }
    }
}
