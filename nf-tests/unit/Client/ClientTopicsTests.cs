using System;
using System.Threading;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    /// <summary>Custom-topic publish/subscribe through a connected client: exact results, and nothing sent on bad input.</summary>
    [TestClass]
    public class ClientTopicsTests : ClientTestBase
    {
        private const string Topic = "/a1X2bEnP82z/example1/user/update";

        [TestMethod]
        public void ToFullTopic_PrefixesProductAndDevice()
        {
            LinkKitClient client = Harness.Client(new RecordingTransport(256, 2048), Harness.Options(new TestClock()));
            Assert.AreEqual("/a1X2bEnP82z/example1/user/update", client.ToFullTopic("user/update"));
            client.Destruct();
        }

        [TestMethod]
        public void Publish_QueuesExactTopicAndPayload()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            byte[] payload = Harness.Ascii("xx{\"temp\":23}yy");
            int messageId;
            Assert.AreEqual(ErrorCode.Ok, client.Publish(Topic, payload, 2, 11, 1, out messageId));
            Assert.AreEqual(transport.LastPublishId, messageId);
            Assert.AreEqual(Topic, transport.LastPublishTopic);
            Assert.AreEqual("{\"temp\":23}", transport.LastPublishPayload);
            Assert.AreEqual(1, transport.LastPublishQos);
            client.Destruct();
        }

        [TestMethod]
        public void Publish_TopicBytesOverload_Queues()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            byte[] topic = Harness.Ascii("##" + Topic);
            int messageId;
            Assert.AreEqual(ErrorCode.Ok, client.Publish(topic, 2, topic.Length - 2, null, 0, 0, 0, out messageId));
            Assert.AreEqual(Topic, transport.LastPublishTopic);
            Assert.AreEqual(0, transport.LastPublishPayloadCount);
            client.Destruct();
        }

        [TestMethod]
        [DataRow("", -61)]                  // empty
        [DataRow("/a/+/c", -61)]            // wildcard
        [DataRow("/a/#", -61)]
        public void Publish_BadTopic_SendsNothing(string topic, int expected)
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int messageId = 99;
            Assert.AreEqual(expected, client.Publish(topic, new byte[1], 0, 1, 0, out messageId));
            Assert.AreEqual(0, messageId);
            Assert.AreEqual(0, transport.PublishCount);
            client.Destruct();
        }

        [TestMethod]
        public void Publish_Over128Characters_IsTopicTooLong()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int messageId;
            Assert.AreEqual(ErrorCode.Ok, client.Publish("/" + Harness.Repeat('a', 127), null, 0, 0, 0, out messageId));
            Assert.AreEqual(ErrorCode.TopicTooLong, client.Publish("/" + Harness.Repeat('a', 128), null, 0, 0, 0, out messageId));
            Assert.AreEqual(1, transport.PublishCount);
            client.Destruct();
        }

        [TestMethod]
        public void Publish_BeyondTopicBuffer_IsTopicTooLong()
        {
            // 100 characters of 3 UTF-8 bytes: under the 128-character rule, over the 256-byte buffer
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int messageId;
            Assert.AreEqual(ErrorCode.TopicTooLong, client.Publish("/" + Harness.Repeat('\u4e2d', 100), null, 0, 0, 0, out messageId));
            Assert.AreEqual(0, transport.PublishCount);
            client.Destruct();
        }

        [TestMethod]
        public void SlowTransportWrite_DoesNotHoldUpAcksOrInboundMessages()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int firstId;
            Assert.AreEqual(ErrorCode.Ok, client.Publish(Topic, Harness.Ascii("{}"), 0, 2, 1, out firstId));
            int acknowledged = 0, received = 0;
            client.Published += delegate (LinkKitClient sender, int messageId) { if (messageId == firstId) acknowledged++; };
            client.MessageReceived += delegate (LinkKitClient sender, TopicMessage message) { received++; };
            transport.PublishRelease = new ManualResetEvent(false);
            int slowResult = 0;
            Thread writer = new Thread(delegate ()
            {
                int id;
                slowResult = client.Publish(Topic, Harness.Ascii("{\"slow\":1}"), 0, 10, 1, out id);
            });
            // The transport's own threads deliver acks and messages; here a second thread stands in for them.
            Thread network = new Thread(delegate ()
            {
                transport.CompletePublish(firstId, true);
                byte[] topic = Harness.Ascii(Topic);
                byte[] payload = Harness.Ascii("{}");
                transport.InjectMessage(topic, topic.Length, payload, payload.Length, 0);
            });
            writer.Start();
            try
            {
                Harness.WaitSignal(transport.PublishEntered, "the second publish to reach the transport");
                network.Start();
                Harness.WaitUntil(delegate { return acknowledged == 1 && received == 1; },
                    "the PUBACK and an inbound message while the write is still in progress");
            }
            finally
            {
                transport.PublishRelease.Set();
                writer.Join();
                if (network.ThreadState != ThreadState.Unstarted) network.Join();
                client.Destruct();
            }

            Assert.AreEqual(ErrorCode.Ok, slowResult);
        }

        [TestMethod]
        public void Publish_PayloadOverCapacity_IsPayloadTooLarge()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int messageId;
            byte[] payload = new byte[2049];
            Assert.AreEqual(ErrorCode.PayloadTooLarge, client.Publish(Topic, payload, 0, 2049, 0, out messageId));
            Assert.AreEqual(ErrorCode.Ok, client.Publish(Topic, payload, 0, 2048, 0, out messageId));
            Assert.AreEqual(1, transport.PublishCount);
            client.Destruct();
        }

        [TestMethod]
        [DataRow(2)]  // no QoS 2 on the platform
        [DataRow(-1)]
        public void Publish_BadQos_IsInvalidQos(int qos)
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int messageId;
            Assert.AreEqual(ErrorCode.InvalidQos, client.Publish(Topic, null, 0, 0, qos, out messageId));
            Assert.AreEqual(0, transport.PublishCount);
            client.Destruct();
        }

        [TestMethod]
        public void Publish_BadArguments_Throw()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int messageId;
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { client.Publish((string)null, null, 0, 0, 0, out messageId); });
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { client.Publish(Topic, null, 0, 1, 0, out messageId); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { client.Publish(Topic, new byte[4], 2, 3, 0, out messageId); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { client.Publish(Topic, new byte[4], -1, 1, 0, out messageId); });
            client.Destruct();
        }

        [TestMethod]
        public void Publish_Qos1BeyondInflightLimit_IsInflightFull_UntilAcknowledged()
        {
            TestClock clock = new TestClock();
            LinkKitOptions options = Harness.Options(clock);
            options.MaxInflightMessages = 2;
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, options);
            Harness.Connect(client);
            int first, second, third;
            Assert.AreEqual(ErrorCode.Ok, client.Publish(Topic, null, 0, 0, 1, out first));
            Assert.AreEqual(ErrorCode.Ok, client.Publish(Topic, null, 0, 0, 1, out second));
            Assert.AreEqual(ErrorCode.InflightFull, client.Publish(Topic, null, 0, 0, 1, out third));
            Assert.AreEqual(ErrorCode.Ok, client.Publish(Topic, null, 0, 0, 0, out third)); // QoS 0 is not limited
            int published = 0;
            client.Published += delegate (LinkKitClient sender, int id) { published = id; };
            transport.CompletePublish(first, true);
            Assert.AreEqual(first, published);
            Assert.AreEqual(ErrorCode.Ok, client.Publish(Topic, null, 0, 0, 1, out third));
            transport.CompletePublish(second, false); // given up: frees the slot but is not reported as published
            Assert.AreEqual(first, published);
            client.Destruct();
        }

        [TestMethod]
        public void Publish_TransportFailure_ReturnsItsCode()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int messageId;
            transport.FailWith = ErrorCode.TransportFailed;
            Assert.AreEqual(ErrorCode.TransportFailed, client.Publish(Topic, null, 0, 0, 0, out messageId));
            transport.FailWith = 0;
            transport.ThrowOnPublish = true;
            Assert.AreEqual(ErrorCode.TransportFailed, client.Publish(Topic, null, 0, 0, 0, out messageId));
            Assert.AreEqual(0, messageId);
            client.Destruct();
        }

        [TestMethod]
        public void Subscribe_QueuesAndReportsGrantedQos()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int reportedId = 0;
            int reportedCount = 0;
            int granted = -1;
            client.Subscribed += delegate (LinkKitClient sender, int id, byte[] qos, int count)
            {
                reportedId = id;
                reportedCount = count;
                granted = qos[0];
            };
            int messageId;
            Assert.AreEqual(ErrorCode.Ok, client.Subscribe("/a1X2bEnP82z/example1/user/get", 1, out messageId));
            Assert.AreEqual(transport.LastSubscribeId, messageId);
            Assert.AreEqual("/a1X2bEnP82z/example1/user/get", transport.GetSubscribedFilter(0));
            Assert.AreEqual(1, transport.GetSubscribedQos(0));
            transport.AcknowledgeSubscribe(messageId, new byte[] { 1 }, 1);
            Assert.AreEqual(messageId, reportedId);
            Assert.AreEqual(1, reportedCount);
            Assert.AreEqual(1, granted);
            client.Destruct();
        }

        [TestMethod]
        public void Subscribe_Array_SendsOneSubscribe()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int messageId;
            Assert.AreEqual(ErrorCode.Ok, client.Subscribe(new string[] { "/a/+", "/b/#" }, new int[] { 0, 1 }, out messageId));
            Assert.AreEqual(1, transport.SubscribeCount);
            Assert.AreEqual(2, transport.LastSubscribeCount);
            Assert.AreEqual("/b/#", transport.GetSubscribedFilter(1));
            Assert.ThrowsException(typeof(ArgumentException), delegate { client.Subscribe(new string[] { "/a" }, new int[] { 0, 1 }, out messageId); });
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { client.Subscribe(new string[] { null }, new int[] { 0 }, out messageId); });
            client.Destruct();
        }

        [TestMethod]
        [DataRow("", 0, -61)]       // empty filter
        [DataRow("/a/b#", 0, -61)]  // malformed wildcard
        [DataRow("/a/b", 2, -64)]   // QoS 2
        public void Subscribe_BadInput_SendsNothing(string filter, int qos, int expected)
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int messageId;
            Assert.AreEqual(expected, client.Subscribe(filter, qos, out messageId));
            Assert.AreEqual(0, transport.SubscribeCount);
            client.Destruct();
        }

        [TestMethod]
        public void Subscribe_BeyondTableCapacity_IsTableFull()
        {
            TestClock clock = new TestClock();
            LinkKitOptions options = Harness.Options(clock);
            options.SubscriptionCapacity = 2;
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, options);
            Harness.Connect(client);
            int messageId;
            Assert.AreEqual(ErrorCode.Ok, client.Subscribe("/a", 0, out messageId));
            Assert.AreEqual(ErrorCode.TableFull, client.Subscribe(new string[] { "/b", "/c" }, new int[] { 0, 0 }, out messageId));
            Assert.AreEqual(ErrorCode.Ok, client.Subscribe("/a", 1, out messageId)); // already remembered: still fits
            Assert.AreEqual(ErrorCode.Ok, client.Subscribe("/b", 0, out messageId));
            Assert.AreEqual(3, transport.SubscribeCount);
            client.Destruct();
        }

        [TestMethod]
        public void Unsubscribe_QueuesAndReports()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            int reported = 0;
            client.Unsubscribed += delegate (LinkKitClient sender, int id) { reported = id; };
            int messageId;
            client.Subscribe("/a", 0, out messageId);
            Assert.AreEqual(ErrorCode.Ok, client.Unsubscribe("/a", out messageId));
            Assert.AreEqual("/a", transport.GetUnsubscribedFilter(0));
            transport.AcknowledgeUnsubscribe(messageId);
            Assert.AreEqual(messageId, reported);
            Assert.AreEqual(ErrorCode.Ok, client.Unsubscribe(new string[] { "/x", "/y" }, out messageId));
            Assert.AreEqual(2, transport.LastUnsubscribeCount);
            Assert.AreEqual(ErrorCode.InvalidTopic, client.Unsubscribe("", out messageId));
            client.Destruct();
        }

        [TestMethod]
        public void MessageReceived_LendsTopicAndPayload()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            bool matched = false;
            string topic = null;
            string payload = null;
            int qos = -1;
            client.MessageReceived += delegate (LinkKitClient sender, TopicMessage message)
            {
                matched = message.TopicEquals("/a1X2bEnP82z/example1/user/get");
                topic = message.GetTopic();
                payload = message.GetPayloadString();
                qos = message.Qos;
            };
            byte[] topicBytes = Harness.Ascii("/a1X2bEnP82z/example1/user/get");
            byte[] payloadBytes = Harness.Ascii("hello");
            transport.InjectMessage(topicBytes, topicBytes.Length, payloadBytes, payloadBytes.Length, 1);
            Assert.IsTrue(matched);
            Assert.AreEqual("/a1X2bEnP82z/example1/user/get", topic);
            Assert.AreEqual("hello", payload);
            Assert.AreEqual(1, qos);
            client.Destruct();
        }

        [TestMethod]
        public void MessageReceived_TopicEquals_IsExact()
        {
            RecordingTransport transport;
            LinkKitClient client = Connected(out transport);
            bool prefix = true;
            bool longer = true;
            client.MessageReceived += delegate (LinkKitClient sender, TopicMessage message)
            {
                prefix = message.TopicEquals("/a/b");
                longer = message.TopicEquals("/a/b/c/d");
            };
            byte[] topicBytes = Harness.Ascii("/a/b/c");
            transport.InjectMessage(topicBytes, topicBytes.Length, new byte[0], 0, 0);
            Assert.IsFalse(prefix);
            Assert.IsFalse(longer);
            client.Destruct();
        }

        private static LinkKitClient Connected(out RecordingTransport transport)
        {
            transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, Harness.Options(new TestClock()));
            Harness.Connect(client);
            return client;
        }
    }
}
