using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    [TestClass]
    public class ClientLoggingTests : ClientTestBase
    {
        private const string DeviceSecret = "0123456789abcdef0123456789abcdef";
        private const string ProductSecret = "ProductSecret0123456789";

        [TestMethod]
        public void FullSession_NeverLogsASecret()
        {
            // HMAC-SHA1 mode (W2's inputs): the password 029d4257... must not appear either.
            TestClock clock = new TestClock();
            clock.Now = 1795666792;
            LinkKitOptions options = Harness.Options(clock);
            options.SignMethod = SignMethod.HmacSha1;
            RecordingTransport transport = new RecordingTransport(256, 2048);
            transport.EnqueueConnectResult(ConnectResult.BadUsernameOrPassword);
            FixedRegistration registration = new FixedRegistration();
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", "a1TestPK001", "dev-backoff", ProductSecret, registration, options);
            CapturingLogSink sink = new CapturingLogSink();
            client.EnableLogger(LogLevel.Debug, sink);
            client.MessageReceived += delegate (LinkKitClient sender, TopicMessage message) { };

            Harness.Connect(client);
            string password = transport.LastRequest.Password;
            Assert.AreEqual("029d425758ba4945006684c347606f5c70899f77", password);
            int messageId;
            client.Subscribe("/a1TestPK001/dev-backoff/user/get", 1, out messageId);
            client.Publish("/a1TestPK001/dev-backoff/user/update", Harness.Ascii("{}"), 0, 2, 1, out messageId);
            transport.CompletePublish(messageId, true);
            byte[] topic = Harness.Ascii("/a1TestPK001/dev-backoff/user/get");
            transport.InjectMessage(topic, topic.Length, topic, topic.Length, 1);
            transport.DropConnection();
            Harness.WaitUntil(delegate { return transport.ConnectCount == 3 && client.State == LinkKitState.Connected; }, "reconnection");
            client.Disconnect();
            client.Destruct();

            Assert.IsTrue(sink.Count > 10, "too few log lines to prove anything: " + sink.Count);
            Assert.IsNull(sink.FindLineContaining(DeviceSecret));
            Assert.IsNull(sink.FindLineContaining(ProductSecret));
            Assert.IsNull(sink.FindLineContaining(password));
            Assert.IsNull(sink.FindLineContaining("029d4257")); // not even part of it
            Assert.IsNotNull(sink.FindLineContaining("INFO connected"));
            Assert.IsNotNull(sink.FindLineContaining("WARNING connect failed: BadUsernameOrPassword (4)"));
            Assert.IsNotNull(sink.FindLineContaining("WARNING connection lost"));
            Assert.IsNotNull(sink.FindLineContaining("DEBUG publish queued"));
        }

        [TestMethod]
        public void Levels_FilterLines_AndDisableStopsThem()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            CapturingLogSink sink = new CapturingLogSink();
            client.EnableLogger(LogLevel.Info, sink);
            Harness.Connect(client);
            int messageId;
            client.Publish("/a/b", null, 0, 0, 0, out messageId);
            Assert.IsNull(sink.FindLineContaining("DEBUG"));
            Assert.IsNotNull(sink.FindLineContaining("INFO connected"));
            client.DisableLogger();
            int before = sink.Count;
            client.Disconnect();
            client.Destruct();
            Assert.AreEqual(before, sink.Count);
        }

        private sealed class FixedRegistration : IDynamicRegistration
        {
            public int Register(LinkKitClient client, string productSecret, out string deviceSecret, out MqttCredentials credentials)
            {
                deviceSecret = DeviceSecret;
                credentials = null;
                return ErrorCode.Ok;
            }
        }
    }
}
