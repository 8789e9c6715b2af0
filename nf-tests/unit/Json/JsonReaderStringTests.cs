using System;
using LinkKit.Nano.Json;
using nanoFramework.TestFramework;
using static LinkKit.Nano.Tests.Json.JsonReaderTestHelper;

namespace LinkKit.Nano.Tests.Json
{
    [TestClass]
    public class JsonReaderStringTests
    {
        // Every escape JSON has, in one string: \" \\ \/ \b \f \n \r \t, \u in lower and upper hex, a BMP
        // character above U+07FF, and a surrogate pair (U+1F600).
        private const string AllEscapes = "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u20AC\\uD83D\\uDE00\"";
        private const string AllEscapesValue = "\"\\/\b\f\n\r\tA\u00e9\u20AC\uD83D\uDE00";
        private const string AllEscapesUtf8 = "22 5C 2F 08 0C 0A 0D 09 41 C3 A9 E2 82 AC F0 9F 98 80";

        private static JsonReader ReadFirst(string json)
        {
            JsonReader reader = Over(Bytes(json));
            Assert.IsTrue(reader.Read());
            return reader;
        }

        [TestMethod]
        public void GetString_EveryEscape_IsUnescaped()
        {
            JsonReader reader = ReadFirst(AllEscapes);
            Assert.IsTrue(reader.ValueIsEscaped);
            Assert.AreEqual(AllEscapesValue, reader.GetString());
        }

        [TestMethod]
        public void CopyString_EveryEscape_WritesUtf8()
        {
            JsonReader reader = ReadFirst(AllEscapes);
            byte[] destination = new byte[20];
            int length = reader.CopyString(destination, 1, 18);
            Assert.AreEqual(18, length);
            byte[] expected = Hex(AllEscapesUtf8);
            for (int i = 0; i < expected.Length; i++) Assert.AreEqual(expected[i], destination[1 + i], "byte " + i.ToString());
        }

        [TestMethod]
        public void ValueEquals_EveryEscape_ComparesTheUnescapedValue()
        {
            JsonReader reader = ReadFirst(AllEscapes);
            byte[] utf8 = Hex(AllEscapesUtf8);
            Assert.IsTrue(reader.ValueEquals(AllEscapesValue));
            Assert.IsTrue(reader.ValueEquals(utf8, 0, utf8.Length));
            Assert.IsFalse(reader.ValueEquals(AllEscapesValue.Substring(0, AllEscapesValue.Length - 2)));   // pair missing
            Assert.IsFalse(reader.ValueEquals(AllEscapesValue.Substring(0, AllEscapesValue.Length - 1)));   // lone high surrogate
            Assert.IsFalse(reader.ValueEquals(AllEscapesValue + "x"));
            Assert.IsFalse(reader.ValueEquals(utf8, 0, utf8.Length - 1));                                  // U+1F600 cut short
            Assert.IsFalse(reader.ValueEquals(utf8, 1, utf8.Length - 1));
            Assert.IsFalse(reader.ValueEquals(""));
        }

        [TestMethod]
        [DataRow("\"\\u0041\"", "A")]
        [DataRow("\"\\u00C9\\u00e9\"", "\u00C9\u00e9")]                   // hex digits in either case
        [DataRow("\"\\uFFFF\"", "\uFFFF")]                                  // a non-character is still a scalar value
        [DataRow("\"\\uD800\\uDC00\"", "\uD800\uDC00")]                     // U+10000, the first pair
        [DataRow("\"\\uDBFF\\uDFFF\"", "\uDBFF\uDFFF")]                     // U+10FFFF, the last
        [DataRow("\"a\\u00e9\u00e9\\\"\"", "a\u00e9\u00e9\"")]              // escaped and raw UTF-8 mixed
        [DataRow("\"\u00e9\u20AC\uD83D\uDE00\"", "\u00e9\u20AC\uD83D\uDE00")] // raw 2-, 3- and 4-byte UTF-8
        public void Strings_AreUnescapedTheSameWayByEveryAccessor(string json, string expected)
        {
            JsonReader reader = ReadFirst(json);
            Assert.AreEqual(expected, reader.GetString());
            Assert.IsTrue(reader.ValueEquals(expected));
            byte[] utf8 = Bytes(expected);
            Assert.IsTrue(reader.ValueEquals(utf8, 0, utf8.Length));
            byte[] copy = new byte[utf8.Length];
            Assert.AreEqual(utf8.Length, reader.CopyString(copy, 0, copy.Length));
            CollectionAssert.AreEqual(utf8, copy);
        }

