using System;
using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.Text;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Json
{
    [TestClass]
    public class JsonWriterTests
    {
        // Each scenario is a sequence of writes (see Run) and the exact compact JSON it must give.
        [TestMethod]
        [DataRow("emptyObject", "{}")]
        [DataRow("emptyArray", "[]")]
        [DataRow("nestedEmpty", "[[],{},[[]]]")]                 // commas between containers
        [DataRow("propertyName", "{\"a\":1,\"b\":2}")]           // WritePropertyName(string), comma before the second name
        [DataRow("propertyNameBytes", "{\"Temperature\":-40}")]  // WritePropertyName(byte[], int, int) with a window
        [DataRow("string", "[\"x\",\"\",\"yz\"]")]
        [DataRow("stringBytes", "[\"ab\"]")]                     // WriteString(byte[], int, int) with a window
        [DataRow("nullString", "[null]")]                        // WriteString((string)null)
        [DataRow("int", "[0,-2147483648,2147483647]")]
        [DataRow("long", "[1700000000000,-9223372036854775808]")]
        [DataRow("ulong", "[18446744073709551615]")]
        [DataRow("double", "[23.5,12.0,-0.0,1.0e-7,1.7976931348623157e+308]")]
        [DataRow("float", "[3.3,12.0,3.4028235e+38]")]
        [DataRow("literals", "[true,false,null]")]
        [DataRow("raw", "{\"id\":\"1\",\"params\":{\"a\":[1,2]},\"n\":0}")] // raw value between ordinary members
        [DataRow("rawRoot", "[1]")]                              // a raw value as the whole document
        [DataRow("pairs", "{\"s\":\"v\",\"i\":-1,\"l\":1700000000000,\"u\":1,\"d\":0.1,\"f\":0.1,\"b\":false}")]
        [DataRow("scalarRoot", "\"alone\"")]                     // a document may be a single value
        // The property post of the Python SDK wire capture (docs/test-vectors.md, The Python SDK wire capture, line 20), compacted.
        [DataRow("propertyPost", "{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"temperature\":25.5,\"LightSwitch\":1},\"method\":\"thing.event.property.post\"}")]
        // The Alink request envelope (docs/protocol.md, Request envelope).
        [DataRow("envelope", "{\"id\":\"17\",\"version\":\"1.0\",\"params\":{\"Temperature\":23.5,\"LightSwitch\":true},\"method\":\"thing.event.property.post\"}")]
        // deviceinfo/update of the wire capture (line 30), compacted: objects inside an array inside an object.
        [DataRow("deviceInfo", "{\"id\":\"5\",\"version\":\"1.0\",\"params\":[{\"attrKey\":\"room\",\"attrValue\":\"lab\"},{\"attrKey\":\"floor\",\"attrValue\":\"3\"}],\"method\":\"thing.deviceinfo.update\"}")]
        public void Write_Scenario_ExactOutputAndEveryShortWindowFails(string scenario, string expected)
        {
            JsonWriter writer = new JsonWriter();
            byte[] buffer = TestBuffers.Filled(expected.Length + 2);
            writer.Reset(buffer, 1, expected.Length);
            Run(scenario, writer);
            Assert.AreEqual(0, writer.Error);
            Assert.IsTrue(writer.IsComplete);
            Assert.AreEqual(expected.Length, writer.Length);
            Assert.AreEqual(expected, TestBuffers.Ascii(buffer, 1, expected.Length));
            TestBuffers.AssertUntouched(buffer, 0, 1);
            TestBuffers.AssertUntouched(buffer, 1 + expected.Length, buffer.Length);

            // One byte short, and every shorter window: each write stage must fail without passing the window's end.
            for (int size = expected.Length - 1; size >= 0; size--)
            {
                byte[] small = TestBuffers.Filled(expected.Length + 2);
                writer.Reset(small, 1, size);
                Run(scenario, writer);
                Assert.AreEqual(ErrorCode.BufferTooSmall, writer.Error, scenario + " in " + size + " bytes");
                Assert.IsFalse(writer.IsComplete);
                Assert.IsTrue(writer.Length <= size);
                TestBuffers.AssertUntouched(small, 0, 1);
                TestBuffers.AssertUntouched(small, 1 + size, small.Length);
            }
        }

        [TestMethod]
        [DataRow("a\"b", "\"a\\\"b\"")]                       // quote
        [DataRow("a\\b", "\"a\\\\b\"")]                       // backslash
        [DataRow("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]        // the five short escapes
        [DataRow("\u0001\u001F", "\"\\u0001\\u001F\"")]      // other control characters, upper-case hex (NUL: desktop only)
        [DataRow("\u000B\u0019", "\"\\u000B\\u0019\"")]      // a letter after 0, a digit after 1
        [DataRow("/\u007F", "\"/\u007F\"")]                   // solidus and DEL need no escape
        [DataRow("", "\"\"")]
        public void WriteString_Escapes(string value, string expected)
        {
            Assert.AreEqual(expected, WriteOne(value, false));
            Assert.AreEqual(expected, WriteOne(value, true));
        }

        [TestMethod]
        public void WritePropertyName_Escapes()
        {
            JsonWriter writer = new JsonWriter();
            byte[] buffer = new byte[32];
            writer.Reset(buffer, 0, buffer.Length);
            writer.WriteStartObject();
            writer.WritePropertyName("a\"\n");
            writer.WriteNumber(1);
            writer.WritePropertyName(TestBuffers.AsciiBytes("\\\u0002"), 0, 2);
            writer.WriteNumber(2);
            writer.WriteEndObject();
            Assert.AreEqual("{\"a\\\"\\n\":1,\"\\\\\\u0002\":2}", TestBuffers.Ascii(buffer, 0, writer.Length));
        }

        [TestMethod]
        public void WriteString_NonAscii_PassesUtf8Through()
        {
            // "é中😀" from a string: the surrogate pair becomes one 4-byte sequence; nothing is \u-escaped.
            byte[] expected = TestBuffers.FromHex("22C3A9E4B8ADF09F988022");
            JsonWriter writer = new JsonWriter();
            byte[] buffer = TestBuffers.Filled(expected.Length + 1);
            writer.Reset(buffer, 0, expected.Length);
            writer.WriteString("\u00E9\u4E2D\uD83D\uDE00");
            Assert.AreEqual(0, writer.Error);
            Assert.AreEqual(expected.Length, writer.Length);
            TestBuffers.AssertBytes(expected, buffer, 0);

            // The same text as UTF-8 bytes, inside a larger array to check the window.
            byte[] source = TestBuffers.FromHex("00C3A9E4B8ADF09F988000");
            buffer = TestBuffers.Filled(expected.Length + 1);
            writer.Reset(buffer, 0, expected.Length);
            writer.WriteString(source, 1, source.Length - 2);
            Assert.AreEqual(0, writer.Error);
            TestBuffers.AssertBytes(expected, buffer, 0);
            TestBuffers.AssertUntouched(buffer, expected.Length, buffer.Length);
        }

        [TestMethod]
        [DataRow("C3")]               // truncated 2-byte sequence
        [DataRow("EDA080")]           // encoded surrogate
        [DataRow("C0AF")]             // overlong
        [DataRow("41FF")]             // FF is never UTF-8
        public void WriteString_IllFormedUtf8_Malformed(string hex)
        {
            byte[] bytes = TestBuffers.FromHex(hex);
            JsonWriter writer = WriterInArray(16);
            writer.WriteString(bytes, 0, bytes.Length);
            Assert.AreEqual(ErrorCode.Malformed, writer.Error);
            Assert.AreEqual(1, writer.Length);

            writer = WriterInObject(16);
            writer.WritePropertyName(bytes, 0, bytes.Length);
            Assert.AreEqual(ErrorCode.Malformed, writer.Error);
        }

        [TestMethod]
        public void WriteNumber_NotFinite_FailsWithNotFinite()
        {
            JsonWriter writer = WriterInArray(32);
            writer.WriteNumber(double.NaN);
            Assert.AreEqual(ErrorCode.NotFinite, writer.Error);

            writer = WriterInArray(32);
            writer.WriteNumber(1);
            writer.WriteNumber(float.PositiveInfinity);
            Assert.AreEqual(ErrorCode.NotFinite, writer.Error);
            Assert.AreEqual(2, writer.Length); // "[1": the comma was not written either
        }

        [TestMethod]
        public void Depth_LimitReached_DepthExceeded()
        {
            JsonWriter writer = new JsonWriter(2);
            byte[] buffer = new byte[16];
            writer.Reset(buffer, 0, buffer.Length);
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WritePropertyName("a");
            Assert.AreEqual(2, writer.CurrentDepth);
            writer.WriteStartArray();
            Assert.AreEqual(ErrorCode.DepthExceeded, writer.Error);
            Assert.AreEqual("[{\"a\":", TestBuffers.Ascii(buffer, 0, writer.Length));
        }

        [TestMethod]
        public void Depth_ThirtyTwoLevels_Allowed()
        {
            // Levels alternate array / object (the object's member named ""); the 32nd is an empty object.
            JsonWriter writer = new JsonWriter(JsonWriter.MaxDepthLimit);
            byte[] buffer = new byte[128];
            writer.Reset(buffer, 0, buffer.Length);
            for (int level = 0; level < 32; level++)
            {
                if ((level & 1) == 0)
                {
                    writer.WriteStartArray();
                }
                else
                {
                    writer.WriteStartObject();
                    if (level < 31)
                    {
                        writer.WritePropertyName("");
                    }
                }
            }

            Assert.AreEqual(32, writer.CurrentDepth);
            writer.WriteEndObject();
            string expected = "{}";
            for (int level = 30; level >= 0; level--)
            {
                if ((level & 1) == 0)
                {
                    writer.WriteEndArray();
                    expected = "[" + expected + "]";
                }
                else
                {
                    writer.WriteEndObject();
                    expected = "{\"\":" + expected + "}";
                }
            }

            Assert.AreEqual(0, writer.Error);
            Assert.IsTrue(writer.IsComplete);
            Assert.AreEqual(expected, TestBuffers.Ascii(buffer, 0, writer.Length));
        }

        [TestMethod]
        public void Constructor_DepthOutsideLimits_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new JsonWriter(0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new JsonWriter(33));
        }

        [TestMethod]
        [DataRow("valueWithoutName")]      // {1
        [DataRow("nameInArray")]           // ["a":
        [DataRow("nameAtRoot")]            // "a":
        [DataRow("twoNames")]              // {"a":"b":
        [DataRow("endObjectInArray")]      // [}
        [DataRow("endArrayInObject")]      // {]
        [DataRow("endAtRoot")]             // }
        [DataRow("endAfterName")]          // {"a":}
        [DataRow("secondRoot")]            // 1 2
        [DataRow("valueAfterRootObject")]  // {} 1
        [DataRow("emptyRaw")]              // [<nothing>
        public void Misuse_FailsWithMalformed(string scenario)
        {
            JsonWriter writer = new JsonWriter();
            byte[] buffer = TestBuffers.Filled(16);
            writer.Reset(buffer, 0, 16);
            int before = RunMisuse(scenario, writer);
            Assert.AreEqual(ErrorCode.Malformed, writer.Error);
            Assert.AreEqual(before, writer.Length);
            Assert.IsFalse(writer.IsComplete);
            TestBuffers.AssertUntouched(buffer, before, buffer.Length);
        }

        [TestMethod]
        public void Error_IsSticky()
        {
            JsonWriter writer = new JsonWriter();
            byte[] buffer = TestBuffers.Filled(8);
            writer.Reset(buffer, 0, 4);
            writer.WriteStartArray();
            writer.WriteString("long");           // needs 6 bytes: fails
            Assert.AreEqual(ErrorCode.BufferTooSmall, writer.Error);
            writer.WriteNumber(1);                // would fit, but the writer is stopped
            writer.WriteEndArray();
            writer.WritePropertyName("x");        // misuse too: the first error stays
            Assert.AreEqual(ErrorCode.BufferTooSmall, writer.Error);
            Assert.AreEqual(1, writer.Length);
            TestBuffers.AssertUntouched(buffer, 1, buffer.Length);
        }

        [TestMethod]
        public void Reset_ClearsErrorAndState()
        {
            JsonWriter writer = new JsonWriter();
            byte[] buffer = new byte[8];
            writer.Reset(buffer, 0, 8);
            writer.WriteStartObject();
            writer.WriteNumber(1);
            Assert.AreEqual(ErrorCode.Malformed, writer.Error);

            writer.Reset(buffer, 2, 6);
            Assert.AreEqual(0, writer.Error);
            Assert.AreEqual(0, writer.Length);
            Assert.AreEqual(0, writer.CurrentDepth);
            Assert.IsFalse(writer.IsComplete);
            writer.WriteStartArray();
            writer.WriteBoolean(true);
            writer.WriteEndArray();
            Assert.IsTrue(writer.IsComplete);
            Assert.AreEqual("[true]", TestBuffers.Ascii(buffer, 2, 6));
        }

        [TestMethod]
        public void IsComplete_OnlyWhenRootClosed()
        {
            JsonWriter writer = new JsonWriter();
            writer.Reset(new byte[8], 0, 8);
            Assert.IsFalse(writer.IsComplete);
            writer.WriteStartObject();
            Assert.IsFalse(writer.IsComplete);
            writer.WriteEndObject();
            Assert.IsTrue(writer.IsComplete);
        }

        [TestMethod]
        public void NoReset_EveryWriteFailsWithBufferTooSmall()
        {
            JsonWriter writer = new JsonWriter();
            writer.WriteNumber(1);
            Assert.AreEqual(ErrorCode.BufferTooSmall, writer.Error);
            Assert.AreEqual(0, writer.Length);
        }

        [TestMethod]
        public void Misuse_OfArguments_Throws()
        {
            JsonWriter writer = WriterInObject(16);
            Assert.ThrowsException(typeof(ArgumentNullException), () => writer.WritePropertyName((string)null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => writer.WritePropertyName(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => writer.WriteNumber(null, 1));
            Assert.ThrowsException(typeof(ArgumentNullException), () => writer.WriteString(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => writer.WriteRawValue(null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => writer.WriteString(new byte[2], 1, 2));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => writer.Reset(new byte[2], 0, 3));
            Assert.ThrowsException(typeof(ArgumentNullException), () => writer.Reset(null, 0, 0));
            Assert.AreEqual(0, writer.Error);
        }

        private static void Run(string scenario, JsonWriter w)
        {
            switch (scenario)
            {
                case "emptyObject":
                    w.WriteStartObject();
                    w.WriteEndObject();
                    break;
                case "emptyArray":
                    w.WriteStartArray();
                    w.WriteEndArray();
                    break;
                case "nestedEmpty":
                    w.WriteStartArray();
                    w.WriteStartArray();
                    w.WriteEndArray();
                    w.WriteStartObject();
                    w.WriteEndObject();
                    w.WriteStartArray();
                    w.WriteStartArray();
                    w.WriteEndArray();
                    w.WriteEndArray();
                    w.WriteEndArray();
                    break;
                case "propertyName":
                    w.WriteStartObject();
                    w.WritePropertyName("a");
                    w.WriteNumber(1);
                    w.WritePropertyName("b");
                    w.WriteNumber(2);
                    w.WriteEndObject();
                    break;
                case "propertyNameBytes":
                    w.WriteStartObject();
                    w.WritePropertyName(TestBuffers.AsciiBytes("xTemperaturex"), 1, 11);
                    w.WriteNumber(-40);
                    w.WriteEndObject();
                    break;
                case "string":
                    w.WriteStartArray();
                    w.WriteString("x");
                    w.WriteString("");
                    w.WriteString("yz");
                    w.WriteEndArray();
                    break;
                case "stringBytes":
                    w.WriteStartArray();
                    w.WriteString(TestBuffers.AsciiBytes("-ab-"), 1, 2);
                    w.WriteEndArray();
                    break;
                case "nullString":
                    w.WriteStartArray();
                    w.WriteString((string)null);
                    w.WriteEndArray();
                    break;
                case "int":
                    w.WriteStartArray();
                    w.WriteNumber(0);
                    w.WriteNumber(int.MinValue);
                    w.WriteNumber(int.MaxValue);
                    w.WriteEndArray();
                    break;
                case "long":
                    w.WriteStartArray();
                    w.WriteNumber(1700000000000L);
                    w.WriteNumber(long.MinValue);
                    w.WriteEndArray();
                    break;
                case "ulong":
                    w.WriteStartArray();
                    w.WriteNumber(ulong.MaxValue);
                    w.WriteEndArray();
                    break;
                case "double":
                    w.WriteStartArray();
                    w.WriteNumber(23.5);
                    w.WriteNumber(12.0);
                    w.WriteNumber(BitConverter.Int64BitsToDouble(long.MinValue));
                    w.WriteNumber(1e-7);
                    w.WriteNumber(1.7976931348623157e308);
                    w.WriteEndArray();
                    break;
                case "float":
                    w.WriteStartArray();
                    w.WriteNumber(3.3f);
                    w.WriteNumber(12f);
                    w.WriteNumber(3.40282347e38f);
                    w.WriteEndArray();
                    break;
                case "literals":
                    w.WriteStartArray();
                    w.WriteBoolean(true);
                    w.WriteBoolean(false);
                    w.WriteNull();
                    w.WriteEndArray();
                    break;
                case "raw":
                    w.WriteStartObject();
                    w.WriteString("id", "1");
                    w.WritePropertyName("params");
                    w.WriteRawValue(TestBuffers.AsciiBytes("--{\"a\":[1,2]}--"), 2, 11);
                    w.WriteNumber("n", 0);
                    w.WriteEndObject();
                    break;
                case "rawRoot":
                    w.WriteRawValue(TestBuffers.AsciiBytes("[1]"), 0, 3);
                    break;
                case "pairs":
                    w.WriteStartObject();
                    w.WriteString("s", "v");
                    w.WriteNumber("i", -1);
                    w.WriteNumber("l", 1700000000000L);
                    w.WriteNumber("u", 1UL);
                    w.WriteNumber("d", 0.1);
                    w.WriteNumber("f", 0.1f);
                    w.WriteBoolean("b", false);
                    w.WriteEndObject();
                    break;
                case "scalarRoot":
                    w.WriteString("alone");
                    break;
                case "propertyPost":
                    w.WriteStartObject();
                    w.WriteString("id", "1");
                    w.WriteString("version", "1.0");
                    w.WritePropertyName("params");
                    w.WriteStartObject();
                    w.WriteNumber("temperature", 25.5);
                    w.WriteNumber("LightSwitch", 1);
                    w.WriteEndObject();
                    w.WriteString("method", "thing.event.property.post");
                    w.WriteEndObject();
                    break;
                case "envelope":
                    w.WriteStartObject();
                    w.WriteString("id", "17");
                    w.WriteString("version", "1.0");
                    w.WritePropertyName("params");
                    w.WriteStartObject();
                    w.WriteNumber("Temperature", 23.5);
                    w.WriteBoolean("LightSwitch", true);
                    w.WriteEndObject();
                    w.WriteString("method", "thing.event.property.post");
                    w.WriteEndObject();
                    break;
                case "deviceInfo":
                    w.WriteStartObject();
                    w.WriteString("id", "5");
                    w.WriteString("version", "1.0");
                    w.WritePropertyName("params");
                    w.WriteStartArray();
                    w.WriteStartObject();
                    w.WriteString("attrKey", "room");
                    w.WriteString("attrValue", "lab");
                    w.WriteEndObject();
                    w.WriteStartObject();
                    w.WriteString("attrKey", "floor");
                    w.WriteString("attrValue", "3");
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteString("method", "thing.deviceinfo.update");
                    w.WriteEndObject();
                    break;
                default:
                    throw new ArgumentException("unknown scenario " + scenario);
            }
        }

        /// <summary>Runs a misuse scenario; returns the length written before the faulty call.</summary>
        private static int RunMisuse(string scenario, JsonWriter w)
        {
            switch (scenario)
            {
                case "valueWithoutName":
                    w.WriteStartObject();
                    w.WriteNumber(1);
                    return 1;
                case "nameInArray":
                    w.WriteStartArray();
                    w.WritePropertyName("a");
                    return 1;
                case "nameAtRoot":
                    w.WritePropertyName("a");
                    return 0;
                case "twoNames":
                    w.WriteStartObject();
                    w.WritePropertyName("a");
                    w.WritePropertyName("b");
                    return 5;
                case "endObjectInArray":
                    w.WriteStartArray();
                    w.WriteEndObject();
                    return 1;
                case "endArrayInObject":
                    w.WriteStartObject();
                    w.WriteEndArray();
                    return 1;
                case "endAtRoot":
                    w.WriteEndObject();
                    return 0;
                case "endAfterName":
                    w.WriteStartObject();
                    w.WritePropertyName("a");
                    w.WriteEndObject();
                    return 5;
                case "secondRoot":
                    w.WriteNumber(1);
                    w.WriteNumber(2);
                    return 1;
                case "valueAfterRootObject":
                    w.WriteStartObject();
                    w.WriteEndObject();
                    w.WriteStartArray();
                    return 2;
                default:
                    w.WriteStartArray();
                    w.WriteRawValue(new byte[1], 1, 0);
                    return 1;
            }
        }

        /// <summary>One string value written alone (from a string or from its ASCII bytes), as text.</summary>
        private static string WriteOne(string value, bool asBytes)
        {
            JsonWriter writer = new JsonWriter();
            byte[] buffer = new byte[64];
            writer.Reset(buffer, 0, buffer.Length);
            if (asBytes)
            {
                byte[] bytes = TestBuffers.AsciiBytes(value);
                writer.WriteString(bytes, 0, bytes.Length);
            }
            else
            {
                writer.WriteString(value);
            }

            Assert.AreEqual(0, writer.Error);
            return TestBuffers.Ascii(buffer, 0, writer.Length);
        }

        private static JsonWriter WriterInArray(int size)
        {
            JsonWriter writer = new JsonWriter();
            writer.Reset(new byte[size], 0, size);
            writer.WriteStartArray();
            return writer;
        }

        private static JsonWriter WriterInObject(int size)
        {
            JsonWriter writer = new JsonWriter();
            writer.Reset(new byte[size], 0, size);
            writer.WriteStartObject();
            return writer;
        }
    }
}
