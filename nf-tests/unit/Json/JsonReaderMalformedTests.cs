using System;
using LinkKit.Nano.Json;
using nanoFramework.TestFramework;
using static LinkKit.Nano.Tests.Json.JsonReaderTestHelper;

namespace LinkKit.Nano.Tests.Json
{
    [TestClass]
    public class JsonReaderMalformedTests
    {
        // "!-2@n": Malformed (-2), detected at document offset n; "!-3@n": DepthExceeded.
        [TestMethod]
        [DataRow("", "!-2@0")]                                   // no value at all
        [DataRow("  ", "!-2@2")]
        [DataRow("{", "{ !-2@1")]                                // unclosed containers
        [DataRow("[", "[ !-2@1")]
        [DataRow("[1", "[ 1 !-2@2")]
        [DataRow("{\"a\":1", "{ a: 1 !-2@6")]
        [DataRow("{\"a\"", "{ !-2@4")]                           // name without ':'
        [DataRow("{\"a\":", "{ a: !-2@5")]                       // ':' without value
        [DataRow("[1,]", "[ 1 !-2@3")]                           // trailing commas
        [DataRow("{\"a\":1,}", "{ a: 1 !-2@7")]
        [DataRow("[,1]", "[ !-2@1")]
        [DataRow("[1,,2]", "[ 1 !-2@3")]
        [DataRow("[1 2]", "[ 1 !-2@3")]                          // missing commas
        [DataRow("{\"a\":1 \"b\":2}", "{ a: 1 !-2@7")]
        [DataRow("{\"a\" 1}", "{ !-2@5")]
        [DataRow("{1:2}", "{ !-2@1")]                            // names must be strings
        [DataRow("{'a':1}", "{ !-2@1")]
        [DataRow("{]", "{ !-2@1")]                               // mismatched brackets
        [DataRow("[}", "[ !-2@1")]
        [DataRow("[1}", "[ 1 !-2@2")]
        [DataRow("{\"a\":1]", "{ a: 1 !-2@6")]
        [DataRow("1 2", "1 !-2@2")]                              // two root values
        [DataRow("{}{}", "{ } !-2@2")]
        [DataRow("[] []", "[ ] !-2@3")]
        [DataRow("\"a\"\"b\"", "\"a\" !-2@3")]
        [DataRow("1,", "1 !-2@1")]
        [DataRow("\"a\":1", "\"a\" !-2@3")]
        [DataRow("[01]", "[ !-2@1")]                             // numbers: leading zero
        [DataRow("-01", "!-2@0")]
        [DataRow("00", "!-2@0")]
        [DataRow("+1", "!-2@0")]                                 // leading '+'
        [DataRow("-", "!-2@0")]
        [DataRow("-a", "!-2@0")]
        [DataRow("1.", "!-2@0")]                                 // bare fraction points
        [DataRow(".5", "!-2@0")]
        [DataRow("1.e5", "!-2@0")]
        [DataRow("1e", "!-2@0")]                                 // empty exponent
        [DataRow("1e+", "!-2@0")]
        [DataRow("--1", "!-2@0")]
        [DataRow("1-2", "!-2@0")]
        [DataRow("0x10", "!-2@1")]                               // no hex, no junk after a number
        [DataRow("1.5x", "!-2@3")]
        [DataRow("[1/*c*/]", "[ !-2@2")]                         // no comments
        [DataRow("//", "!-2@0")]
        [DataRow("NaN", "!-2@0")]
        [DataRow("Infinity", "!-2@0")]
        [DataRow("-Infinity", "!-2@0")]
        [DataRow("tru", "!-2@3")]                                // literals: exact and delimited
        [DataRow("trux", "!-2@3")]
        [DataRow("truex", "!-2@4")]
        [DataRow("True", "!-2@0")]
        [DataRow("nul", "!-2@3")]
        [DataRow("nulll", "!-2@4")]
        [DataRow("[falsy]", "[ !-2@5")]
        [DataRow("\"abc", "!-2@4")]                              // strings: unterminated
        [DataRow("\"abc\\", "!-2@5")]
        [DataRow("\"a\\x\"", "!-2@2")]                           // unknown escapes
        [DataRow("\"\\'\"", "!-2@1")]
        [DataRow("\"\\U0041\"", "!-2@1")]
        [DataRow("\"\\u12G4\"", "!-2@1")]                        // bad \u
        [DataRow("\"\\u123\"", "!-2@1")]
        [DataRow("\"\\u12", "!-2@1")]
        [DataRow("\"\\uD800\"", "!-2@1")]                        // lone high surrogate
        [DataRow("\"\\uD800", "!-2@1")]
        [DataRow("\"\\uDBFF\\u0041\"", "!-2@1")]                 // high surrogate then a non-surrogate
        [DataRow("\"\\uD800\\n\"", "!-2@1")]
        [DataRow("\"\\uD800\\uD800\"", "!-2@1")]                 // high then high
        [DataRow("\"\\uDC00\"", "!-2@1")]                        // lone low surrogate
        [DataRow("\"a\\uDFFF\\uD800\"", "!-2@2")]                // reversed pair
        [DataRow("\"a\tb\"", "!-2@2")]                           // raw control characters
        [DataRow("\"\u0000\"", "!-2@1")]
        [DataRow("\"\n\"", "!-2@1")]
        [DataRow("\"\u001F\"", "!-2@1")]
        [DataRow("{\"a\tb\":1}", "{ !-2@3")]
        [DataRow("\uFEFF{}", "!-2@0")]                           // no byte order mark
        public void Read_MalformedDocument_StopsWithErrorAndOffset(string json, string expected)
        {
            Assert.AreEqual(expected, Tokens(json));
        }

