using LinkKit.Nano.Tests.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>Clients of the capture's device (a1TestPK001/dev-001) over a <see cref="RecordingTransport"/>, set up with the test TSL.</summary>
    public static class ThingHarness
    {
        public const string Sys = "/sys/a1TestPK001/dev-001/";

        public static LinkKitOptions Options(TestClock clock)
        {
            LinkKitOptions options = Harness.Options(clock);
            options.RequestTimeoutMilliseconds = 10000;
            return options;
        }

        /// <summary>A client set up with <paramref name="model"/> (null: custom-protocol mode), not connected.</summary>
        public static LinkKitClient Client(RecordingTransport transport, LinkKitOptions options, ThingModel model)
        {
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", TestTsl.ProductKey, TestTsl.DeviceName, Harness.DeviceSecret, options);
            client.ThingSetup(model);
            return client;
        }

        /// <summary>A connected client with the test TSL.</summary>
        public static LinkKitClient Connected(RecordingTransport transport, TestClock clock)
        {
            LinkKitClient client = Client(transport, Options(clock), TestTsl.Load());
            Harness.Connect(client);
            return client;
        }

        public static RecordingTransport Transport()
        {
            return new RecordingTransport(256, 2048);
        }

        /// <summary>Delivers <paramref name="payload"/> on <paramref name="topic"/> as the broker would (on this thread).</summary>
        public static void Inject(RecordingTransport transport, string topic, string payload)
        {
            byte[] t = TestTsl.Bytes(topic);
            byte[] p = TestTsl.Bytes(payload);
            transport.InjectMessage(t, t.Length, p, p.Length, 0);
        }

        public static void AssertPublished(RecordingTransport transport, string topic, string payload, int qos)
        {
            Assert.AreEqual(topic, transport.LastPublishTopic);
            Assert.AreEqual(payload, transport.LastPublishPayload);
            Assert.AreEqual(qos, transport.LastPublishQos);
        }
    }
}
