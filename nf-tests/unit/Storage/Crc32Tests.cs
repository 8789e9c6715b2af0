using System;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Storage
{
    [TestClass]
    public class Crc32Tests
    {
        [TestMethod]
        public void Compute_CheckValue_MatchesCrc2()
        {
            // docs/test-vectors.md CRC2: CRC-32 (zlib) of "123456789".
            Assert.AreEqual(0xCBF43926u, Crc32.Compute(TestBytes.Ascii("123456789"), 0, 9));
        }

        [TestMethod]
        public void Compute_Empty_IsZero()
        {
            Assert.AreEqual(0u, Crc32.Compute(new byte[0], 0, 0));
        }

        [TestMethod]
        public void Update_InPieces_EqualsWhole()
        {
            byte[] data = TestBytes.Ascii("x123456789y");
            for (int split = 0; split <= 9; split++)
            {
                uint crc = Crc32.Update(0, data, 1, split);
                crc = Crc32.Update(crc, data, 1 + split, 9 - split);
                Assert.AreEqual(0xCBF43926u, crc, "split at " + split.ToString());
            }
        }

        [TestMethod]
        public void Compute_BadRange_Throws()
        {
            byte[] data = new byte[4];
            Assert.ThrowsException(typeof(ArgumentNullException), () => Crc32.Compute(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Crc32.Compute(data, 1, 4));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Crc32.Compute(data, -1, 1));
        }
    }
}
