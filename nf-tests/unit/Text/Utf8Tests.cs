using System;
using LinkKit.Nano.Text;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Text
{
    [TestClass]
    public class Utf8Tests
    {
        // "Aé中😀": one code point of each UTF-8 length (U+0041, U+00E9, U+4E2D, U+1F600 as a surrogate pair).
        private const string Mixed = "A\u00E9\u4E2D\uD83D\uDE00";
        private static readonly byte[] s_mixedUtf8 = new byte[] { 0x41, 0xC3, 0xA9, 0xE4, 0xB8, 0xAD, 0xF0, 0x9F, 0x98, 0x80 };

        [TestMethod]
        [DataRow("", 0)]
        [DataRow("abc", 3)]
        [DataRow("\u007F", 1)]                 // last 1-byte code point
        [DataRow("\u0080", 2)]                 // first 2-byte code point
        [DataRow("\u07FF", 2)]                 // last 2-byte code point
        [DataRow("\u0800", 3)]                 // first 3-byte code point
        [DataRow("\uFFFF", 3)]                 // last 3-byte code point
        [DataRow("\uD800\uDC00", 4)]           // U+10000, first 4-byte code point
        [DataRow("\uDBFF\uDFFF", 4)]           // U+10FFFF, the last code point
        [DataRow("A\u00E9\u4E2D\uD83D\uDE00", 10)]
        public void GetByteCount_ValidString_CountsUtf8Bytes(string s, int expected)
        {
            Assert.AreEqual(expected, Utf8.GetByteCount(s));
        }

        [TestMethod]
        public void Encode_Mixed_WritesExactBytes()
        {
            byte[] buffer = TestBuffers.Filled(s_mixedUtf8.Length + 2);
            int written = Utf8.Encode(Mixed, buffer, 1, s_mixedUtf8.Length);
            Assert.AreEqual(s_mixedUtf8.Length, written);
            TestBuffers.AssertBytes(s_mixedUtf8, buffer, 1);
            TestBuffers.AssertUntouched(buffer, 0, 1);
            TestBuffers.AssertUntouched(buffer, 1 + s_mixedUtf8.Length, buffer.Length);
        }

        [TestMethod]
        public void Encode_OneByteShort_WritesNothing()
        {
            byte[] buffer = TestBuffers.Filled(s_mixedUtf8.Length + 1);
            Assert.AreEqual(ErrorCode.BufferTooSmall, Utf8.Encode(Mixed, buffer, 1, s_mixedUtf8.Length - 1));
            TestBuffers.AssertUntouched(buffer, 0, buffer.Length);
        }

        [TestMethod]
        public void Encode_EmptyString_WritesNothingIntoEmptyWindow()
        {
            byte[] buffer = TestBuffers.Filled(1);
            Assert.AreEqual(0, Utf8.Encode("", buffer, 1, 0));
            TestBuffers.AssertUntouched(buffer, 0, 1);
        }

        [TestMethod]
        public void Encode_Misuse_Throws()
        {
            byte[] buffer = new byte[4];
            Assert.ThrowsException(typeof(ArgumentNullException), () => Utf8.Encode(null, buffer, 0, 4));
            Assert.ThrowsException(typeof(ArgumentNullException), () => Utf8.Encode("a", null, 0, 4));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Utf8.Encode("a", buffer, -1, 2));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Utf8.Encode("a", buffer, 2, 3));
            Assert.ThrowsException(typeof(ArgumentNullException), () => Utf8.GetByteCount(null));
        }

        [TestMethod]
        public void GetString_WellFormed_Decodes()
        {
            byte[] source = new byte[s_mixedUtf8.Length + 2];
            Array.Copy(s_mixedUtf8, 0, source, 1, s_mixedUtf8.Length);
            Assert.AreEqual(Mixed, Utf8.GetString(source, 1, s_mixedUtf8.Length));
            Assert.AreEqual("", Utf8.GetString(source, 0, 0));
        }

        [TestMethod]
        [DataRow("41C341", "A\uFFFDA")]              // 2-byte lead without its continuation
        [DataRow("E4B8", "\uFFFD")]                       // truncated at the end: one maximal subpart
        [DataRow("80", "\uFFFD")]                             // continuation byte alone
        [DataRow("C0AF", "\uFFFD\uFFFD")]                 // overlong '/': C0 is never a lead
        [DataRow("E080AF", "\uFFFD\uFFFD\uFFFD")]     // overlong 3-byte form
        [DataRow("EDA080", "\uFFFD\uFFFD\uFFFD")]     // encoded surrogate U+D800
        [DataRow("F4908080", "\uFFFD\uFFFD\uFFFD\uFFFD")] // above U+10FFFF
        [DataRow("F09F9841", "\uFFFDA")]          // 4-byte sequence cut short
        [DataRow("FF41", "\uFFFDA")]                      // FF is never UTF-8
        public void GetString_IllFormed_ReplacesMaximalSubparts(string hex, string expected)
        {
            byte[] source = TestBuffers.FromHex(hex);
            Assert.AreEqual(expected, Utf8.GetString(source, 0, source.Length));
        }

        [TestMethod]
        public void Equals_SameText_True()
        {
            byte[] source = new byte[s_mixedUtf8.Length + 2];
            Array.Copy(s_mixedUtf8, 0, source, 1, s_mixedUtf8.Length);
            Assert.IsTrue(Utf8.Equals(source, 1, s_mixedUtf8.Length, Mixed));
            Assert.IsTrue(Utf8.Equals(source, 0, 0, ""));
        }

        [TestMethod]
        [DataRow("LightSwitch", "LightSwitcH")]     // last byte differs
        [DataRow("LightSwitch", "LightSwitc")]      // string is a prefix of the bytes
        [DataRow("LightSwitch", "LightSwitch2")]    // bytes are a prefix of the string
        [DataRow("", "a")]
        [DataRow("a", "")]
        public void Equals_DifferentText_False(string bytesText, string s)
        {
            byte[] utf8 = TestBuffers.AsciiBytes(bytesText);
            Assert.IsFalse(Utf8.Equals(utf8, 0, utf8.Length, s));
        }

        [TestMethod]
        public void Equals_IllFormedBytes_False()
        {
            // Lone surrogates in the string: desktop only (nf-tests/host/Text/DesktopStringSemanticsTests.cs).
            Assert.IsFalse(Utf8.Equals(new byte[] { 0xC3 }, 0, 1, "\u00C3"));
            Assert.IsFalse(Utf8.Equals(new byte[] { 0xED, 0xA0, 0x80 }, 0, 3, "\uFFFD"));
        }

        [TestMethod]
        public void Equals_Misuse_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => Utf8.Equals(null, 0, 0, "a"));
            Assert.ThrowsException(typeof(ArgumentNullException), () => Utf8.Equals(new byte[1], 0, 1, null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Utf8.Equals(new byte[1], 1, 1, "a"));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Utf8.GetString(new byte[1], 0, 2));
        }
    }
}
