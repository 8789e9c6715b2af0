using System;
using LinkKit.Nano.Transport;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    /// <summary>The connection thread: events, refusals, back-off, reconnects, replayed subscriptions, stopping.</summary>
    [TestClass]
    public class ClientConnectionTests : ClientTestBase
    {
        [TestMethod]
        public void Connect_RaisesConnectCompletedWithAccepted()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            int calls = 0;
            int result = -1;
            client.ConnectCompleted += delegate (LinkKitClient sender, bool sessionPresent, int rc)
            {
                calls++;
                result = rc;
            };
            Harness.Connect(client);
            Harness.WaitUntil(delegate { return calls == 1; }, "ConnectCompleted");
            Assert.AreEqual(ConnectResult.Accepted, result);
            Assert.AreEqual(1, transport.ConnectCount);
            client.Destruct();
        }

        [TestMethod]
        public void Refusals_AreReported_AndRetriedWithinBackoffBounds()
        {
            TestClock clock = new TestClock();
            RecordingTransport transport = new RecordingTransport(256, 2048);
            transport.EnqueueConnectResult(ConnectResult.BadUsernameOrPassword);
            transport.EnqueueConnectResult(ConnectResult.NotAuthorized);
            transport.EnqueueConnectResult(ConnectResult.NetworkError);
            LinkKitClient client = Harness.Client(transport, Harness.Options(clock)); // min 1 s, max 8 s, jitter at half range
            int[] results = new int[8];
            int count = 0;
            client.ConnectCompleted += delegate (LinkKitClient sender, bool sessionPresent, int rc) { results[count++] = rc; };
            Harness.Connect(client);
            Harness.WaitUntil(delegate { return count == 4; }, "four ConnectCompleted events");
            Assert.AreEqual(ConnectResult.BadUsernameOrPassword, results[0]); // Python stays silent on a refused CONNACK
            Assert.AreEqual(ConnectResult.NotAuthorized, results[1]);
            Assert.AreEqual(ConnectResult.NetworkError, results[2]);
            Assert.AreEqual(ConnectResult.Accepted, results[3]);
            Assert.AreEqual(3, clock.WaitCount);
            Assert.AreEqual(1000, clock.GetWait(0)); // the minimum
            Assert.AreEqual(1500, clock.GetWait(1)); // half-way in [1 s, 2 s]
            Assert.AreEqual(2500, clock.GetWait(2)); // half-way in [1 s, 4 s]
            client.Destruct();
        }

        [TestMethod]
        public void ConnectionLoss_IsReported_ThenReconnectsFromTheMinimumWait()
        {
            TestClock clock = new TestClock();
            RecordingTransport transport = new RecordingTransport(256, 2048);
            transport.EnqueueConnectResult(ConnectResult.NetworkError);
            LinkKitClient client = Harness.Client(transport, Harness.Options(clock));
            int connects = 0;
            int disconnects = 0;
            int reason = -1;
            client.ConnectCompleted += delegate (LinkKitClient sender, bool sessionPresent, int rc) { if (rc == 0) connects++; };
            client.Disconnected += delegate (LinkKitClient sender, int why)
            {
                disconnects++;
                reason = why;
            };
            Harness.Connect(client);
            Harness.WaitUntil(delegate { return connects == 1; }, "first connection");
            transport.DropConnection();
            Harness.WaitUntil(delegate { return connects == 2; }, "reconnection");
            Assert.AreEqual(1, disconnects);
            Assert.AreEqual(DisconnectReason.ConnectionLost, reason);
            Assert.AreEqual(3, transport.ConnectCount);
            Assert.AreEqual(2, clock.WaitCount);
            Assert.AreEqual(1000, clock.GetWait(1)); // back-off restarted by the accepted CONNACK
            Assert.IsTrue(transport.CloseCount >= 2); // the failed attempt and the lost connection were closed
            client.Destruct();
        }

        [TestMethod]
        public void Reconnect_ReplaysEverySubscription_WithoutRaisingSubscribed()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            int connects = 0;
            int subscribedEvents = 0;
            client.ConnectCompleted += delegate (LinkKitClient sender, bool sessionPresent, int rc) { if (rc == 0) connects++; };
            client.Subscribed += delegate (LinkKitClient sender, int id, byte[] qos, int count) { subscribedEvents++; };
            Harness.Connect(client);
            int messageId;
            Assert.AreEqual(ErrorCode.Ok, client.Subscribe("/a1X2bEnP82z/example1/user/get", 1, out messageId));
            Assert.AreEqual(ErrorCode.Ok, client.Subscribe(new string[] { "/b/+", "/c/#" }, new int[] { 0, 1 }, out messageId));
            Assert.AreEqual(ErrorCode.Ok, client.Unsubscribe("/b/+", out messageId));
            Harness.WaitUntil(delegate { return connects == 1; }, "first connection");
            transport.DropConnection();
            Harness.WaitUntil(delegate { return connects == 2; }, "reconnection");
            Assert.AreEqual(3, transport.SubscribeCount);
            Assert.AreEqual(2, transport.LastSubscribeCount);
            Assert.AreEqual("/a1X2bEnP82z/example1/user/get", transport.GetSubscribedFilter(0));
            Assert.AreEqual(1, transport.GetSubscribedQos(0));
            Assert.AreEqual("/c/#", transport.GetSubscribedFilter(1));
            Assert.AreEqual(1, transport.GetSubscribedQos(1));
            transport.AcknowledgeSubscribe(transport.LastSubscribeId, new byte[] { 1, 0x80 }, 2);
            Assert.AreEqual(0, subscribedEvents);
            client.Destruct();
        }

        [TestMethod]
        public void SessionPresent_SkipsTheReplay()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitOptions options = Harness.Options(new TestClock());
            options.CleanSession = false;
            LinkKitClient client = Harness.Client(transport, options);
            bool present = false;
            int connects = 0;
            client.ConnectCompleted += delegate (LinkKitClient sender, bool sessionPresent, int rc)
            {
                present = sessionPresent;
                connects++;
            };
            Harness.Connect(client);
            int messageId;
            client.Subscribe("/a", 1, out messageId);
            Harness.WaitUntil(delegate { return connects == 1; }, "first connection");
            transport.SessionPresent = true;
            transport.DropConnection();
            Harness.WaitUntil(delegate { return connects == 2; }, "reconnection");
            Assert.IsTrue(present);
            Assert.AreEqual(1, transport.SubscribeCount);
            client.Destruct();
        }

        [TestMethod]
        public void Disconnect_SendsDisconnect_ReportsRequested_AndCanConnectAgain()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            int reason = -1;
            int disconnects = 0;
            client.Disconnected += delegate (LinkKitClient sender, int why)
            {
                reason = why;
                disconnects++;
            };
            Harness.Connect(client);
            int messageId;
            client.Subscribe("/a", 0, out messageId);
            client.Disconnect(); // blocks until the connection thread ended
            Assert.IsTrue(client.State == LinkKitState.Disconnected);
            Assert.AreEqual(1, transport.DisconnectCount);
            Assert.AreEqual(1, disconnects);
            Assert.AreEqual(DisconnectReason.Requested, reason);

            Harness.Connect(client);
            Assert.AreEqual(2, transport.ConnectCount);
            Harness.WaitUntil(delegate { return transport.SubscribeCount == 2; }, "subscriptions replayed after ConnectAsync");
            Assert.AreEqual("/a", transport.GetSubscribedFilter(0));
            client.Destruct();
            Assert.AreEqual(2, transport.DisconnectCount);
            Assert.AreEqual(2, disconnects);
        }

        [TestMethod]
        public void Destruct_InterruptsABackoffWait()
        {
            TestClock clock = new TestClock();
            clock.BlockWaits = true; // an endless back-off: only a wake-up ends it
            RecordingTransport transport = new RecordingTransport(256, 2048);
            transport.EnqueueConnectResult(ConnectResult.ServerUnavailable);
            LinkKitClient client = Harness.Client(transport, Harness.Options(clock));
            int disconnects = 0;
            client.Disconnected += delegate (LinkKitClient sender, int why) { disconnects++; };
            Harness.Start(client);
            Harness.WaitSignal(clock.WaitStarted, "the back-off wait");
            client.Destruct(); // returns only because it wakes the wait
            Assert.IsTrue(client.State == LinkKitState.Destructed);
            Assert.AreEqual(1, transport.ConnectCount);
            Assert.AreEqual(0, disconnects); // it never was connected
        }

        [TestMethod]
        public void Disconnect_InterruptsABackoffWait()
        {
            TestClock clock = new TestClock();
            clock.BlockWaits = true;
            RecordingTransport transport = new RecordingTransport(256, 2048);
            transport.EnqueueConnectResult(ConnectResult.NetworkError);
            LinkKitClient client = Harness.Client(transport, Harness.Options(clock));
            Harness.Start(client);
            Harness.WaitSignal(clock.WaitStarted, "the back-off wait");
            client.Disconnect();
            Assert.IsTrue(client.State == LinkKitState.Disconnected);
            Assert.AreEqual(0, transport.DisconnectCount); // no connection to send DISCONNECT on
            client.Destruct();
        }

        [TestMethod]
        public void Destruct_WhileConnected_SendsDisconnectAndReportsRequested()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            int reason = -1;
            client.Disconnected += delegate (LinkKitClient sender, int why) { reason = why; };
            Harness.Connect(client);
            client.Dispose();
            Assert.IsTrue(client.State == LinkKitState.Destructed);
            Assert.AreEqual(1, transport.DisconnectCount);
            Assert.AreEqual(DisconnectReason.Requested, reason);
        }

        [TestMethod]
        public void HandlerExceptions_AreContained()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            int messages = 0;
            int connects = 0;
            client.ConnectCompleted += delegate (LinkKitClient sender, bool sessionPresent, int rc)
            {
                connects++;
                throw new InvalidOperationException("application bug");
            };
            client.Disconnected += delegate (LinkKitClient sender, int why) { throw new InvalidOperationException("application bug"); };
            client.MessageReceived += delegate (LinkKitClient sender, TopicMessage message)
            {
                messages++;
                throw new InvalidOperationException("application bug");
            };
            Harness.Connect(client);
            Harness.WaitUntil(delegate { return connects == 1; }, "first connection");
            byte[] topic = Harness.Ascii("/a/b");
            transport.InjectMessage(topic, topic.Length, topic, topic.Length, 0);
            transport.InjectMessage(topic, topic.Length, topic, topic.Length, 0);
            Assert.AreEqual(2, messages);
            transport.DropConnection();
            Harness.WaitUntil(delegate { return connects == 2; }, "reconnection despite throwing handlers");
            Assert.AreEqual(5, client.HandlerExceptionCount);
            Assert.IsTrue(client.State == LinkKitState.Connected);
            client.Destruct();
        }

        [TestMethod]
        public void Disconnect_FromConnectCompletedHandler_DoesNotDeadlock()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            client.ConnectCompleted += delegate (LinkKitClient sender, bool sessionPresent, int rc) { sender.Disconnect(); };
            Harness.Start(client);
            Harness.WaitForState(client, LinkKitState.Disconnected);
            Assert.AreEqual(1, transport.DisconnectCount);
            client.Destruct();
        }

        [TestMethod]
        public void Disconnect_FromMessageHandler_DoesNotDeadlock()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            client.MessageReceived += delegate (LinkKitClient sender, TopicMessage message) { sender.Disconnect(); };
            Harness.Connect(client);
            byte[] topic = Harness.Ascii("/a/b");
            transport.InjectMessage(topic, topic.Length, topic, 0, 0); // returns: the handler does not join
            Harness.WaitForState(client, LinkKitState.Disconnected);
            client.Destruct();
        }

        [TestMethod]
        public void LateCallbacks_FromAnEndedConnection_AreIgnored()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            int messages = 0;
            int disconnects = 0;
            int connects = 0;
            client.MessageReceived += delegate (LinkKitClient sender, TopicMessage message) { messages++; };
            client.Disconnected += delegate (LinkKitClient sender, int why) { disconnects++; };
            client.ConnectCompleted += delegate (LinkKitClient sender, bool sessionPresent, int rc) { connects++; };
            Harness.Connect(client);
            Harness.WaitUntil(delegate { return connects == 1; }, "first connection");
            IMqttTransportSink oldSink = transport.Sink;
            transport.DropConnection();
            Harness.WaitUntil(delegate { return connects == 2; }, "reconnection");
            byte[] topic = Harness.Ascii("/a/b");
            oldSink.OnMessageReceived(topic, 0, topic.Length, topic, 0, 0, 0);
            oldSink.OnConnectionLost();
            Assert.AreEqual(0, messages);
            Assert.AreEqual(1, disconnects);
            Assert.IsTrue(client.State == LinkKitState.Connected);
            client.Destruct();
        }

        [TestMethod]
        public void DynamicRegistration_DeviceSecret_IsUsedToConnect()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            FakeRegistration registration = new FakeRegistration();
            registration.DeviceSecret = "ga7XA6KdlEeiPXQPpRbAjOZXwG8ydgSe";
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", "a1X2bEnP82z", "example1", "7jluWm1zql7bt8qK", registration, Harness.Options(new TestClock()));
            Harness.Connect(client);
            Assert.AreEqual("7jluWm1zql7bt8qK", registration.ProductSecret);
            Assert.AreEqual("B8CE8F1D706DD3C61D13BFD9855DEF7E321B785084CA9C93F0169A2B46785DD2", transport.LastRequest.Password);
            transport.DropConnection();
            Harness.WaitUntil(delegate { return transport.ConnectCount == 2 && client.State == LinkKitState.Connected; }, "reconnection");
            Assert.AreEqual(1, registration.Calls); // once per client
            client.Destruct();
        }

        [TestMethod]
        public void DynamicRegistration_Credentials_AreUsedVerbatim()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            FakeRegistration registration = new FakeRegistration();
            registration.Credentials = new MqttCredentials("cid|authType=connwl,securemode=-2,_ss=1,ext=3|", "dn&pk", "TokenFromPlatform0002");
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", "pk", "dn", "ps", registration, Harness.Options(new TestClock()));
            Harness.Connect(client);
            Assert.AreEqual("cid|authType=connwl,securemode=-2,_ss=1,ext=3|", transport.LastRequest.ClientId);
            Assert.AreEqual("TokenFromPlatform0002", transport.LastRequest.Password);
            client.Destruct();
        }

        [TestMethod]
        public void DynamicRegistration_Failure_IsReportedAndStops()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            FakeRegistration registration = new FakeRegistration();
            registration.Result = ErrorCode.TransportFailed;
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", "pk", "dn", "ps", registration, Harness.Options(new TestClock()));
            int result = -1;
            client.ConnectCompleted += delegate (LinkKitClient sender, bool sessionPresent, int rc) { result = rc; };
            Harness.Start(client);
            Harness.WaitForState(client, LinkKitState.Disconnected);
            Assert.AreEqual(ConnectResult.RegistrationFailed, result);
            Assert.AreEqual(0, transport.ConnectCount);
            client.Destruct();
        }

        private sealed class FakeRegistration : IDynamicRegistration
        {
            public int Result;
            public string DeviceSecret;
            public MqttCredentials Credentials;
            public string ProductSecret;
            public int Calls;

            public int Register(LinkKitClient client, string productSecret, out string deviceSecret, out MqttCredentials credentials)
            {
                Calls++;
                ProductSecret = productSecret;
                deviceSecret = DeviceSecret;
                credentials = Credentials;
                return Result;
            }
        }
    }
}
