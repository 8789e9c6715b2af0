using System;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text;
using LinkKit.Nano.Text;
using Xunit;
using Xunit.Abstractions;

namespace LinkKit.Nano.Tests.Host.Text
{
    /// <summary>
    /// NumberParser against .NET's own parsers (double.Parse is correctly rounded since .NET Core 3.0) on
    /// random inputs from a fixed, printed seed; and its constant tables against exact BigInteger arithmetic.
    /// </summary>
    public sealed class NumberParserDifferentialTests
    {
        private const int Seed = 20260715;
        private readonly ITestOutputHelper _output;

        public NumberParserDifferentialTests(ITestOutputHelper output) { _output = output; }

        [Fact]
        public void CachedPowers_AreTheNearest64BitValuesOfTenToTheQ()
        {
            ulong[] cached = Table("s_cachedPowers");
            Assert.Equal(82, cached.Length);
            for (int i = 0; i < cached.Length; i++)
            {
                int q = -344 + 8 * i;
                Assert.Equal(Nearest64(q), cached[i]);
            }

            ulong[] small = Table("s_smallPowers");
            for (int r = 0; r < small.Length; r++) Assert.Equal(Nearest64(r), small[r]);
        }

        [Fact]
        public void Log2Pow10_IsExactOverTheUsedRange()
        {
            MethodInfo log2 = typeof(NumberParser).GetMethod("Log2Pow10", BindingFlags.NonPublic | BindingFlags.Static);
            for (int q = -400; q <= 400; q++)
            {
                int expected = FloorLog2Pow10(q);
                Assert.Equal(expected, (int)log2.Invoke(null, new object[] { q }));
            }
        }

        [Fact]
        public void TryParseDouble_RoundTripStringsOfRandomDoubles_MatchDoubleParse()
        {
            // Every finite double, written shortest ("R": at most 17 significant digits) in .NET's and in JSON's form.
            var random = new Random(Seed);
            int mismatches = 0;
            const int Count = 200_000;
            for (int i = 0; i < Count; i++)
            {
                double d = BitConverter.Int64BitsToDouble(NextInt64(random));
                if (double.IsNaN(d) || double.IsInfinity(d)) { i--; continue; }
                string text = d.ToString("R", CultureInfo.InvariantCulture);   // e.g. "-1.5", "1E+308": valid JSON
                mismatches += Check(text);
            }

            _output.WriteLine($"seed {Seed}: {Count} random doubles (<= 17 digits), {mismatches} mismatches");
            Assert.Equal(0, mismatches);
        }

        [Theory]
        [InlineData(1, 17, 150_000)]      // the digits a double needs
        [InlineData(18, 19, 50_000)]      // the most the 64-bit approximation holds exactly
        [InlineData(20, 40, 50_000)]      // truncated approximation, then exact comparison
        [InlineData(300, 820, 1_000)]     // past the 800 digits compared exactly
        public void TryParseDouble_RandomDecimalStrings_MatchDoubleParse(int minDigits, int maxDigits, int count)
        {
            var random = new Random(Seed + minDigits);
            int mismatches = 0;
            int outOfRange = 0;
            for (int i = 0; i < count; i++)
            {
                string text = RandomDecimal(random, random.Next(minDigits, maxDigits + 1));
                int mismatch = Check(text);
                if (mismatch != 0 && mismatches < 10) _output.WriteLine("mismatch: " + text);
                mismatches += mismatch;
                if (double.IsInfinity(double.Parse(text, CultureInfo.InvariantCulture))) outOfRange++;
            }

            _output.WriteLine($"seed {Seed + minDigits}: {count} random numbers of {minDigits}..{maxDigits} significant digits ({outOfRange} beyond MaxValue), {mismatches} mismatches");
            Assert.Equal(0, mismatches);
        }

