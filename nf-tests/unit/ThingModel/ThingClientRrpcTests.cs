using LinkKit.Nano.Tests.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>System and custom RRPC, with the capture's topics and payloads.</summary>
    [TestClass]
    public class ThingClientRrpcTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;
        private const string CustomRequest = "/ext/rrpc/1700000000000000007/a1TestPK001/dev-001/user/rrpc_demo";

        [TestMethod]
        public void SystemRrpc_AnsweredOnTheResponseTopic()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            long messageId = 0;
            bool isSystem = false, topicOk = false;
            string payload = null;
            client.RrpcRequestReceived += delegate (LinkKitClient s, RrpcRequest r)
            {
                messageId = r.MessageId;
                isSystem = r.IsSystem;
                topicOk = r.TopicEquals(Sys + "rrpc/request/1700000000000000006");
                payload = TestTsl.Text(r.Payload, r.PayloadOffset, r.PayloadCount);
            };
            try
            {
                ThingHarness.Inject(transport, Sys + "rrpc/request/1700000000000000006", "ping");
                Assert.AreEqual(1700000000000000006L, messageId);
                Assert.IsTrue(isSystem);
                Assert.IsTrue(topicOk);
                Assert.AreEqual("ping", payload);
                byte[] pong = TestTsl.Bytes("{\"pong\":true}");
                Assert.AreEqual(ErrorCode.Ok, client.AnswerRrpc(messageId, pong, 0, pong.Length));
                ThingHarness.AssertPublished(transport, Sys + "rrpc/response/1700000000000000006", "{\"pong\":true}", 0);
                Assert.AreEqual(ErrorCode.RequestNotPending, client.AnswerRrpc(messageId, pong, 0, pong.Length));
                Assert.AreEqual(ErrorCode.RequestNotPending, client.AnswerRrpc(12345, pong, 0, pong.Length));

                ThingHarness.Inject(transport, Sys + "rrpc/request/1700000000000000006", "ping");   // a duplicate delivery
                Assert.AreEqual(1, client.EchoMessageCount);
                Assert.AreEqual(1, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void CustomRrpc_SubscribeAnswerAndEchoGuard()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int requests = 0;
            bool topicOk = false;
            client.RrpcRequestReceived += delegate (LinkKitClient s, RrpcRequest r)
            {
                requests++;
                topicOk = r.TopicEquals("/a1TestPK001/dev-001/user/rrpc_demo") && !r.IsSystem;
                byte[] answer = TestTsl.Bytes("pong-from-device");
                s.AnswerRrpc(r.MessageId, answer, 0, answer.Length);
            };
            try
            {
                int id;
                Assert.AreEqual(ErrorCode.Ok, client.SubscribeRrpcTopic("/a1TestPK001/dev-001/user/rrpc_demo", out id));
                Assert.AreEqual("/ext/rrpc/+/a1TestPK001/dev-001/user/rrpc_demo", transport.GetSubscribedFilter(0));
                Assert.AreEqual(0, transport.GetSubscribedQos(0));
                Assert.AreEqual(ErrorCode.Ok, client.SubscribeRrpcTopic(" a1TestPK001/dev-001/user/other", out id));
                Assert.AreEqual("/ext/rrpc/+/a1TestPK001/dev-001/user/other", transport.GetSubscribedFilter(0));

                ThingHarness.Inject(transport, CustomRequest, "hello rrpc");
                Assert.AreEqual(1, requests);
                Assert.IsTrue(topicOk);
                ThingHarness.AssertPublished(transport, CustomRequest, "pong-from-device", 0);

                // mosquitto echoes the answer to the device, which subscribed that very topic (quirk 3): no loop.
                ThingHarness.Inject(transport, CustomRequest, "pong-from-device");
                Assert.AreEqual(1, requests);
                Assert.AreEqual(1, client.EchoMessageCount);

                Assert.AreEqual(ErrorCode.Ok, client.UnsubscribeRrpcTopic("/a1TestPK001/dev-001/user/rrpc_demo", out id));
                Assert.AreEqual("/ext/rrpc/+/a1TestPK001/dev-001/user/rrpc_demo", transport.GetUnsubscribedFilter(0));
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Rrpc_WithoutHandler_GoesToMessageReceived()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            string topic = null;
            client.MessageReceived += delegate (LinkKitClient s, TopicMessage m) { topic = m.GetTopic(); };
            try
            {
                ThingHarness.Inject(transport, CustomRequest, "hello rrpc");
                Assert.AreEqual(CustomRequest, topic);
                byte[] answer = TestTsl.Bytes("x");
                Assert.AreEqual(ErrorCode.RequestNotPending, client.AnswerRrpc(1700000000000000007L, answer, 0, 1));
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void UnansweredRrpc_IsForgottenAfterTheTimeout()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            LinkKitClient client = ThingHarness.Connected(transport, clock);
            client.RrpcRequestReceived += delegate (LinkKitClient s, RrpcRequest r) { };
            try
            {
                ThingHarness.Inject(transport, CustomRequest, "hello rrpc");
                clock.Now += 11;
                client.ProcessTimeouts();
                byte[] answer = TestTsl.Bytes("late");
                Assert.AreEqual(ErrorCode.RequestNotPending, client.AnswerRrpc(1700000000000000007L, answer, 0, answer.Length));
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void MalformedRrpcTopic_CountedAndDropped()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int requests = 0, raw = 0;
            client.RrpcRequestReceived += delegate (LinkKitClient s, RrpcRequest r) { requests++; };
            client.MessageReceived += delegate (LinkKitClient s, TopicMessage m) { raw++; };
            try
            {
                ThingHarness.Inject(transport, "/ext/rrpc/abc/a1TestPK001/dev-001/user/rrpc_demo", "x");
                Assert.AreEqual(0, requests);
                Assert.AreEqual(0, raw);
                Assert.AreEqual(1, client.MalformedMessageCount);
            }
            finally
            {
                client.Destruct();
            }
        }
    }
}
