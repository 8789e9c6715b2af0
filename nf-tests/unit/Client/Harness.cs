using System;
using System.Collections;
using System.Threading;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    /// <summary>A condition polled by <see cref="Harness.WaitUntil"/>.</summary>
    public delegate bool Condition();

    /// <summary>
    /// Base of every test class that starts clients: its [Cleanup] destructs the ones a failed assert left running, so
    /// their connection threads cannot keep the run alive. (The launcher runs a base class's public methods too.)
    /// </summary>
    public abstract class ClientTestBase
    {
        [Cleanup]
        public void ReleaseClients()
        {
            Harness.ReleaseAll();
        }
    }

    /// <summary>Builds clients over a <see cref="RecordingTransport"/> and waits for the connection thread.</summary>
    public static class Harness
    {
        // Every client a test started: a [Cleanup] destructs the ones a failed assert left running, so their
        // connection threads cannot keep the test run alive.
        private static readonly ArrayList s_started = new ArrayList();
        public const string ProductKey = "a1X2bEnP82z";
        public const string DeviceName = "example1";
        public const string DeviceSecret = "ga7XA6KdlEeiPXQPpRbAjOZXwG8ydgSe";

        /// <summary>Options for local tests: plain TCP to 127.0.0.1, a test clock and a mid-range random source.</summary>
        public static LinkKitOptions Options(TestClock clock)
        {
            LinkKitOptions options = new LinkKitOptions();
            options.UseTls = false;
            options.Port = 1883;
            options.ReconnectMinSeconds = 1;
            options.ReconnectMaxSeconds = 8;
            options.Clock = clock;
            options.Random = new FixedRandom(500);
            return options;
        }

        public static LinkKitClient Client(RecordingTransport transport, LinkKitOptions options)
        {
            return new LinkKitClient(transport, "cn-shanghai", ProductKey, DeviceName, DeviceSecret, options);
        }

        /// <summary>Starts the client and waits until it is connected.</summary>
        public static void Connect(LinkKitClient client)
        {
            Start(client);
            WaitForState(client, LinkKitState.Connected);
        }

        /// <summary>Starts the client's connection thread; <see cref="ReleaseAll"/> stops it if the test does not.</summary>
        public static void Start(LinkKitClient client)
        {
            lock (s_started) s_started.Add(client);
            client.ConnectAsync();
        }

        /// <summary>Destructs every started client (a no-op for those the test destructed); for each class's [Cleanup].</summary>
        public static void ReleaseAll()
        {
            LinkKitClient[] started;
            lock (s_started)
            {
                started = (LinkKitClient[])s_started.ToArray(typeof(LinkKitClient));
                s_started.Clear();
            }

            for (int i = 0; i < started.Length; i++) started[i].Destruct();
        }

        public static void WaitForState(LinkKitClient client, LinkKitState state)
        {
            WaitUntil(delegate { return client.State == state; }, "state " + LinkKitStates.GetName(state) + " (is " + LinkKitStates.GetName(client.State) + ")");
        }

        /// <summary>Polls <paramref name="condition"/> for up to 10 s. A liveness guard, not a timing assertion.</summary>
        public static void WaitUntil(Condition condition, string what)
        {
            for (int i = 0; i < 10000; i++)
            {
                if (condition()) return;
                Thread.Sleep(1);
            }

            Assert.IsTrue(condition(), "timed out waiting for " + what);
        }

        /// <summary>Waits up to 10 s for <paramref name="signal"/>. A liveness guard, not a timing assertion.</summary>
        public static void WaitSignal(WaitHandle signal, string what)
        {
            Assert.IsTrue(signal.WaitOne(10000, false), "timed out waiting for " + what);
        }

        public static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }

        public static string Repeat(char c, int count)
        {
            return new string(c, count);
        }
    }
}