        [Fact]
        public void TryParseDouble_HalfwayPointsAndTheirNeighbours_MatchDoubleParse()
        {
            // The exact decimal expansion of the midpoint between a random double and the next one (a tie: to even),
            // and the same plus or minus one unit in a further digit. These defeat every approximation.
            var random = new Random(Seed + 1);
            int mismatches = 0;
            const int Count = 30_000;
            for (int i = 0; i < Count; i++)
            {
                long bits = NextInt64(random) & long.MaxValue;
                if (bits >= 0x7FEFFFFFFFFFFFFF) { i--; continue; }
                if (i % 4 == 0) bits &= 0x001FFFFFFFFFFFFF;                  // many subnormals and tiny normals
                BigInteger mid = MidpointDigits(bits, out int scale);           // value = mid × 10^scale
                string exact = mid.ToString() + "e" + scale;
                string above = (mid * 10 + 1).ToString() + "e" + (scale - 1);
                string below = (mid * 10 - 1).ToString() + "e" + (scale - 1);
                mismatches += Check(exact) + Check(above) + Check(below);
            }

            _output.WriteLine($"seed {Seed + 1}: {Count} halfway points x 3, {mismatches} mismatches");
            Assert.Equal(0, mismatches);
        }

        [Fact]
        public void TryParseInt64AndInt32_RandomIntegers_MatchLongParse()
        {
            var random = new Random(Seed + 2);
            int mismatches = 0;
            const int Count = 150_000;
            for (int i = 0; i < Count; i++)
            {
                string text;
                switch (i % 3)
                {
                    case 0: text = NextInt64(random).ToString(CultureInfo.InvariantCulture); break;
                    case 1: text = random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture); break;
                    default: text = RandomDigits(random, random.Next(1, 26), negative: random.Next(2) == 0); break;
                }

                byte[] bytes = Encoding.ASCII.GetBytes(text);
                int longCode = NumberParser.TryParseInt64(bytes, 0, bytes.Length, out long l);
                bool longFits = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long expectedLong);
                if (longFits ? longCode != ErrorCode.Ok || l != expectedLong : longCode != ErrorCode.OutOfRange) mismatches++;

