using LinkKit.Nano.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Crypto
{
    /// <summary>SHA-256 against FIPS 180-4 / NIST examples (docs/test-vectors.md, SHA-256 and SHA-1).</summary>
    [TestClass]
    public class Sha256Tests
    {
        [TestMethod]
        [DataRow("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")] // S0: padding block only
        [DataRow("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")] // S1: one block
        [DataRow("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")] // S2: 56 bytes, length spills into a 2nd block
        [DataRow("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")] // S3: 112 bytes, 2 blocks
        public void ComputeHash_FipsExample_MatchesPublishedDigest(string message, string expectedHex)
        {
            Assert.AreEqual(expectedHex, TestBytes.Digest(new Sha256(), TestBytes.Ascii(message)));
        }

        [TestMethod]
        public void Update_MillionA_MatchesS4()
        {
            Assert.AreEqual("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", TestBytes.MillionA(new Sha256()));
        }

        [TestMethod]
        public void Sizes_AreDigest32Block64()
        {
            Sha256 hash = new Sha256();
            Assert.AreEqual(32, hash.HashSize);
            Assert.AreEqual(64, hash.BlockSize);
        }
    }
}
