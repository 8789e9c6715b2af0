using System;
using System.Text;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.ThingModels;
using LinkKit.Nano.Text;
using Xunit;

namespace LinkKit.Nano.Tests.Host.ThingModel
{
    /// <summary>
    /// What the thing model's allocation tests share: a connected client over the recording transport (which allocates
    /// nothing), the measurement (0 bytes on the test thread over <see cref="Operations"/> operations, after 50 warm-up
    /// ones) and replies built in place around a request id.
    /// </summary>
    internal static class ThingAllocations
    {
        public const int Operations = 10000;

        public static byte[] Bytes(string s) { return Encoding.UTF8.GetBytes(s); }

        public static void Measure(string what, Action operation)
        {
            long bytes = Allocations.Measure(operation, Operations);
            Console.WriteLine("allocations: " + what + ": " + bytes + " bytes over " + Operations + " ops = "
                + ((double)bytes / Operations).ToString("0.###") + " bytes/op");
            Assert.Equal(0, bytes);
        }

        /// <summary>Runs <paramref name="body"/> on a connected client (the test TSL unless <paramref name="withModel"/> is false), destructed after.</summary>
        public static void Run(Action<LinkKitClient, RecordingTransport, TestClock> body, bool withModel = true, Action<LinkKitOptions> configure = null)
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            TestClock clock = new TestClock();
            LinkKitOptions options = ThingHarness.Options(clock);
            configure?.Invoke(options);
            LinkKitClient client = ThingHarness.Client(transport, options, withModel ? TestTsl.Load() : null);
            try
            {
                Harness.Connect(client);
                body(client, transport, clock);
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>Builds prefix + id digits + suffix into <paramref name="buffer"/> (a reply echoing a request id); returns its length.</summary>
        public static int WithId(byte[] buffer, byte[] prefix, long id, byte[] suffix)
        {
            Array.Copy(prefix, buffer, prefix.Length);
            int n = prefix.Length + NumberFormatter.WriteInt64(id, buffer, prefix.Length, 10);
            Array.Copy(suffix, 0, buffer, n, suffix.Length);
            return n + suffix.Length;
        }
    }
}