        [TestMethod]
        public void ValueEquals_RawUtf8_MatchesOnlyTheSameText()
        {
            JsonReader reader = ReadFirst("\"\u00e9\u20AC\uD83D\uDE00\"");
            Assert.IsFalse(reader.ValueIsEscaped);
            Assert.IsTrue(reader.ValueEquals("\u00e9\u20AC\uD83D\uDE00"));
            Assert.IsFalse(reader.ValueEquals("\u00e9\u20AC"));
            Assert.IsFalse(reader.ValueEquals("\u00e9\u20AC\uD83D"));
            Assert.IsFalse(reader.ValueEquals("\u00e9\u20AC\uD83D\uDE01"));
            Assert.IsFalse(reader.ValueEquals("e\u20AC\uD83D\uDE00"));
        }

        [TestMethod]
        public void ValueEquals_PropertyName_ComparesTheName()
        {
            JsonReader reader = ReadFirst("{\"Light\\u0053witch\":1}");
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.ValueEquals("LightSwitch"));
            Assert.IsFalse(reader.ValueEquals("lightSwitch"));
            Assert.IsFalse(reader.ValueEquals("LightSwitc"));
        }

        [TestMethod]
        public void StringAccessors_OnOtherTokens_DoNotMatch()
        {
            JsonReader reader = ReadFirst("[200,\"200\"]");
            byte[] text = Bytes("200");
            Assert.IsFalse(reader.ValueEquals("["));
            Assert.IsTrue(reader.Read());
            Assert.IsFalse(reader.ValueEquals("200"));          // a number is not a string
            Assert.IsFalse(reader.ValueEquals(text, 0, text.Length));
            Assert.IsNull(reader.GetString());
            Assert.AreEqual(ErrorCode.WrongType, reader.CopyString(new byte[8], 0, 8));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.ValueEquals("200"));
            Assert.IsTrue(reader.ValueEquals(text, 0, text.Length));
        }

        [TestMethod]
        public void CopyString_EscapedOneByteShort_WritesNothing()
        {
            JsonReader reader = ReadFirst(AllEscapes);
            byte[] destination = Filled(20, 0xEE);                  // target [1, 18) and untouched bytes around it
            Assert.AreEqual(ErrorCode.BufferTooSmall, reader.CopyString(destination, 1, 17));
            AssertAll(destination, 0xEE);
        }

        [TestMethod]
        public void CopyString_UnescapedOneByteShort_WritesNothing()
        {
            JsonReader reader = ReadFirst("\"success\"");
            byte[] destination = Filled(9, 0xEE);
            Assert.AreEqual(ErrorCode.BufferTooSmall, reader.CopyString(destination, 1, 6));
            AssertAll(destination, 0xEE);
        }

        [TestMethod]
        public void CopyString_ExactFit_WritesOnlyTheValue()
        {
            JsonReader reader = ReadFirst("\"succ\\u0065ss\"");
            byte[] destination = Filled(9, 0xEE);
            Assert.AreEqual(7, reader.CopyString(destination, 1, 7));
            Assert.AreEqual((byte)0xEE, destination[0]);
            Assert.AreEqual((byte)0xEE, destination[8]);
            for (int i = 0; i < 7; i++) Assert.AreEqual((byte)"success"[i], destination[1 + i]);
        }

        [TestMethod]
        public void CopyString_EmptyString_WritesNothingAndReturnsZero()
        {
            JsonReader reader = ReadFirst("\"\"");
            byte[] destination = Filled(1, 0xEE);
            Assert.AreEqual(0, reader.CopyString(destination, 1, 0));
            Assert.AreEqual((byte)0xEE, destination[0]);
            Assert.AreEqual("", reader.GetString());
            Assert.IsTrue(reader.ValueEquals(""));
        }

        [TestMethod]
        public void StringAccessors_Misuse_Throws()
        {
            JsonReader reader = ReadFirst("\"a\"");
            Assert.ThrowsException(typeof(ArgumentNullException), () => reader.ValueEquals(null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => reader.ValueEquals(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => reader.ValueEquals(new byte[2], 1, 2));
            Assert.ThrowsException(typeof(ArgumentNullException), () => reader.CopyString(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => reader.CopyString(new byte[2], -1, 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => reader.CopyString(new byte[2], 3, 0));
        }

        private static byte[] Filled(int length, byte value)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) bytes[i] = value;
            return bytes;
        }

        private static void AssertAll(byte[] bytes, byte value)
        {
            for (int i = 0; i < bytes.Length; i++) Assert.AreEqual(value, bytes[i], "byte " + i.ToString());
        }
    }
}