                int intCode = NumberParser.TryParseInt32(bytes, 0, bytes.Length, out int n);
                bool intFits = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int expectedInt);
                if (intFits ? intCode != ErrorCode.Ok || n != expectedInt : intCode != ErrorCode.OutOfRange) mismatches++;
            }

            _output.WriteLine($"seed {Seed + 2}: {Count} integers as Int64 and Int32, {mismatches} mismatches");
            Assert.Equal(0, mismatches);
        }

        /// <summary>0 when NumberParser and double.Parse agree on text (bit for bit, or both beyond MaxValue); else 1.</summary>
        private int Check(string text)
        {
            double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            int code = NumberParser.TryParseDouble(bytes, 0, bytes.Length, out double actual);
            bool same = double.IsInfinity(expected)
                ? code == ErrorCode.OutOfRange
                : code == ErrorCode.Ok && BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);
            if (!same) _output.WriteLine($"mismatch: {text} -> code {code}, {actual:R}, expected {expected:R}");
            return same ? 0 : 1;
        }

        /// <summary>A random JSON number with this many significant digits, in one of its spellings, across the whole double range.</summary>
        private static string RandomDecimal(Random random, int digits)
        {
            var mantissa = new StringBuilder(digits);
            mantissa.Append((char)('1' + random.Next(9)));
            for (int i = 1; i < digits; i++) mantissa.Append((char)('0' + random.Next(10)));
            if (digits > 1 && random.Next(4) == 0) mantissa[digits - 1] = (char)('1' + random.Next(9));   // else trailing zeros are common

            // value = mantissa × 10^(leading - digits + 1) with the leading digit's power in [-326, 310].
            int leading = random.Next(-326, 311);
            var text = new StringBuilder();
            if (random.Next(2) == 0) text.Append('-');
            int form = random.Next(3);
            int exponent;
            if (form == 0)
            {
                text.Append(mantissa);                               // "123e-5"
                exponent = leading - digits + 1;
            }
            else if (form == 1)
            {
                int point = random.Next(1, digits + 1);              // "1.23e-3" or "12.3e-4"
                text.Append(mantissa.ToString(0, point));
                if (point < digits) text.Append('.').Append(mantissa.ToString(point, digits - point));
                exponent = leading - point + 1;
            }
            else
            {
                int zeros = random.Next(0, 4);                       // "0.00123e-2"
                text.Append("0.").Append('0', zeros).Append(mantissa);
                exponent = leading + zeros + 1;
            }

            if (exponent != 0 || random.Next(3) == 0)
            {
                text.Append(random.Next(2) == 0 ? 'e' : 'E');
                if (exponent < 0) text.Append('-');
                else if (random.Next(2) == 0) text.Append('+');
                if (random.Next(8) == 0) text.Append('0');           // "1e007" is valid JSON
                text.Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        private static string RandomDigits(Random random, int length, bool negative)
        {
            var text = new StringBuilder();
            if (negative) text.Append('-');
            text.Append(length == 1 ? (char)('0' + random.Next(10)) : (char)('1' + random.Next(9)));
            for (int i = 1; i < length; i++) text.Append((char)('0' + random.Next(10)));
            return text.ToString();
        }

        /// <summary>The midpoint between the positive double with these bits and the next, as digits × 10^scale exactly.</summary>
        private static BigInteger MidpointDigits(long bits, out int scale)
        {
            long fraction = bits & 0xFFFFFFFFFFFFF;
            int biased = (int)(bits >> 52);
            BigInteger m = biased == 0 ? fraction : fraction | (1L << 52);
            int e = biased == 0 ? -1074 : biased - 1075;
            BigInteger twice = 2 * m + 1;                            // midpoint = twice × 2^(e - 1)
            if (e - 1 >= 0)
            {
                scale = 0;
                return twice << (e - 1);
            }

            scale = e - 1;                                           // twice / 2^k = twice × 5^k / 10^k
            return twice * BigInteger.Pow(5, 1 - e);
        }

        private static ulong[] Table(string name)
        {
            return (ulong[])typeof(NumberParser).GetField(name, BindingFlags.NonPublic | BindingFlags.Static).GetValue(null);
        }

        private static int FloorLog2Pow10(int q)
        {
            BigInteger numerator = q >= 0 ? BigInteger.Pow(10, q) : BigInteger.One;
            BigInteger denominator = q >= 0 ? BigInteger.One : BigInteger.Pow(10, -q);
            int log = (int)(numerator.GetBitLength() - denominator.GetBitLength());
            // The estimate is floor(log2) or one more: keep it only when 2^log <= numerator / denominator.
            bool fits = log >= 0 ? denominator << log <= numerator : denominator <= numerator << -log;
            return fits ? log : log - 1;
        }

        /// <summary>10^q rounded to the nearest integer × 2^(FloorLog2Pow10(q) - 63), i.e. a 64-bit significand with bit 63 set.</summary>
        private static ulong Nearest64(int q)
        {
            int shift = FloorLog2Pow10(q) - 63;                     // 10^q / 2^shift lies in [2^63, 2^64)
            BigInteger numerator = q >= 0 ? BigInteger.Pow(10, q) : BigInteger.One;
            BigInteger denominator = q >= 0 ? BigInteger.One : BigInteger.Pow(10, -q);
            if (shift >= 0) denominator <<= shift;
            else numerator <<= -shift;
            BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
            if (remainder * 2 >= denominator) quotient += 1;          // never an exact tie for these q
            return (ulong)quotient;
        }

        private static long NextInt64(Random random)
        {
            byte[] bytes = new byte[8];
            random.NextBytes(bytes);
            return BitConverter.ToInt64(bytes, 0);
        }
    }
}
