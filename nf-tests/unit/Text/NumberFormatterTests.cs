using System;
using LinkKit.Nano.Text;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Text
{
    [TestClass]
    public class NumberFormatterTests
    {
        [TestMethod]
        [DataRow(0, "0")]
        [DataRow(7, "7")]
        [DataRow(-1, "-1")]
        [DataRow(-40, "-40")]
        [DataRow(1000000000, "1000000000")]     // 10 digits, a power of ten
        [DataRow(int.MaxValue, "2147483647")]
        [DataRow(int.MinValue, "-2147483648")]  // its negation does not fit an int
        public void WriteInt32_WritesDecimal(int value, string expected)
        {
            byte[] buffer = TestBuffers.Filled(expected.Length + 2);
            Assert.AreEqual(expected.Length, NumberFormatter.WriteInt32(value, buffer, 1, expected.Length));
            Assert.AreEqual(expected, TestBuffers.Ascii(buffer, 1, expected.Length));
            AssertFrameUntouched(buffer, expected.Length);
        }

        [TestMethod]
        [DataRow(0L, "0")]
        [DataRow(1700000000000L, "1700000000000")]              // a millisecond timestamp
        [DataRow(999999999999999999L, "999999999999999999")]
        [DataRow(1000000000000000000L, "1000000000000000000")]  // 10^18, the largest power of ten a long holds
        [DataRow(long.MaxValue, "9223372036854775807")]
        [DataRow(long.MinValue, "-9223372036854775808")]        // its negation does not fit a long
        [DataRow(-1L, "-1")]
        public void WriteInt64_WritesDecimal(long value, string expected)
        {
            byte[] buffer = TestBuffers.Filled(expected.Length + 2);
            Assert.AreEqual(expected.Length, NumberFormatter.WriteInt64(value, buffer, 1, expected.Length));
            Assert.AreEqual(expected, TestBuffers.Ascii(buffer, 1, expected.Length));
            AssertFrameUntouched(buffer, expected.Length);
        }

        [TestMethod]
        [DataRow(0UL, "0")]
        [DataRow(9999999999999999999UL, "9999999999999999999")]
        [DataRow(10000000000000000000UL, "10000000000000000000")] // 10^19, the last entry of the power table
        [DataRow(ulong.MaxValue, "18446744073709551615")]
        public void WriteUInt64_WritesDecimal(ulong value, string expected)
        {
            byte[] buffer = TestBuffers.Filled(expected.Length + 2);
            Assert.AreEqual(expected.Length, NumberFormatter.WriteUInt64(value, buffer, 1, expected.Length));
            Assert.AreEqual(expected, TestBuffers.Ascii(buffer, 1, expected.Length));
            AssertFrameUntouched(buffer, expected.Length);
        }

        [TestMethod]
        [DataRow(0.0, "0.0")]
        [DataRow(12.0, "12.0")]                  // an integral value still carries a point
        [DataRow(23.5, "23.5")]
        [DataRow(0.1, "0.1")]                    // shortest, not 0.1000000000000000055511151231257827
        [DataRow(0.3, "0.3")]
        [DataRow(0.30000000000000004, "0.30000000000000004")] // 0.1 + 0.2: 17 digits are needed
        [DataRow(-40.25, "-40.25")]
        [DataRow(1013.25, "1013.25")]
        [DataRow(3.3, "3.3")]
        [DataRow(0.001, "0.001")]
        [DataRow(12345.678, "12345.678")]
        [DataRow(0.000001, "0.000001")]          // 1e-6: the smallest exponent still written plainly
        [DataRow(1e-7, "1.0e-7")]                // 1e-7: exponent notation starts; one digit still gets a point
        [DataRow(-1.5e-10, "-1.5e-10")]
        [DataRow(1e20, "100000000000000000000.0")] // the largest exponent still written plainly
        [DataRow(1e21, "1.0e+21")]
        [DataRow(1.5e21, "1.5e+21")]
        [DataRow(1e23, "1.0e+23")]                // not exactly representable; shortest is still 1e+23
        [DataRow(9007199254740992.0, "9007199254740992.0")] // 2^53
        [DataRow(123456789012345680.0, "123456789012345680.0")] // 17 digits then a zero
        [DataRow(1.7976931348623157e308, "1.7976931348623157e+308")] // double.MaxValue
        [DataRow(-1.7976931348623157e308, "-1.7976931348623157e+308")]
        [DataRow(2.2250738585072014e-308, "2.2250738585072014e-308")] // smallest normal
        [DataRow(4.9406564584124654e-324, "5.0e-324")]                // smallest subnormal
        [DataRow(-4.9E-324, "-5.0e-324")]                             // the console's default double minimum
        [DataRow(4.1045368012983762e-289, "4.1045368012983762e-289")] // 2^-958 (as Python's repr; .NET's "R" drops a digit and misses)
        [DataRow(2.9802322387695312e-8, "2.9802322387695312e-8")]     // 2^-25, likewise
        [DataRow(1125899906842624.25, "1125899906842624.2")]          // 2^50 + 1/4: exactly between ...624.2 and ...624.3, ties to even
        public void WriteDouble_WritesShortestRoundTripForm(double value, string expected)
        {
            byte[] buffer = TestBuffers.Filled(expected.Length + 2);
            Assert.AreEqual(expected.Length, NumberFormatter.WriteDouble(value, buffer, 1, expected.Length));
            Assert.AreEqual(expected, TestBuffers.Ascii(buffer, 1, expected.Length));
            AssertFrameUntouched(buffer, expected.Length);
        }

        [TestMethod]
        public void WriteDouble_NegativeZero_KeepsSign()
        {
            double negativeZero = BitConverter.Int64BitsToDouble(long.MinValue);
            byte[] buffer = TestBuffers.Filled(6);
            Assert.AreEqual(4, NumberFormatter.WriteDouble(negativeZero, buffer, 1, 4));
            Assert.AreEqual("-0.0", TestBuffers.Ascii(buffer, 1, 4));
            AssertFrameUntouched(buffer, 4);
        }

        [TestMethod]
        [DataRow(0.0f, "0.0")]
        [DataRow(12.0f, "12.0")]
        [DataRow(23.5f, "23.5")]
        [DataRow(0.1f, "0.1")]                   // the float's shortest form, not its double widening 0.10000000149011612
        [DataRow(3.3f, "3.3")]
        [DataRow(-40.25f, "-40.25")]
        [DataRow(1013.25f, "1013.25")]
        [DataRow(16777216.0f, "16777216.0")]     // 2^24
        [DataRow(1e10f, "10000000000.0")]
        [DataRow(1e-7f, "1.0e-7")]
        [DataRow(3e38f, "3.0e+38")]                 // a console float maximum
        [DataRow(3.40282347e38f, "3.4028235e+38")]   // float.MaxValue
        [DataRow(1.17549435e-38f, "1.1754944e-38")]  // smallest normal float
        [DataRow(1.401298464e-45f, "1.0e-45")]        // smallest subnormal float
        public void WriteSingle_WritesShortestRoundTripForm(float value, string expected)
        {
            byte[] buffer = TestBuffers.Filled(expected.Length + 2);
            Assert.AreEqual(expected.Length, NumberFormatter.WriteSingle(value, buffer, 1, expected.Length));
            Assert.AreEqual(expected, TestBuffers.Ascii(buffer, 1, expected.Length));
            AssertFrameUntouched(buffer, expected.Length);
        }

        [TestMethod]
        public void WriteSingle_NegativeZero_KeepsSign()
        {
            float negativeZero = (float)BitConverter.Int64BitsToDouble(long.MinValue);
            byte[] buffer = TestBuffers.Filled(6);
            Assert.AreEqual(4, NumberFormatter.WriteSingle(negativeZero, buffer, 1, 4));
            Assert.AreEqual("-0.0", TestBuffers.Ascii(buffer, 1, 4));
        }

        [TestMethod]
        public void WriteDouble_NotFinite_FailsAndWritesNothing()
        {
            byte[] buffer = TestBuffers.Filled(32);
            Assert.AreEqual(ErrorCode.NotFinite, NumberFormatter.WriteDouble(double.NaN, buffer, 0, 32));
            Assert.AreEqual(ErrorCode.NotFinite, NumberFormatter.WriteDouble(double.PositiveInfinity, buffer, 0, 32));
            Assert.AreEqual(ErrorCode.NotFinite, NumberFormatter.WriteDouble(double.NegativeInfinity, buffer, 0, 32));
            Assert.AreEqual(ErrorCode.NotFinite, NumberFormatter.WriteSingle(float.NaN, buffer, 0, 32));
            Assert.AreEqual(ErrorCode.NotFinite, NumberFormatter.WriteSingle(float.PositiveInfinity, buffer, 0, 32));
            Assert.AreEqual(ErrorCode.NotFinite, NumberFormatter.WriteSingle(float.NegativeInfinity, buffer, 0, 32));
            TestBuffers.AssertUntouched(buffer, 0, buffer.Length);
        }

        private delegate int Formatter(byte[] buffer, int offset, int count);

        [TestMethod]
        public void WriteIntegers_OneByteShort_WritesNothing()
        {
            AssertShortWindowsFail((b, o, c) => NumberFormatter.WriteInt32(int.MinValue, b, o, c), "-2147483648");
            AssertShortWindowsFail((b, o, c) => NumberFormatter.WriteInt64(long.MinValue, b, o, c), "-9223372036854775808");
            AssertShortWindowsFail((b, o, c) => NumberFormatter.WriteUInt64(ulong.MaxValue, b, o, c), "18446744073709551615");
        }

        // One byte short for each layout of the floating-point output.
        [TestMethod]
        [DataRow(-1.7976931348623157e308, "-1.7976931348623157e+308")] // exponent form
        [DataRow(-123456789012345680.0, "-123456789012345680.0")]       // integral form, padded with zeros
        [DataRow(-12345.678, "-12345.678")]                             // point inside the digits
        [DataRow(-0.000001, "-0.000001")]                               // leading zeros
        [DataRow(1e-7, "1.0e-7")]                                       // one digit, exponent form
        public void WriteDouble_OneByteShort_WritesNothing(double value, string text)
        {
            AssertShortWindowsFail((b, o, c) => NumberFormatter.WriteDouble(value, b, o, c), text);
        }

        [TestMethod]
        [DataRow(-3.40282347e38f, "-3.4028235e+38")]
        [DataRow(-1013.25f, "-1013.25")]
        public void WriteSingle_OneByteShort_WritesNothing(float value, string text)
        {
            AssertShortWindowsFail((b, o, c) => NumberFormatter.WriteSingle(value, b, o, c), text);
        }

        [TestMethod]
        public void Write_Misuse_Throws()
        {
            byte[] buffer = new byte[8];
            Assert.ThrowsException(typeof(ArgumentNullException), () => NumberFormatter.WriteInt32(1, null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentNullException), () => NumberFormatter.WriteDouble(1, null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => NumberFormatter.WriteInt64(1, buffer, -1, 1));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => NumberFormatter.WriteUInt64(1, buffer, 0, 9));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => NumberFormatter.WriteSingle(1, buffer, 8, 1));
        }

        /// <summary>
        /// Every window shorter than <paramref name="text"/> (one byte short down to empty) gives BufferTooSmall with
        /// no byte touched; the exact window gives the text with the sentinels around it intact.
        /// </summary>
        private static void AssertShortWindowsFail(Formatter format, string text)
        {
            for (int shortBy = 1; shortBy <= text.Length; shortBy++)
            {
                byte[] buffer = TestBuffers.Filled(text.Length + 1);
                Assert.AreEqual(ErrorCode.BufferTooSmall, format(buffer, 1, text.Length - shortBy), text + " short by " + shortBy);
                TestBuffers.AssertUntouched(buffer, 0, buffer.Length);
            }

            byte[] exact = TestBuffers.Filled(text.Length + 2);
            Assert.AreEqual(text.Length, format(exact, 1, text.Length));
            Assert.AreEqual(text, TestBuffers.Ascii(exact, 1, text.Length));
            AssertFrameUntouched(exact, text.Length);
        }

        /// <summary>The sentinels on either side of a value written at buffer[1, 1 + length) are intact.</summary>
        private static void AssertFrameUntouched(byte[] buffer, int length)
        {
            TestBuffers.AssertUntouched(buffer, 0, 1);
            TestBuffers.AssertUntouched(buffer, 1 + length, buffer.Length);
        }
    }
}
