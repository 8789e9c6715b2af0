using System;
using Xunit;

namespace LinkKit.Nano.Tests.Host
{
    /// <summary>
    /// Allocation proof: runs an operation after warm-up and reads the GC's own per-thread counter
    /// around N more calls. Create the delegate and every input before calling, so only the operation
    /// itself is measured.
    /// </summary>
    public static class Allocations
    {
        /// <summary>Bytes allocated on this thread by <paramref name="iterations"/> calls of <paramref name="operation"/>.</summary>
        public static long Measure(Action operation, int iterations = 1000, int warmUp = 50)
        {
            for (int i = 0; i < warmUp; i++) operation();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < iterations; i++) operation();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        /// <summary>Asserts that <paramref name="iterations"/> calls allocate 0 bytes, and prints the figure.</summary>
        public static void AssertZero(string what, Action operation, int iterations = 1000)
        {
            long bytes = Measure(operation, iterations);
            Console.WriteLine("allocations: " + what + ": " + bytes + " bytes over " + iterations + " calls");
            Assert.True(bytes == 0, what + " allocated " + bytes + " bytes over " + iterations + " calls");
        }
    }
}