        // Strings holding UTF-8 that Unicode's table 3-7 forbids, or that is cut short.
        [TestMethod]
        [DataRow("22 80 22", "!-2@1")]                           // lone continuation byte
        [DataRow("22 BF 22", "!-2@1")]
        [DataRow("22 C0 AF 22", "!-2@1")]                        // overlong 2-byte forms
        [DataRow("22 C1 BF 22", "!-2@1")]
        [DataRow("22 E0 80 AF 22", "!-2@2")]                     // overlong 3-byte form
        [DataRow("22 E0 9F BF 22", "!-2@2")]
        [DataRow("22 F0 80 80 AF 22", "!-2@2")]                  // overlong 4-byte form
        [DataRow("22 F0 8F BF BF 22", "!-2@2")]
        [DataRow("22 ED A0 80 22", "!-2@2")]                     // U+D800 encoded in UTF-8
        [DataRow("22 ED BF BF 22", "!-2@2")]                     // U+DFFF encoded in UTF-8
        [DataRow("22 ED A0 BD ED B8 80 22", "!-2@2")]            // a surrogate pair encoded as two 3-byte forms (CESU-8)
        [DataRow("22 F4 90 80 80 22", "!-2@2")]                  // U+110000
        [DataRow("22 F5 80 80 80 22", "!-2@1")]                  // lead bytes that never occur
        [DataRow("22 F8 88 80 80 80 22", "!-2@1")]
        [DataRow("22 FE 22", "!-2@1")]
        [DataRow("22 FF 22", "!-2@1")]
        [DataRow("22 C3 22", "!-2@2")]                           // sequence interrupted by the quote
        [DataRow("22 E2 82 22", "!-2@3")]
        [DataRow("22 F0 9F 98 22", "!-2@4")]
        [DataRow("22 C3 41 22", "!-2@2")]                        // interrupted by ASCII
        [DataRow("22 E2 28 A1 22", "!-2@2")]
        [DataRow("22 C3", "!-2@2")]                              // cut by the end of the input
        [DataRow("22 E2 82", "!-2@3")]
        [DataRow("22 F0 9F 98", "!-2@4")]
        [DataRow("7B 22 FF 22 3A 31 7D", "{ !-2@2")]             // in a property name
        [DataRow("C3 A9", "!-2@0")]                              // outside a string
        public void Read_InvalidUtf8_IsMalformed(string hex, string expected)
        {
            Assert.AreEqual(expected, Tokens(Hex(hex)));
        }

