using LinkKit.Nano.Json;
using nanoFramework.TestFramework;
using static LinkKit.Nano.Tests.Json.JsonReaderTestHelper;

namespace LinkKit.Nano.Tests.Json
{
    [TestClass]
    public class JsonReaderTryGetTests
    {
        private static JsonReader ReadFirst(string json)
        {
            JsonReader reader = Over(Bytes(json));
            Assert.IsTrue(reader.Read());
            return reader;
        }

        [TestMethod]
        [DataRow("200", ErrorCode.Ok, 200)]
        [DataRow("-2147483648", ErrorCode.Ok, int.MinValue)]
        [DataRow("2147483648", ErrorCode.OutOfRange, 0)]
        [DataRow("1.0", ErrorCode.Ok, 1)]                        // an exact integer in any spelling
        [DataRow("1.5", ErrorCode.OutOfRange, 0)]
        [DataRow("\"200\"", ErrorCode.WrongType, 0)]             // strict: a numeric string is not a number
        [DataRow("true", ErrorCode.WrongType, 0)]
        [DataRow("null", ErrorCode.WrongType, 0)]
        [DataRow("[]", ErrorCode.WrongType, 0)]
        public void TryGetInt32_GivesCodeAndValue(string json, int code, int expected)
        {
            int value;
            Assert.AreEqual(code, ReadFirst(json).TryGetInt32(out value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        [DataRow("1700000000000", ErrorCode.Ok, 1700000000000L)]   // a millisecond timestamp
        [DataRow("-9223372036854775808", ErrorCode.Ok, long.MinValue)]
        [DataRow("9223372036854775808", ErrorCode.OutOfRange, 0L)]
        [DataRow("\"1\"", ErrorCode.WrongType, 0L)]
        public void TryGetInt64_GivesCodeAndValue(string json, int code, long expected)
        {
            long value;
            Assert.AreEqual(code, ReadFirst(json).TryGetInt64(out value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        [DataRow("30.5", ErrorCode.Ok, 30.5)]
        [DataRow("-1e-3", ErrorCode.Ok, -0.001)]
        [DataRow("1e400", ErrorCode.OutOfRange, 0.0)]
        [DataRow("\"30.5\"", ErrorCode.WrongType, 0.0)]
        public void TryGetDouble_GivesCodeAndValue(string json, int code, double expected)
        {
            double value;
            Assert.AreEqual(code, ReadFirst(json).TryGetDouble(out value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        [DataRow("true", ErrorCode.Ok, true)]
        [DataRow("false", ErrorCode.Ok, false)]
        [DataRow("\"true\"", ErrorCode.WrongType, false)]
        [DataRow("1", ErrorCode.WrongType, false)]
        [DataRow("null", ErrorCode.WrongType, false)]
        public void TryGetBoolean_GivesCodeAndValue(string json, int code, bool expected)
        {
            bool value;
            Assert.AreEqual(code, ReadFirst(json).TryGetBoolean(out value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        [DataRow("\"45\"", ErrorCode.Ok, 45L)]                   // an Alink message id
        [DataRow("\"4294967295\"", ErrorCode.Ok, 4294967295L)]   // the largest id the platform issues
        [DataRow("\"-7\"", ErrorCode.Ok, -7L)]
        [DataRow("\"9223372036854775808\"", ErrorCode.OutOfRange, 0L)]
        [DataRow("\"\"", ErrorCode.Malformed, 0L)]
        [DataRow("\"045\"", ErrorCode.Malformed, 0L)]
        [DataRow("\" 45\"", ErrorCode.Malformed, 0L)]
        [DataRow("\"+45\"", ErrorCode.Malformed, 0L)]
        [DataRow("\"4a\"", ErrorCode.Malformed, 0L)]
        [DataRow("\"\\u0034\\u0035\"", ErrorCode.Malformed, 0L)] // escaped digits are not accepted
        [DataRow("45", ErrorCode.WrongType, 0L)]                 // a number token: use TryGetInt64
        public void TryGetInt64FromString_GivesCodeAndValue(string json, int code, long expected)
        {
            long value;
            Assert.AreEqual(code, ReadFirst(json).TryGetInt64FromString(out value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        [DataRow("1571724098920", ErrorCode.Ok, 1571724098920L)]
        [DataRow("\"1571724098920\"", ErrorCode.Ok, 1571724098920L)]
        [DataRow("1.5", ErrorCode.OutOfRange, 0L)]               // not an integer, as TryGetInt64 says
        [DataRow("\"x\"", ErrorCode.Malformed, 0L)]
        [DataRow("true", ErrorCode.WrongType, 0L)]
        public void TryGetInt64FromNumberOrString_EitherForm(string json, int code, long expected)
        {
            long value;
            Assert.AreEqual(code, ReadFirst(json).TryGetInt64FromNumberOrString(out value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        public void TryGet_PropertySetParams_ReadsEachType()
        {
            JsonReader reader = Over(Bytes("{\"temperature\":30.5,\"LightSwitch\":1,\"on\":true}"));
            double temperature;
            int lightSwitch;
            bool on;
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.MoveToProperty("temperature"));
            Assert.AreEqual(ErrorCode.Ok, reader.TryGetDouble(out temperature));
            Assert.IsTrue(reader.MoveToProperty("LightSwitch"));
            Assert.AreEqual(ErrorCode.Ok, reader.TryGetInt32(out lightSwitch));
            Assert.IsTrue(reader.MoveToProperty("on"));
            Assert.AreEqual(ErrorCode.Ok, reader.TryGetBoolean(out on));
            Assert.AreEqual(30.5, temperature);
            Assert.AreEqual(1, lightSwitch);
            Assert.IsTrue(on);
        }
    }
}
