using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    /// <summary>
    /// Calls in the wrong state (Python's "Available Working State" tables): misuse throws LinkKitStateException;
    /// a connection that is merely down right now gives ErrorCode.NotConnected instead.
    /// </summary>
    [TestClass]
    public class ClientStateTests : ClientTestBase
    {
        [TestMethod]
        public void BeforeConnect_PublishSubscribeUnsubscribe_Throw()
        {
            LinkKitClient client = Harness.Client(new RecordingTransport(256, 2048), Harness.Options(new TestClock()));
            Assert.IsTrue(client.State == LinkKitState.Initialized);
            AssertTopicCallsThrow(client, LinkKitState.Initialized);
            client.Destruct();
        }

        [TestMethod]
        public void AfterDisconnect_PublishSubscribeUnsubscribe_Throw()
        {
            LinkKitClient client = Harness.Client(new RecordingTransport(256, 2048), Harness.Options(new TestClock()));
            Harness.Connect(client);
            client.Disconnect();
            Assert.IsTrue(client.State == LinkKitState.Disconnected);
            AssertTopicCallsThrow(client, LinkKitState.Disconnected);
            client.Destruct();
        }

        [TestMethod]
        public void AfterDestruct_EverythingButStateAndDestructThrows()
        {
            LinkKitClient client = Harness.Client(new RecordingTransport(256, 2048), Harness.Options(new TestClock()));
            Harness.Connect(client);
            client.Destruct();
            Assert.IsTrue(client.State == LinkKitState.Destructed);
            AssertTopicCallsThrow(client, LinkKitState.Destructed);
            Assert.ThrowsException(typeof(LinkKitStateException), delegate { client.ConnectAsync(); });
            Assert.ThrowsException(typeof(LinkKitStateException), delegate { client.Disconnect(); });
            client.Destruct(); // a second call does nothing
            Assert.IsTrue(client.State == LinkKitState.Destructed);
        }

        [TestMethod]
        public void ConnectAsync_WhileConnectedOrConnecting_Throws()
        {
            TestClock clock = new TestClock();
            clock.BlockWaits = true;
            RecordingTransport transport = new RecordingTransport(256, 2048);
            transport.EnqueueConnectResult(ConnectResult.NetworkError);
            LinkKitClient client = Harness.Client(transport, Harness.Options(clock));
            Harness.Start(client);
            Harness.WaitSignal(clock.WaitStarted, "the back-off wait");
            LinkKitStateException e = null;
            try
            {
                Harness.Start(client);
            }
            catch (LinkKitStateException caught)
            {
                e = caught;
            }

            Assert.IsNotNull(e);
            Assert.IsTrue(e.State == LinkKitState.Connecting);
            Assert.AreEqual("ConnectAsync is not allowed in state Connecting; allowed: Initialized, Disconnected.", e.Message);
            client.Destruct();

            LinkKitClient connected = Harness.Client(new RecordingTransport(256, 2048), Harness.Options(new TestClock()));
            Harness.Connect(connected);
            Assert.ThrowsException(typeof(LinkKitStateException), delegate { connected.ConnectAsync(); });
            connected.Destruct();
        }

        [TestMethod]
        public void WhileReconnecting_TopicCallsReturnNotConnected()
        {
            TestClock clock = new TestClock();
            clock.BlockWaits = true;
            RecordingTransport transport = new RecordingTransport(256, 2048);
            transport.EnqueueConnectResult(ConnectResult.ServerUnavailable);
            LinkKitClient client = Harness.Client(transport, Harness.Options(clock));
            Harness.Start(client);
            Harness.WaitSignal(clock.WaitStarted, "the back-off wait after a refused CONNACK");
            Assert.IsTrue(client.State == LinkKitState.Connecting);
            int messageId = 5;
            Assert.AreEqual(ErrorCode.NotConnected, client.Publish("/a/b", null, 0, 0, 0, out messageId));
            Assert.AreEqual(0, messageId);
            Assert.AreEqual(ErrorCode.NotConnected, client.Subscribe("/a/b", 0, out messageId));
            Assert.AreEqual(ErrorCode.NotConnected, client.Unsubscribe("/a/b", out messageId));
            Assert.AreEqual(0, transport.PublishCount + transport.SubscribeCount + transport.UnsubscribeCount);
            client.Destruct();
        }

        [TestMethod]
        public void Disconnect_BeforeConnect_DoesNothing()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            client.Disconnect();
            Assert.IsTrue(client.State == LinkKitState.Initialized);
            Assert.AreEqual(0, transport.DisconnectCount);
            client.Destruct();
        }

        [TestMethod]
        public void StateNames_AreReadable()
        {
            Assert.AreEqual("Connecting", LinkKitStates.GetName(LinkKitState.Connecting));
            Assert.AreEqual("Destructed", LinkKitStates.GetName(LinkKitState.Destructed));
            Assert.AreEqual(2, (int)LinkKitState.Connecting); // Python's numbers
            Assert.AreEqual("BadUsernameOrPassword", ConnectResult.GetName(4));
            Assert.AreEqual("Unknown", ConnectResult.GetName(0x87));
        }

        private static void AssertTopicCallsThrow(LinkKitClient client, LinkKitState state)
        {
            int messageId;
            LinkKitStateException e = null;
            try
            {
                client.Publish("/a/b", null, 0, 0, 0, out messageId);
            }
            catch (LinkKitStateException caught)
            {
                e = caught;
            }

            Assert.IsNotNull(e, "Publish did not throw");
            Assert.IsTrue(e.State == state);
            Assert.AreEqual("Publish is not allowed in state " + LinkKitStates.GetName(state) + "; allowed: Connected (Connecting and Disconnecting return NotConnected).", e.Message);
            Assert.ThrowsException(typeof(LinkKitStateException), delegate { client.Subscribe("/a/b", 0, out messageId); });
            Assert.ThrowsException(typeof(LinkKitStateException), delegate { client.Subscribe(new string[] { "/a/b" }, new int[] { 0 }, out messageId); });
            Assert.ThrowsException(typeof(LinkKitStateException), delegate { client.Unsubscribe("/a/b", out messageId); });
        }
    }
}
