using LinkKit.Nano.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Crypto
{
    /// <summary>SHA-1 against FIPS 180-4 / NIST examples (docs/test-vectors.md, SHA-256 and SHA-1).</summary>
    [TestClass]
    public class Sha1Tests
    {
        [TestMethod]
        [DataRow("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")] // H0: padding block only
        [DataRow("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")] // H1: one block
        [DataRow("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1")] // H2: 56 bytes, length spills into a 2nd block
        [DataRow("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "a49b2446a02c645bf419f995b67091253a04a259")] // H3: 112 bytes, 2 blocks
        public void ComputeHash_FipsExample_MatchesPublishedDigest(string message, string expectedHex)
        {
            Assert.AreEqual(expectedHex, TestBytes.Digest(new Sha1(), TestBytes.Ascii(message)));
        }

        [TestMethod]
        public void Update_MillionA_MatchesH4()
        {
            Assert.AreEqual("34aa973cd4c4daa4f61eeb2bdbad27316534016f", TestBytes.MillionA(new Sha1()));
        }

        [TestMethod]
        public void Sizes_AreDigest20Block64()
        {
            Sha1 hash = new Sha1();
            Assert.AreEqual(20, hash.HashSize);
            Assert.AreEqual(64, hash.BlockSize);
        }
    }
}
