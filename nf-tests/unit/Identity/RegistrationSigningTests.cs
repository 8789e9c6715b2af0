using System;
using LinkKit.Nano;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Tests.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Identity
{
    [TestClass]
    public class RegistrationSigningTests
    {
        [TestMethod]
        public void WriteSign_V1bDyn_MatchesVector()
        {
            // docs/test-vectors.md V1b-dyn (Alibaba's public example credentials).
            RegistrationSigner signer = new RegistrationSigner("a1X2bEnP82z", "example1", "7jluWm1zql7bt8qK");
            byte[] random = TestBytes.Ascii("8Ygb7ULYh53B6OA");
            byte[] sign = TestBytes.Filled(66, 0xEE);
            Assert.AreEqual(64, signer.WriteSign(random, 0, random.Length, sign, 1, 64));
            Assert.AreEqual("37c9d9c4dcab7fc75d65d25547a4e11080e59dd82f3255aafc90d83498480e88", TestBytes.AsciiString(sign, 1, 64));
            Assert.AreEqual((byte)0xEE, sign[0]);
            Assert.AreEqual((byte)0xEE, sign[65]);
        }

        [TestMethod]
        public void WriteSign_V4_MatchesVector()
        {
            RegistrationSigner signer = new RegistrationSigner("a1B2c3D4e5F", "device01", "ProductSecretABCDEF");
            byte[] random = TestBytes.Ascii("AbCdEfGhIjKlMnO");
            byte[] sign = new byte[64];
            Assert.AreEqual(64, signer.WriteSign(random, 0, random.Length, sign, 0, 64));
            Assert.AreEqual("e354fcf236a04beda05b7f3e11003aa1895e86f361f7a6470bd390c8b04d8c5e", TestBytes.AsciiString(sign, 0, 64));
        }

        [TestMethod]
        public void WriteSign_OneByteShort_BufferTooSmallAndNothingWritten()
        {
            RegistrationSigner signer = new RegistrationSigner("a1B2c3D4e5F", "device01", "ProductSecretABCDEF");
            byte[] random = TestBytes.Ascii("AbCdEfGhIjKlMnO");
            byte[] sign = TestBytes.Filled(65, 0xEE);
            Assert.AreEqual(ErrorCode.BufferTooSmall, signer.WriteSign(random, 0, random.Length, sign, 1, 63));
            TestBytes.AssertAll(sign, 0xEE);
        }

        [TestMethod]
        public void ToString_OmitsProductSecret()
        {
            RegistrationSigner signer = new RegistrationSigner("a1B2c3D4e5F", "device01", "ProductSecretABCDEF");
            Assert.AreEqual("RegistrationSigner(productKey=a1B2c3D4e5F, deviceName=device01)", signer.ToString());
        }

        [TestMethod]
        public void Constructor_Misuse_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => new RegistrationSigner(null, "dn", "ps"));
            Assert.ThrowsException(typeof(ArgumentException), () => new RegistrationSigner("pk", "", "ps"));
            Assert.ThrowsException(typeof(ArgumentException), () => new RegistrationSigner("pk", "dn", ""));
        }

        [TestMethod]
        public void Fill_MapsIndicesOntoAlphanumerics()
        {
            byte[] nonce = TestBytes.Filled(17, 0xEE);
            RegistrationRandom.Fill(new FixedRandomSource(new int[] { 0, 9, 10, 35, 36, 61 }), nonce, 1);
            Assert.AreEqual("09AZaz09AZaz09A", TestBytes.AsciiString(nonce, 1, 15));
            Assert.AreEqual((byte)0xEE, nonce[0]);
            Assert.AreEqual((byte)0xEE, nonce[16]);
        }

        [TestMethod]
        public void Fill_Misuse_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => RegistrationRandom.Fill(new FixedRandomSource(new int[] { 0 }), new byte[15], 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => RegistrationRandom.Fill(new FixedRandomSource(new int[] { 62 }), new byte[15], 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => RegistrationRandom.Fill(null, new byte[15], 0));
        }

        [TestMethod]
        public void Fill_SystemRandom_GivesAlphanumerics()
        {
            byte[] nonce = new byte[15];
            RegistrationRandom.Fill(new SystemRandomSource(), nonce, 0);
            for (int i = 0; i < nonce.Length; i++)
            {
                char c = (char)nonce[i];
                Assert.IsTrue((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
            }
        }

        [TestMethod]
        public void FormUrlEncoding_EscapesAsPythonUrlencode()
        {
            // Python: urlencode({'deviceName': 'dev@x:1 y~'}) -> deviceName=dev%40x%3A1+y~
            byte[] source = TestBytes.Ascii("dev@x:1 y~");
            Assert.AreEqual(14, FormUrlEncoding.GetEncodedLength(source, 0, source.Length));
            byte[] encoded = TestBytes.Filled(16, 0xEE);
            Assert.AreEqual(14, FormUrlEncoding.Encode(source, 0, source.Length, encoded, 1, 14));
            Assert.AreEqual("dev%40x%3A1+y~", TestBytes.AsciiString(encoded, 1, 14));
            Assert.AreEqual((byte)0xEE, encoded[15]);
            Assert.AreEqual((byte)0xEE, encoded[0]);
        }

        [TestMethod]
        public void FormUrlEncoding_OneByteShort_NothingWritten()
        {
            byte[] source = TestBytes.Ascii("a:b");
            byte[] encoded = TestBytes.Filled(6, 0xEE);
            Assert.AreEqual(ErrorCode.BufferTooSmall, FormUrlEncoding.Encode(source, 0, source.Length, encoded, 0, 4));
            TestBytes.AssertAll(encoded, 0xEE);
        }
    }
}
