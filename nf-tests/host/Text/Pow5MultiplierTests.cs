using System;
using System.Numerics;
using System.Reflection;
using LinkKit.Nano.Text;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Text
{
    /// <summary>
    /// The shortest-digits algorithm is exact only if its multipliers are: every value rebuilt from the compact
    /// tables (internal class Pow5, reached by reflection) must equal the definition computed with BigInteger.
    /// </summary>
    public class Pow5MultiplierTests
    {
        private static readonly Type s_pow5 = typeof(NumberFormatter).Assembly.GetType("LinkKit.Nano.Text.Pow5", true);

        [Fact]
        public void Get_EveryIndex_IsTop125BitsOfPowerOf5()
        {
            for (int i = 0; i <= 325; i++)
            {
                BigInteger p = BigInteger.Pow(5, i);
                int bits = (int)p.GetBitLength();
                BigInteger expected = bits >= 125 ? p >> (bits - 125) : p << (125 - bits);
                Assert.True(expected == Call("Get", i), "5^" + i);
            }
        }

        [Fact]
        public void GetInverse_EveryIndex_IsScaledReciprocalOfPowerOf5()
        {
            for (int q = 0; q <= 290; q++)
            {
                BigInteger p = BigInteger.Pow(5, q);
                int bits = (int)p.GetBitLength();
                BigInteger expected = (BigInteger.One << (bits - 1 + 125)) / p + 1;
                Assert.True(expected == Call("GetInverse", q), "5^-" + q);
            }
        }

        [Fact]
        public void Logarithms_MatchExactValuesOverTheirRanges()
        {
            for (int e = 0; e <= 3528; e++)
            {
                Assert.Equal((int)BigInteger.Pow(5, e).GetBitLength(), CallInt("Pow5Bits", e));
            }

            for (int e = 0; e <= 1650; e++)
            {
                Assert.Equal(BigInteger.Pow(2, e).ToString().Length - 1, CallInt("Log10Pow2", e));
            }

            for (int e = 0; e <= 2620; e++)
            {
                Assert.Equal(BigInteger.Pow(5, e).ToString().Length - 1, CallInt("Log10Pow5", e));
            }
        }

        [Fact]
        public void Multiply_RandomOperands_MatchesBigInteger()
        {
            MethodInfo multiply = s_pow5.GetMethod("Multiply", BindingFlags.NonPublic | BindingFlags.Static);
            var random = new Random(5);
            for (int i = 0; i < 100_000; i++)
            {
                ulong a = i == 0 ? ulong.MaxValue : (ulong)random.NextInt64(long.MinValue, long.MaxValue);
                ulong b = i == 0 ? ulong.MaxValue : (ulong)random.NextInt64(long.MinValue, long.MaxValue);
                object[] args = { a, b, 0UL };
                ulong low = (ulong)multiply.Invoke(null, args);
                BigInteger product = ((BigInteger)(ulong)args[2] << 64) | low;
                Assert.Equal((BigInteger)a * b, product);
            }
        }

        private static BigInteger Call(string method, int index)
        {
            object[] args = { index, 0UL, 0UL };
            s_pow5.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static).Invoke(null, args);
            return ((BigInteger)(ulong)args[2] << 64) | (ulong)args[1];
        }

        private static int CallInt(string method, int e)
        {
            return (int)s_pow5.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static).Invoke(null, new object[] { e });
        }
    }
}