        [TestMethod]
        [DataRow("22 C2 80 22", "\u0080")]                       // the edges of each valid range
        [DataRow("22 DF BF 22", "\u07FF")]
        [DataRow("22 E0 A0 80 22", "\u0800")]
        [DataRow("22 ED 9F BF 22", "\uD7FF")]
        [DataRow("22 EE 80 80 22", "\uE000")]
        [DataRow("22 EF BF BF 22", "\uFFFF")]
        [DataRow("22 F0 90 80 80 22", "\uD800\uDC00")]
        [DataRow("22 F4 8F BF BF 22", "\uDBFF\uDFFF")]
        public void Read_Utf8AtRangeEdges_IsAccepted(string hex, string expected)
        {
            Assert.AreEqual("\"" + expected + "\"", Tokens(Hex(hex)));
        }

        [TestMethod]
        public void Read_TooDeep_IsDepthExceededAtTheBracket()
        {
            Assert.AreEqual("[ [ 1 ] ]", Tokens("[[1]]", 2));
            Assert.AreEqual("[ [ !-3@2", Tokens("[[[1]]]", 2));
            Assert.AreEqual("{ a: { b: !-3@10", Tokens("{\"a\":{\"b\":{}}}", 2));
        }

        [TestMethod]
        public void Read_SixtyFourLevels_IsTheMaximum()
        {
            string open = "";
            string close = "";
            for (int i = 0; i < 64; i++)
            {
                open += "[";
                close += "]";
            }

            JsonReader reader = Over(Bytes(open + close), JsonReader.MaxSupportedDepth);
            int tokens = 0;
            while (reader.Read()) tokens++;
            Assert.AreEqual(ErrorCode.Ok, reader.Error);
            Assert.AreEqual(128, tokens);

            reader = Over(Bytes(open + "[" + "]" + close), JsonReader.MaxSupportedDepth);
            while (reader.Read()) { }
            Assert.AreEqual(ErrorCode.DepthExceeded, reader.Error);
            Assert.AreEqual(3 + 64, reader.ErrorOffset);
        }

        [TestMethod]
        public void Read_DocumentTruncatedAtEveryPosition_IsMalformed()
        {
            byte[] document = Bytes("{\"id\":\"4\\u00e95\",\"params\":{\"t\":-30.5e-1,\"on\":true,\"off\":false,\"n\":null,\"a\":[1,{\"x\":\"\u00e9\uD83D\uDE00\"}]},\"v\":\"1.0\"}");
            JsonReader reader = new JsonReader();
            for (int length = 0; length < document.Length; length++)
            {
                // The rest of the valid document follows the slice: reading past the slice would "repair" it.
                reader.Reset(document, 0, length);
                while (reader.Read()) Assert.IsTrue(reader.ValueOffset + reader.ValueLength <= length);
                Assert.AreEqual(ErrorCode.Malformed, reader.Error, "length " + length.ToString());
                Assert.IsTrue(reader.ErrorOffset >= 0 && reader.ErrorOffset <= length);

                // The same prefix ending exactly at the array's end: any over-read would throw.
                byte[] prefix = new byte[length];
                Array.Copy(document, prefix, length);
                reader.Reset(prefix, 0, length);
                while (reader.Read()) { }
                Assert.AreEqual(ErrorCode.Malformed, reader.Error, "length " + length.ToString());
            }

            reader.Reset(document, 0, document.Length);
            while (reader.Read()) { }
            Assert.AreEqual(ErrorCode.Ok, reader.Error);
        }

        [TestMethod]
        public void Read_AfterAnError_KeepsReturningFalse()
        {
            JsonReader reader = Over(Bytes("[1,]"));
            while (reader.Read()) { }
            Assert.AreEqual(ErrorCode.Malformed, reader.Error);
            Assert.IsFalse(reader.Read());
            Assert.AreEqual(ErrorCode.Malformed, reader.Error);
            Assert.AreEqual(3 + 3, reader.ErrorOffset);
            Assert.AreEqual((int)JsonTokenType.None, (int)reader.TokenType);
        }

        [TestMethod]
        public void Reader_Misuse_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new JsonReader(0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new JsonReader(65));
            JsonReader reader = new JsonReader();
            Assert.ThrowsException(typeof(InvalidOperationException), () => reader.Read());
            Assert.ThrowsException(typeof(ArgumentNullException), () => reader.Reset(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => reader.Reset(new byte[4], -1, 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => reader.Reset(new byte[4], 5, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => reader.Reset(new byte[4], 1, 4));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => reader.Reset(new byte[4], 0, -1));
        }
    }
}
