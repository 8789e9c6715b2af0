using System;
using LinkKit.Nano.Tests.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>The bootstrap notice (answered, raised, then a reconnect through the endpoint resolver) and broadcasts.</summary>
    [TestClass]
    public class BootstrapBroadcastTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;
        private const string Notify = "{\"id\":\"123\",\"version\":\"1.0\",\"params\":{\"cmd\":0},\"method\":\"thing.bootstrap.notify\"}";
        private const string Reconnecting = "bootstrap notice: reconnecting";

        /// <summary>An endpoint resolver that answers from its fields and counts its calls.</summary>
        private sealed class FixedResolver : IEndpointResolver
        {
            public int Result = ErrorCode.Ok;
            public string Host = "a1TestPK001.iot-as-mqtt.ap-southeast-1.aliyuncs.com";
            public int Port = 8884;
            public bool Throw;
            public int Calls;
            public LinkKitClient Asker;

            public int Resolve(LinkKitClient client, out string host, out int port)
            {
                Calls++;
                Asker = client;
                if (Throw) throw new InvalidOperationException("resolver failure");
                host = Result == ErrorCode.Ok ? Host : null;
                port = Port;
                return Result;
            }
        }

        private static LinkKitClient Connected(RecordingTransport transport, IEndpointResolver resolver, CapturingLogSink log)
        {
            LinkKitOptions options = ThingHarness.Options(new TestClock());
            options.EndpointResolver = resolver;
            LinkKitClient client = ThingHarness.Client(transport, options, TestTsl.Load());
            client.EnableLogger(LogLevel.Debug, log);
            Harness.Connect(client);
            return client;
        }

        [TestMethod]
        public void Notify_AnsweredRaisedThenReconnects_ToTheSameEndpointWithoutResolver()
        {
            RecordingTransport transport = ThingHarness.Transport();
            CapturingLogSink log = new CapturingLogSink();
            LinkKitClient client = Connected(transport, null, log);
            int notices = 0, command = -1, reason = -1, disabled = 0;
            bool reconnect = false;
            client.BootstrapNotified += delegate (LinkKitClient s, int cmd, ref bool again) { notices++; command = cmd; reconnect = again; };
            client.Disconnected += delegate (LinkKitClient s, int r) { reason = r; };
            client.ThingDisabled += delegate (LinkKitClient s) { disabled++; };
            try
            {
                string host = transport.LastRequest.Host;
                ThingHarness.Inject(transport, Sys + "thing/bootstrap/notify", Notify);
                ThingHarness.AssertPublished(transport, Sys + "thing/bootstrap/notify_reply", "{\"id\":\"123\",\"code\":200,\"data\":{}}", 0);
                Assert.AreEqual(1, notices);
                Assert.AreEqual(0, command);
                Assert.IsTrue(reconnect);
                Assert.IsNotNull(log.FindLineContaining(Reconnecting));

                Harness.WaitUntil(delegate { return transport.ConnectCount == 2 && client.State == LinkKitState.Connected; }, "the reconnect");
                Assert.AreEqual(DisconnectReason.Redirected, reason);
                Assert.AreEqual(1, disabled);
                Assert.AreEqual(1, transport.DisconnectCount);                // a DISCONNECT, not a dropped link
                Assert.AreEqual(0, transport.CloseCount);
                Assert.AreEqual(host, transport.LastRequest.Host);
                Assert.AreEqual(1883, transport.LastRequest.Port);
                Assert.IsNotNull(log.FindLineContaining("no endpoint resolver: reconnecting to the same endpoint"));
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Notify_Reconnect_UsesTheResolversEndpoint()
        {
            RecordingTransport transport = ThingHarness.Transport();
            FixedResolver resolver = new FixedResolver();
            LinkKitClient client = Connected(transport, resolver, new CapturingLogSink());
            try
            {
                Assert.AreEqual(0, resolver.Calls);                           // only a notice asks
                ThingHarness.Inject(transport, Sys + "thing/bootstrap/notify", Notify);
                Harness.WaitUntil(delegate { return transport.ConnectCount == 2 && client.State == LinkKitState.Connected; }, "the reconnect");
                Assert.AreEqual(1, resolver.Calls);
                Assert.AreSame(client, resolver.Asker);
                Assert.AreEqual("a1TestPK001.iot-as-mqtt.ap-southeast-1.aliyuncs.com", transport.LastRequest.Host);
                Assert.AreEqual(8884, transport.LastRequest.Port);
                Assert.AreEqual("a1TestPK001.iot-as-mqtt.ap-southeast-1.aliyuncs.com", client.Endpoint);
                Assert.AreEqual(8884, client.Port);

                transport.DropConnection();                                   // a plain loss keeps the endpoint, asks nobody
                Harness.WaitUntil(delegate { return transport.ConnectCount == 3 && client.State == LinkKitState.Connected; }, "the reconnect after a loss");
                Assert.AreEqual(1, resolver.Calls);
                Assert.AreEqual(8884, transport.LastRequest.Port);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        public void Notify_ResolverFailsOrThrows_SameEndpoint(bool throws)
        {
            RecordingTransport transport = ThingHarness.Transport();
            FixedResolver resolver = new FixedResolver();
            resolver.Result = ErrorCode.TlsConnectFailed;
            resolver.Throw = throws;
            CapturingLogSink log = new CapturingLogSink();
            LinkKitClient client = Connected(transport, resolver, log);
            try
            {
                string host = transport.LastRequest.Host;
                ThingHarness.Inject(transport, Sys + "thing/bootstrap/notify", Notify);
                Harness.WaitUntil(delegate { return transport.ConnectCount == 2 && client.State == LinkKitState.Connected; }, "the reconnect");
                Assert.AreEqual(1, resolver.Calls);
                Assert.AreEqual(host, transport.LastRequest.Host);
                Assert.AreEqual(1883, transport.LastRequest.Port);
                Assert.IsNotNull(log.FindLineContaining("reconnecting to the same endpoint"));
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Notify_HandlerDeclines_OtherCommandsRaisedOnly_NoReconnect()
        {
            RecordingTransport transport = ThingHarness.Transport();
            CapturingLogSink log = new CapturingLogSink();
            LinkKitClient client = Connected(transport, null, log);
            int notices = 0, lastCommand = -1;
            bool suggested = true;
            client.BootstrapNotified += delegate (LinkKitClient s, int cmd, ref bool again)
            {
                notices++;
                lastCommand = cmd;
                suggested = again;
                again = false;
            };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/bootstrap/notify", Notify);
                Assert.AreEqual(1, notices);
                Assert.IsNull(log.FindLineContaining(Reconnecting));
                ThingHarness.Inject(transport, Sys + "thing/bootstrap/notify", "{\"id\":\"124\",\"params\":{\"cmd\":\"3\"}}");
                Assert.AreEqual(2, notices);
                Assert.AreEqual(3, lastCommand);
                Assert.IsFalse(suggested);                                   // only command 0 suggests a reconnect
                ThingHarness.AssertPublished(transport, Sys + "thing/bootstrap/notify_reply", "{\"id\":\"124\",\"code\":200,\"data\":{}}", 0);
                Assert.IsNull(log.FindLineContaining(Reconnecting));
                Assert.AreEqual(LinkKitState.Connected, client.State);
                Assert.AreEqual(1, transport.ConnectCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Notify_WithoutCommand_Answered460_WithoutId_Dropped()
        {
            RecordingTransport transport = ThingHarness.Transport();
            CapturingLogSink log = new CapturingLogSink();
            LinkKitClient client = Connected(transport, null, log);
            int notices = 0;
            client.BootstrapNotified += delegate (LinkKitClient s, int cmd, ref bool again) { notices++; };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/bootstrap/notify", "{\"id\":\"9\",\"version\":\"1.0\",\"params\":{},\"method\":\"thing.bootstrap.notify\"}");
                ThingHarness.AssertPublished(transport, Sys + "thing/bootstrap/notify_reply", "{\"id\":\"9\",\"code\":460,\"data\":{}}", 0);
                ThingHarness.Inject(transport, Sys + "thing/bootstrap/notify", "{\"params\":{\"cmd\":0}}");
                Assert.AreEqual(1, transport.PublishCount);
                Assert.AreEqual(0, notices);
                Assert.AreEqual(2, client.MalformedMessageCount);
                Assert.IsNull(log.FindLineContaining(Reconnecting));
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Broadcast_RaisedWithIdAndPayload_NotToMessageReceived()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int broadcasts = 0, messages = 0, qos = -1;
            long messageId = 0;
            string topic = null;
            byte[] payload = null;
            client.BroadcastReceived += delegate (LinkKitClient s, BroadcastMessage m)
            {
                broadcasts++;
                messageId = m.MessageId;
                topic = m.GetTopic();
                payload = new byte[m.PayloadCount];
                Array.Copy(m.Payload, m.PayloadOffset, payload, 0, m.PayloadCount);
                qos = m.Qos;
            };
            client.MessageReceived += delegate (LinkKitClient s, TopicMessage m) { messages++; };
            try
            {
                byte[] t = TestTsl.Bytes(Sys + "broadcast/request/1700000000000000009");
                byte[] p = new byte[] { (byte)'o', (byte)'t', (byte)'a', 0x00, 0xFF };   // any bytes, not only JSON
                transport.InjectMessage(t, t.Length, p, p.Length, 1);
                Assert.AreEqual(1, broadcasts);
                Assert.AreEqual(1700000000000000009L, messageId);
                Assert.AreEqual(Sys + "broadcast/request/1700000000000000009", topic);
                Assert.AreEqual(5, payload.Length);
                Assert.AreEqual((byte)'o', payload[0]);
                Assert.AreEqual((byte)0x00, payload[3]);
                Assert.AreEqual((byte)0xFF, payload[4]);
                Assert.AreEqual(1, qos);

                ThingHarness.Inject(transport, Sys + "broadcast/request/notice-7", "{\"text\":\"maintenance at 02:00\"}");
                Assert.AreEqual(2, broadcasts);
                Assert.AreEqual(-1L, messageId);
                Assert.AreEqual("{\"text\":\"maintenance at 02:00\"}", TestTsl.Text(payload, 0, payload.Length));
                Assert.AreEqual(0, messages);
                Assert.AreEqual(0, client.UnknownTopicCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Broadcast_WithoutHandler_GoesToMessageReceived_AHandlerThatThrowsIsCounted()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int messages = 0;
            string topic = null;
            client.MessageReceived += delegate (LinkKitClient s, TopicMessage m) { messages++; topic = m.GetTopic(); };
            try
            {
                ThingHarness.Inject(transport, Sys + "broadcast/request/5", "hello");
                Assert.AreEqual(1, messages);
                Assert.AreEqual(Sys + "broadcast/request/5", topic);

                client.BroadcastReceived += delegate (LinkKitClient s, BroadcastMessage m) { throw new InvalidOperationException("handler bug"); };
                ThingHarness.Inject(transport, Sys + "broadcast/request/6", "hello");
                Assert.AreEqual(1, messages);
                Assert.AreEqual(1, client.HandlerExceptionCount);
            }
            finally
            {
                client.Destruct();
            }
        }
    }
}
