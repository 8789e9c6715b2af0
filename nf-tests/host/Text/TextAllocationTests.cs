using LinkKit.Nano.Text;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Text
{
    public class TextAllocationTests
    {
        private const string Sample = "Temp\u00E9rature 23.5\u00B0C \u4E2D \uD83D\uDE00";

        [Fact]
        public void Utf8_EncodeCountCompare_AllocateNothing()
        {
            byte[] buffer = new byte[64];
            int length = Utf8.Encode(Sample, buffer, 0, buffer.Length);
            // Assert.True inside the measured lambdas: xunit's generic Assert.Equal allocates a comparer.
            Allocations.AssertZero("Utf8.GetByteCount", () => Assert.True(Utf8.GetByteCount(Sample) == length));
            Allocations.AssertZero("Utf8.Encode", () => Assert.True(Utf8.Encode(Sample, buffer, 0, buffer.Length) == length));
            Allocations.AssertZero("Utf8.Encode too small", () => Assert.True(Utf8.Encode(Sample, buffer, 0, 3) == ErrorCode.BufferTooSmall));
            Allocations.AssertZero("Utf8.Equals", () => Assert.True(Utf8.Equals(buffer, 0, length, Sample)));
        }

        [Fact]
        public void NumberFormatter_EveryMethod_AllocatesNothing()
        {
            byte[] buffer = new byte[32];
            Allocations.AssertZero("WriteInt32", () =>
            {
                NumberFormatter.WriteInt32(int.MinValue, buffer, 0, buffer.Length);
                NumberFormatter.WriteInt32(-40, buffer, 0, buffer.Length);
            });
            Allocations.AssertZero("WriteInt64", () => NumberFormatter.WriteInt64(long.MinValue, buffer, 0, buffer.Length));
            Allocations.AssertZero("WriteUInt64", () => NumberFormatter.WriteUInt64(ulong.MaxValue, buffer, 0, buffer.Length));
            Allocations.AssertZero("WriteDouble", () =>
            {
                NumberFormatter.WriteDouble(23.5, buffer, 0, buffer.Length);
                NumberFormatter.WriteDouble(0.1, buffer, 0, buffer.Length);
                NumberFormatter.WriteDouble(1.7976931348623157e308, buffer, 0, buffer.Length);
                NumberFormatter.WriteDouble(5e-324, buffer, 0, buffer.Length);
                NumberFormatter.WriteDouble(double.NaN, buffer, 0, buffer.Length);
                NumberFormatter.WriteDouble(12345.678, buffer, 0, 3);
            });
            Allocations.AssertZero("WriteSingle", () =>
            {
                NumberFormatter.WriteSingle(3.3f, buffer, 0, buffer.Length);
                NumberFormatter.WriteSingle(float.Epsilon, buffer, 0, buffer.Length);
                NumberFormatter.WriteSingle(float.MaxValue, buffer, 0, buffer.Length);
            });
        }
    }
}
