using System;
using LinkKit.Nano.Text;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Text
{
    [TestClass]
    public class NumberParserTests
    {
        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }

        /// <summary>The text at offset 2 of a buffer whose other bytes are digits, so reading outside the slice would change the result.</summary>
        private static byte[] Padded(string text)
        {
            byte[] bytes = new byte[text.Length + 4];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)'9';
            for (int i = 0; i < text.Length; i++) bytes[2 + i] = (byte)text[i];
            return bytes;
        }

        [TestMethod]
        [DataRow("0", 0)]
        [DataRow("-0", 0)]
        [DataRow("7", 7)]
        [DataRow("-7", -7)]
        [DataRow("2147483647", int.MaxValue)]
        [DataRow("-2147483648", int.MinValue)]
        [DataRow("1.0", 1)]                                      // exact integers in any spelling are accepted
        [DataRow("-1.50e1", -15)]
        [DataRow("1e2", 100)]
        [DataRow("1E+2", 100)]
        [DataRow("100e-2", 1)]
        [DataRow("0.0e0", 0)]
        [DataRow("0e999999999999", 0)]                           // zero stays zero whatever the exponent
        [DataRow("21474836.47e2", int.MaxValue)]
        [DataRow("12345678900000000000000e-13", 1234567890)]           // long spellings of small integers
        public void TryParseInt32_Integer_IsOk(string text, int expected)
        {
            int value;
            byte[] bytes = Padded(text);
            Assert.AreEqual(ErrorCode.Ok, NumberParser.TryParseInt32(bytes, 2, text.Length, out value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        [DataRow("2147483648")]                                  // one past the ends
        [DataRow("-2147483649")]
        [DataRow("99999999999999999999")]
        [DataRow("1e10")]
        [DataRow("1e999999999999999999999")]                     // exponent far beyond any range
        [DataRow("1.5")]                                         // a fraction is not an integer
        [DataRow("0.5")]
        [DataRow("1e-1")]
        [DataRow("-0.000001")]
        [DataRow("1.0000000000000000000000001")]
        public void TryParseInt32_NotAnInt32_IsOutOfRange(string text)
        {
            int value;
            byte[] bytes = Padded(text);
            Assert.AreEqual(ErrorCode.OutOfRange, NumberParser.TryParseInt32(bytes, 2, text.Length, out value));
            Assert.AreEqual(0, value);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("-")]
        [DataRow("+1")]                                          // no leading '+'
        [DataRow("01")]                                          // no leading zeros
        [DataRow("-01")]
        [DataRow("00")]
        [DataRow("1.")]                                          // no bare points
        [DataRow(".5")]
        [DataRow("-.5")]
        [DataRow("1.e5")]
        [DataRow("1e")]
        [DataRow("1e+")]
        [DataRow("1e-")]
        [DataRow("1E--5")]
        [DataRow("1e5e5")]
        [DataRow("1.2.3")]
        [DataRow("--1")]
        [DataRow(" 1")]                                          // no whitespace
        [DataRow("1 ")]
        [DataRow("0x1")]
        [DataRow("1_000")]
        [DataRow("NaN")]
        [DataRow("Infinity")]
        [DataRow("-Infinity")]
        [DataRow("\u0661")]                                      // only ASCII digits
        public void TryParse_NotAJsonNumber_IsMalformed(string text)
        {
            byte[] bytes = Padded(text);
            int i;
            long l;
            double d;
            Assert.AreEqual(ErrorCode.Malformed, NumberParser.TryParseInt32(bytes, 2, text.Length, out i));
            Assert.AreEqual(ErrorCode.Malformed, NumberParser.TryParseInt64(bytes, 2, text.Length, out l));
            Assert.AreEqual(ErrorCode.Malformed, NumberParser.TryParseDouble(bytes, 2, text.Length, out d));
            Assert.AreEqual(0, i);
            Assert.AreEqual(0L, l);
            Assert.AreEqual(0.0, d);
        }

        [TestMethod]
        [DataRow("9223372036854775807", ErrorCode.Ok, long.MaxValue)]
        [DataRow("-9223372036854775808", ErrorCode.Ok, long.MinValue)]
        [DataRow("9223372036854775807.000", ErrorCode.Ok, long.MaxValue)]
        [DataRow("-922337203685477580.8e1", ErrorCode.Ok, long.MinValue)]
        [DataRow("1700000000000", ErrorCode.Ok, 1700000000000L)]
        [DataRow("9223372036854775808", ErrorCode.OutOfRange, 0L)]
        [DataRow("-9223372036854775809", ErrorCode.OutOfRange, 0L)]
        [DataRow("18446744073709551616", ErrorCode.OutOfRange, 0L)]    // 2^64: must not wrap
        [DataRow("10000000000000000000", ErrorCode.OutOfRange, 0L)]    // 10^19
        [DataRow("1e19", ErrorCode.OutOfRange, 0L)]
        [DataRow("1e18", ErrorCode.Ok, 1000000000000000000L)]
        [DataRow("0.1e1", ErrorCode.Ok, 1L)]
        public void TryParseInt64_GivesCodeAndValue(string text, int code, long expected)
        {
            long value;
            byte[] bytes = Padded(text);
            Assert.AreEqual(code, NumberParser.TryParseInt64(bytes, 2, text.Length, out value));
            Assert.AreEqual(expected, value);
        }

        [TestMethod]
        [DataRow("0", 0.0)]
        [DataRow("30.5", 30.5)]
        [DataRow("0.1", 0.1)]
        [DataRow("-273.15", -273.15)]
        [DataRow("3.141592653589793", 3.141592653589793)]
        [DataRow("1e23", 1e23)]                                  // not exact: 10^23 lies between two doubles
        [DataRow("1e308", 1e308)]
        [DataRow("1.7976931348623157e308", double.MaxValue)]
        [DataRow("1.7976931348623158e308", double.MaxValue)]     // below the halfway point to 2^1024
        [DataRow("2.2250738585072014e-308", 2.2250738585072014e-308)]  // the smallest normal
        [DataRow("2.2250738585072011e-308", 2.2250738585072011e-308)]  // near the largest subnormal (a classic hang)
        [DataRow("1e-320", 1e-320)]                              // subnormal
        [DataRow("4.9406564584124654e-324", double.Epsilon)]     // the smallest subnormal
        [DataRow("5e-324", double.Epsilon)]
        [DataRow("2.4703282292062328e-324", double.Epsilon)]     // just above half of it
        [DataRow("2.4703282292062327e-324", 0.0)]                // just below: rounds to zero
        [DataRow("1e-400", 0.0)]                                 // underflow is a rounding, not an error
        [DataRow("9007199254740993", 9007199254740992.0)]        // 2^53 + 1: a tie, to even
        [DataRow("9007199254740995", 9007199254740996.0)]        // 2^53 + 3: a tie, to even
        [DataRow("7.2057594037927933e16", 72057594037927936.0)]
        [DataRow("123456789012345678901234567890", 1.2345678901234568e29)]  // more than 19 digits
        [DataRow("1.00000000000000011102230246251565404236316680908203125", 1.0)]  // exactly halfway 1 .. 1+2^-52: to even
        [DataRow("1.00000000000000011102230246251565404236316680908203126", 1.0000000000000002)]
        [DataRow("1.00000000000000011102230246251565404236316680908203124", 1.0)]
        [DataRow("1.00000000000000011102230246251565404236316680908203125000000000000000001", 1.0000000000000002)]
        [DataRow("0.000000000000000000000000000000000000000000000000000000000000000000000000001e75", 1.0)]
        [DataRow("1e0000000000000000000000000000000000001", 10.0)]
        public void TryParseDouble_IsCorrectlyRounded(string text, double expected)
        {
            double value;
            byte[] bytes = Padded(text);
            Assert.AreEqual(ErrorCode.Ok, NumberParser.TryParseDouble(bytes, 2, text.Length, out value));
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value), text);
        }

        [TestMethod]
        [DataRow("-0")]
        [DataRow("-0.0e5")]
        [DataRow("-1e-400")]                                      // underflow keeps the sign
        public void TryParseDouble_NegativeZero_KeepsTheSign(string text)
        {
            double value;
            byte[] bytes = Ascii(text);
            Assert.AreEqual(ErrorCode.Ok, NumberParser.TryParseDouble(bytes, 0, bytes.Length, out value));
            Assert.AreEqual(long.MinValue, BitConverter.DoubleToInt64Bits(value));
        }

        [TestMethod]
        [DataRow("1.7976931348623159e308")]                      // rounds to 2^1024
        [DataRow("1e309")]
        [DataRow("1e400")]
        [DataRow("-1e400")]
        [DataRow("1e999999999999999999999")]
        public void TryParseDouble_BeyondMaxValue_IsOutOfRange(string text)
        {
            double value;
            byte[] bytes = Ascii(text);
            Assert.AreEqual(ErrorCode.OutOfRange, NumberParser.TryParseDouble(bytes, 0, bytes.Length, out value));
            Assert.AreEqual(0.0, value);
        }

        [TestMethod]
        public void TryParseDouble_ManyDigits_UsesThemAll()
        {
            // The exact halfway point between 1 and the next double, padded to 955 digits: only the final
            // digit (past the 800 compared exactly) says whether the value is above the tie.
            string half = "1.00000000000000011102230246251565404236316680908203125";
            string text = half;
            for (int i = 0; i < 900; i++) text += "0";
            double value;
            byte[] bytes = Ascii(text + "1");
            Assert.AreEqual(ErrorCode.Ok, NumberParser.TryParseDouble(bytes, 0, bytes.Length, out value));
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(1.0000000000000002), BitConverter.DoubleToInt64Bits(value));
            bytes = Ascii(text);
            Assert.AreEqual(ErrorCode.Ok, NumberParser.TryParseDouble(bytes, 0, bytes.Length, out value));
            Assert.AreEqual(BitConverter.DoubleToInt64Bits(1.0), BitConverter.DoubleToInt64Bits(value));
        }

        [TestMethod]
        public void TryParse_Misuse_Throws()
        {
            int i;
            long l;
            double d;
            Assert.ThrowsException(typeof(ArgumentNullException), () => NumberParser.TryParseInt32(null, 0, 0, out i));
            Assert.ThrowsException(typeof(ArgumentNullException), () => NumberParser.TryParseInt64(null, 0, 0, out l));
            Assert.ThrowsException(typeof(ArgumentNullException), () => NumberParser.TryParseDouble(null, 0, 0, out d));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => NumberParser.TryParseInt32(new byte[2], -1, 1, out i));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => NumberParser.TryParseInt64(new byte[2], 1, 2, out l));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => NumberParser.TryParseDouble(new byte[2], 3, 0, out d));
        }
    }
}
