using System;
using LinkKit.Nano.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Crypto
{
    /// <summary>Hex.Encode / Hex.Decode: both cases, exact fits, one byte short, malformed text, misuse.</summary>
    [TestClass]
    public class HexTests
    {
        // Every nibble value appears, plus the byte extremes.
        private static readonly byte[] s_sample = new byte[] { 0x00, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0x7F, 0x80, 0xFF };
        private const string SampleLower = "000123456789abcdef7f80ff";
        private const string SampleUpper = "000123456789ABCDEF7F80FF";

        [TestMethod]
        [DataRow(false, SampleLower)]
        [DataRow(true, SampleUpper)]
        public void Encode_ExactFit_WritesDigitsAndNothingElse(bool upperCase, string expected)
        {
            byte[] destination = TestBytes.Filled(expected.Length + 2, 0xEE);
            Assert.AreEqual(expected.Length, Hex.Encode(s_sample, 0, s_sample.Length, destination, 1, upperCase));
            Assert.AreEqual(expected, TestBytes.AsciiString(destination, 1, expected.Length));
            Assert.AreEqual((byte)0xEE, destination[0]);
            Assert.AreEqual((byte)0xEE, destination[destination.Length - 1]);
        }

        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        public void Encode_OneByteShort_ReturnsBufferTooSmallWritesNothing(bool upperCase)
        {
            byte[] destination = TestBytes.Filled(2 * s_sample.Length + 1, 0xEE);
            // Room for 2n - 1 characters after offset 2.
            Assert.AreEqual(ErrorCode.BufferTooSmall, Hex.Encode(s_sample, 0, s_sample.Length, destination, 2, upperCase));
            TestBytes.AssertAll(destination, 0xEE);
        }

        [TestMethod]
        public void Encode_SubRangeAndEmpty()
        {
            byte[] destination = new byte[4];
            Assert.AreEqual(4, Hex.Encode(s_sample, 6, 2, destination, 0, false));
            Assert.AreEqual("abcd", TestBytes.AsciiString(destination, 0, 4));
            Assert.AreEqual(0, Hex.Encode(s_sample, 3, 0, destination, 4, false)); // nothing to write, offset at the end
        }

        [TestMethod]
        [DataRow(SampleLower)]
        [DataRow(SampleUpper)]
        [DataRow("000123456789aBcDeF7f80Ff")] // mixed case
        public void Decode_EitherCase_WritesBytesAndNothingElse(string text)
        {
            byte[] source = TestBytes.Ascii(text);
            byte[] destination = TestBytes.Filled(s_sample.Length + 2, 0xEE);
            Assert.AreEqual(s_sample.Length, Hex.Decode(source, 0, source.Length, destination, 1));
            Assert.AreEqual(SampleLower, TestBytes.ToHex(destination, 1, s_sample.Length));
            Assert.AreEqual((byte)0xEE, destination[0]);
            Assert.AreEqual((byte)0xEE, destination[destination.Length - 1]);
        }

        [TestMethod]
        public void Decode_OneByteShort_ReturnsBufferTooSmallWritesNothing()
        {
            byte[] source = TestBytes.Ascii(SampleLower);
            byte[] destination = TestBytes.Filled(s_sample.Length, 0xEE);
            Assert.AreEqual(ErrorCode.BufferTooSmall, Hex.Decode(source, 0, source.Length, destination, 1));
            TestBytes.AssertAll(destination, 0xEE);
        }

        [TestMethod]
        [DataRow("0")]          // odd length: one digit
        [DataRow("abc")]        // odd length
        [DataRow("0g")]         // just past 'f'
        [DataRow("G0")]         // just past 'F'
        [DataRow("/0")]         // just before '0'
        [DataRow("0:")]         // just after '9'
        [DataRow("@0")]         // just before 'A'
        [DataRow("0`")]         // just before 'a'
        [DataRow("00 1")]       // space
        [DataRow("0x12")]       // a prefix is not hex
        [DataRow("abcdef0z")]   // bad character at the very end, after valid pairs
        public void Decode_Malformed_ReturnsMalformedWritesNothing(string text)
        {
            byte[] source = TestBytes.Ascii(text);
            byte[] destination = TestBytes.Filled(8, 0xEE);
            Assert.AreEqual(ErrorCode.Malformed, Hex.Decode(source, 0, source.Length, destination, 0));
            TestBytes.AssertAll(destination, 0xEE);
        }

        [TestMethod]
        public void Decode_NonAsciiBytes_AreMalformed()
        {
            byte[] source = new byte[] { 0x30, 0x30, 0xB0, 0x30 }; // "00" then 0xB0 ('0' | 0x80)
            byte[] destination = TestBytes.Filled(2, 0xEE);
            Assert.AreEqual(ErrorCode.Malformed, Hex.Decode(source, 0, source.Length, destination, 0));
            TestBytes.AssertAll(destination, 0xEE);
            source[2] = 0x00;
            Assert.AreEqual(ErrorCode.Malformed, Hex.Decode(source, 0, source.Length, destination, 0));
            TestBytes.AssertAll(destination, 0xEE);
        }

        [TestMethod]
        public void Decode_MalformedTakesPrecedenceOverTooSmall()
        {
            byte[] source = TestBytes.Ascii("zz");
            byte[] destination = new byte[0];
            Assert.AreEqual(ErrorCode.Malformed, Hex.Decode(source, 0, source.Length, destination, 0));
        }

        [TestMethod]
        public void Decode_InPlace_Works()
        {
            byte[] buffer = TestBytes.Ascii("x" + SampleUpper);
            Assert.AreEqual(s_sample.Length, Hex.Decode(buffer, 1, SampleUpper.Length, buffer, 1));
            Assert.AreEqual(SampleLower, TestBytes.ToHex(buffer, 1, s_sample.Length));
            Assert.AreEqual((byte)'x', buffer[0]);
        }

        [TestMethod]
        public void EncodeThenDecode_EveryByteValue_RoundTrips()
        {
            byte[] all = new byte[256];
            for (int i = 0; i < all.Length; i++) all[i] = (byte)i;
            byte[] text = new byte[512];
            byte[] back = new byte[256];
            for (int upper = 0; upper < 2; upper++)
            {
                Assert.AreEqual(512, Hex.Encode(all, 0, all.Length, text, 0, upper == 1));
                Assert.AreEqual(256, Hex.Decode(text, 0, text.Length, back, 0));
                for (int i = 0; i < all.Length; i++) Assert.AreEqual(all[i], back[i]);
            }
        }

        [TestMethod]
        public void Misuse_Throws()
        {
            byte[] buffer = new byte[8];
            Assert.ThrowsException(typeof(ArgumentNullException), () => Hex.Encode(null, 0, 0, buffer, 0, false));
            Assert.ThrowsException(typeof(ArgumentNullException), () => Hex.Encode(buffer, 0, 0, null, 0, false));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Hex.Encode(buffer, -1, 1, buffer, 0, false));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Hex.Encode(buffer, 4, 5, buffer, 0, false));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Hex.Encode(buffer, 0, 1, buffer, 9, false));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Hex.Encode(buffer, 0, 1, buffer, -1, false));
            Assert.ThrowsException(typeof(ArgumentNullException), () => Hex.Decode(null, 0, 0, buffer, 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => Hex.Decode(buffer, 0, 0, null, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Hex.Decode(buffer, 0, -2, buffer, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Hex.Decode(buffer, 8, 2, buffer, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Hex.Decode(buffer, 0, 2, buffer, 9));
        }
    }
}
