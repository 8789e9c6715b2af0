using System;
using LinkKit.Nano.Crypto;
using nanoFramework.TestFramework;
using TestFrameworkShared;

namespace LinkKit.Nano.Tests.Crypto
{
    /// <summary>
    /// HMAC-SHA256 against RFC 4231 and HMAC-SHA1 against RFC 2202 (docs/test-vectors.md, HMAC-SHA256 and HMAC-SHA1), then the Hmac
    /// contract: incremental updates, too-small buffers, key changes, Clear and misuse.
    /// Keys and data use TestBytes.Parse notation: "0xNN*K" repeats a byte, "0x..." is hex, else ASCII.
    /// </summary>
    [TestClass]
    public class HmacTests
    {
        private const string R2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        private const string F2 = "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79";
        private const string JefeData = "what do ya want for nothing?";
        private const string R7Data = "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.";
        private const string F7Data = "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data";

        [TestMethod]
        [DataRow("0x0b*20", "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")] // R1
        [DataRow("Jefe", JefeData, R2)] // R2: key shorter than the output
        [DataRow("0xaa*20", "0xdd*50", "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")] // R3
        [DataRow("0x0102030405060708090a0b0c0d0e0f10111213141516171819", "0xcd*50",
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")] // R4
        [DataRow("0xaa*131", "Test Using Larger Than Block-Size Key - Hash Key First",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")] // R6: key longer than a block is hashed
        [DataRow("0xaa*131", R7Data, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")] // R7: long key and data
        public void HmacSha256_Rfc4231_MatchesPublishedMac(string key, string data, string expectedHex)
        {
            Assert.AreEqual(expectedHex, TestBytes.Mac(new Hmac(new Sha256()), TestBytes.Parse(key), TestBytes.Parse(data)));
        }

        [TestMethod]
        public void HmacSha256_Rfc4231Case5_First128BitsMatchTruncatedMac()
        {
            string mac = TestBytes.Mac(new Hmac(new Sha256()), TestBytes.Parse("0x0c*20"), TestBytes.Parse("Test With Truncation"));
            Assert.AreEqual("a3b6167473100ee06e0c796c2955552b", mac.Substring(0, 32)); // R5
        }

        [TestMethod]
        [DataRow("0x0b*20", "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00")] // F1
        [DataRow("Jefe", JefeData, F2)] // F2
        [DataRow("0xaa*20", "0xdd*50", "125d7342b9ac11cd91a39af48aa17b4f63f175d3")] // F3
        [DataRow("0x0102030405060708090a0b0c0d0e0f10111213141516171819", "0xcd*50",
            "4c9007f4026250c6bc8414f9bf50c86c2d7235da")] // F4
        [DataRow("0x0c*20", "Test With Truncation", "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04")] // F5 (full 160 bits)
        [DataRow("0xaa*80", "Test Using Larger Than Block-Size Key - Hash Key First",
            "aa4ae5e15272d00e95705637ce8a3b55ed402112")] // F6: key longer than a block is hashed
        [DataRow("0xaa*80", F7Data, "e8e99d0f45237d786d6bbaa7965c7808bbff1a91")] // F7: long key and data
        public void HmacSha1_Rfc2202_MatchesPublishedMac(string key, string data, string expectedHex)
        {
            Assert.AreEqual(expectedHex, TestBytes.Mac(new Hmac(new Sha1()), TestBytes.Parse(key), TestBytes.Parse(data)));
        }

        [TestMethod]
        [DataRow("HMAC-SHA256", R7Data, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")] // R7
        [DataRow("HMAC-SHA1", F7Data, "e8e99d0f45237d786d6bbaa7965c7808bbff1a91")] // F7
        public void Update_EverySplitPoint_MatchesPublishedMac(string name, string message, string expectedHex)
        {
            Hmac hmac = Create(name);
            byte[] key = TestBytes.Parse(name == "HMAC-SHA256" ? "0xaa*131" : "0xaa*80");
            byte[] data = TestBytes.Ascii(message);
            byte[] mac = new byte[hmac.HashSize];
            hmac.SetKey(key, 0, key.Length);
            for (int split = 0; split <= data.Length; split++)
            {
                hmac.Update(data, 0, split);
                hmac.Update(data, split, data.Length - split);
                Assert.AreEqual(hmac.HashSize, hmac.Final(mac, 0));
                Assert.AreEqual(expectedHex, TestBytes.ToHex(mac), "split at " + split);
            }
        }

        [TestMethod]
        [DataRow("HMAC-SHA256", R2)]
        [DataRow("HMAC-SHA1", F2)]
        public void Final_OneByteShort_ReturnsBufferTooSmallWritesNothingKeepsMessage(string name, string expectedHex)
        {
            Hmac hmac = Create(name);
            byte[] key = TestBytes.Ascii("Jefe");
            byte[] data = TestBytes.Ascii(JefeData);
            byte[] output = TestBytes.Filled(hmac.HashSize + 1, 0xEE);
            hmac.SetKey(key, 0, key.Length);
            hmac.Update(data, 0, 10);

            Assert.AreEqual(ErrorCode.BufferTooSmall, hmac.Final(output, 2)); // HashSize - 1 bytes of room
            TestBytes.AssertAll(output, 0xEE);

            hmac.Update(data, 10, data.Length - 10);
            Assert.AreEqual(hmac.HashSize, hmac.Final(output, 1));
            Assert.AreEqual(expectedHex, TestBytes.ToHex(output, 1, hmac.HashSize));
            Assert.AreEqual((byte)0xEE, output[0]);
        }

        [TestMethod]
        [DataRow("HMAC-SHA256", R2)]
        [DataRow("HMAC-SHA1", F2)]
        public void Compute_OneByteShort_ReturnsBufferTooSmallAndKeepsMessage(string name, string expectedHex)
        {
            Hmac hmac = Create(name);
            byte[] key = TestBytes.Ascii("Jefe");
            byte[] data = TestBytes.Ascii(JefeData);
            byte[] small = TestBytes.Filled(hmac.HashSize - 1, 0xEE);
            hmac.SetKey(key, 0, key.Length);
            hmac.Update(data, 0, 10);

            Assert.AreEqual(ErrorCode.BufferTooSmall, hmac.Compute(data, 0, data.Length, small, 0));
            TestBytes.AssertAll(small, 0xEE);

            hmac.Update(data, 10, data.Length - 10);
            byte[] mac = new byte[hmac.HashSize];
            hmac.Final(mac, 0);
            Assert.AreEqual(expectedHex, TestBytes.ToHex(mac));
        }

        [TestMethod]
        [DataRow("HMAC-SHA256", R2)]
        [DataRow("HMAC-SHA1", F2)]
        public void Compute_Repeated_GivesTheSameMacUnderTheSameKey(string name, string expectedHex)
        {
            Hmac hmac = Create(name);
            byte[] key = TestBytes.Ascii("Jefe");
            byte[] data = TestBytes.Ascii(JefeData);
            byte[] mac = new byte[hmac.HashSize];
            hmac.SetKey(key, 0, key.Length);
            for (int round = 0; round < 3; round++)
            {
                Assert.AreEqual(hmac.HashSize, hmac.Compute(data, 0, data.Length, mac, 0));
                Assert.AreEqual(expectedHex, TestBytes.ToHex(mac), "round " + round);
            }
        }

        [TestMethod]
        [DataRow("HMAC-SHA256", R2)]
        [DataRow("HMAC-SHA1", F2)]
        public void SetKey_ReplacesKeyAndDiscardsPendingMessage(string name, string expectedHex)
        {
            Hmac hmac = Create(name);
            byte[] longKey = TestBytes.Parse("0xaa*131");
            byte[] jefe = TestBytes.Ascii("Jefe");
            byte[] data = TestBytes.Ascii(JefeData);
            byte[] mac = new byte[hmac.HashSize];
            hmac.SetKey(longKey, 0, longKey.Length);
            hmac.Update(data, 0, 5);

            hmac.SetKey(jefe, 0, jefe.Length);
            hmac.Update(data, 0, data.Length);
            hmac.Final(mac, 0);
            Assert.AreEqual(expectedHex, TestBytes.ToHex(mac));
        }

        [TestMethod]
        [DataRow("HMAC-SHA256", R2)]
        [DataRow("HMAC-SHA1", F2)]
        public void SetKey_SubRange_UsesOnlyThatRange(string name, string expectedHex)
        {
            Hmac hmac = Create(name);
            byte[] framedKey = TestBytes.Ascii("xxJefeyy");
            byte[] data = TestBytes.Ascii(JefeData);
            byte[] mac = new byte[hmac.HashSize];
            hmac.SetKey(framedKey, 2, 4);
            hmac.Compute(data, 0, data.Length, mac, 0);
            Assert.AreEqual(expectedHex, TestBytes.ToHex(mac));
        }

        [TestMethod]
        [DataRow("HMAC-SHA256", R2)]
        [DataRow("HMAC-SHA1", F2)]
        public void Clear_LeavesTheEmptyKeyThenSetKeyWorks(string name, string expectedHex)
        {
            Hmac hmac = Create(name);
            byte[] key = TestBytes.Ascii("Jefe");
            byte[] data = TestBytes.Ascii(JefeData);
            byte[] mac = new byte[hmac.HashSize];
            byte[] emptyKeyMac = new byte[hmac.HashSize];
            Create(name).Compute(data, 0, data.Length, emptyKeyMac, 0); // a new instance has the empty key

            hmac.SetKey(key, 0, key.Length);
            hmac.Update(data, 0, 7);
            hmac.Clear();
            hmac.Compute(data, 0, data.Length, mac, 0);
            Assert.AreEqual(TestBytes.ToHex(emptyKeyMac), TestBytes.ToHex(mac), "after Clear");
            Assert.AreNotEqual(expectedHex, TestBytes.ToHex(mac), "the Jefe key must be gone");

            hmac.SetKey(key, 0, key.Length);
            hmac.Compute(data, 0, data.Length, mac, 0);
            Assert.AreEqual(expectedHex, TestBytes.ToHex(mac), "after SetKey");
        }

        [TestMethod]
        public void HashSize_IsTheDigestSize()
        {
            Assert.AreEqual(32, new Hmac(new Sha256()).HashSize);
            Assert.AreEqual(20, new Hmac(new Sha1()).HashSize);
            Assert.AreEqual(16, new Hmac(new Md5()).HashSize);
        }

        [TestMethod]
        public void Misuse_Throws()
        {
            Hmac hmac = new Hmac(new Sha256());
            byte[] data = new byte[10];
            byte[] output = new byte[32];
            Assert.ThrowsException(typeof(ArgumentNullException), () => new Hmac(null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => hmac.SetKey(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hmac.SetKey(data, -1, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hmac.SetKey(data, 5, 6));
            Assert.ThrowsException(typeof(ArgumentNullException), () => hmac.Update(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hmac.Update(data, 0, 11));
            Assert.ThrowsException(typeof(ArgumentNullException), () => hmac.Final(null, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hmac.Final(output, 33));
            Assert.ThrowsException(typeof(ArgumentNullException), () => hmac.Compute(null, 0, 0, output, 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => hmac.Compute(data, 0, 0, null, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hmac.Compute(data, 11, 0, output, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => hmac.Compute(data, 0, 0, output, -1));
        }

        private static Hmac Create(string name)
        {
            if (name == "HMAC-SHA256") return new Hmac(new Sha256());
            if (name == "HMAC-SHA1") return new Hmac(new Sha1());
            throw new AssertFailedException("unknown HMAC " + name);
        }
    }
}
