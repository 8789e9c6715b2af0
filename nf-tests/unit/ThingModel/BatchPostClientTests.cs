using System;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Things;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>Batch and history posts through the client: exact topic, payload and QoS, replies matched by id, timeouts, refusals, misuse.</summary>
    [TestClass]
    public class BatchPostClientTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;
        private const long T0 = 1700000000000L;
        private const string BatchReply1 = "{\"code\":200,\"data\":{},\"id\":\"1\",\"message\":\"success\",\"method\":\"thing.event.property.batch.post\",\"version\":\"1.0\"}";
        private const string HistoryReply2 = "{\"code\":200,\"data\":{},\"id\":\"2\",\"message\":\"success\",\"method\":\"thing.event.property.history.post\",\"version\":\"1.0\"}";

        [TestMethod]
        [DataRow(Sys + "thing/event/property/batch/post_reply", (int)AlinkKind.BatchPost)]
        [DataRow(Sys + "thing/event/property/history/post_reply", (int)AlinkKind.HistoryPost)]
        [DataRow(Sys + "thing/event/property/batch/post", (int)AlinkKind.Uplink)]          // own posts echoed
        [DataRow(Sys + "thing/event/property/history/post", (int)AlinkKind.Uplink)]
        [DataRow(Sys + "thing/event/property/other/post_reply", (int)AlinkKind.UnknownThing)]
        [DataRow(Sys + "thing/event/property/batch/post_reply/x", (int)AlinkKind.UnknownThing)]
        public void Topics_Classified(string topic, int kind)
        {
            ThingTopics topics = new ThingTopics(TestTsl.ProductKey, TestTsl.DeviceName);
            byte[] t = TestTsl.Bytes(topic);
            int idOffset, idCount;
            long messageId;
            Assert.AreEqual(kind, (int)topics.Classify(t, 0, t.Length, out idOffset, out idCount, out messageId));
            Assert.AreEqual(0, idCount);
        }

        [TestMethod]
        public void Topics_Written_ExactFitAndOneByteShort()
        {
            ThingTopics topics = new ThingTopics(TestTsl.ProductKey, TestTsl.DeviceName);
            for (int which = 0; which < 2; which++)
            {
                string expected = Sys + (which == 0 ? "thing/event/property/batch/post" : "thing/event/property/history/post");
                byte[] buffer = TestTsl.Filled(expected.Length + 2, 0xEE);
                int n = which == 0 ? topics.WriteBatchPostTopic(buffer, 1, expected.Length) : topics.WriteHistoryPostTopic(buffer, 1, expected.Length);
                Assert.AreEqual(expected, TestTsl.Text(buffer, 1, n));
                Assert.AreEqual((byte)0xEE, buffer[expected.Length + 1]);
                buffer = TestTsl.Filled(expected.Length + 1, 0xEE);
                n = which == 0 ? topics.WriteBatchPostTopic(buffer, 1, expected.Length - 1) : topics.WriteHistoryPostTopic(buffer, 1, expected.Length - 1);
                Assert.AreEqual(ErrorCode.BufferTooSmall, n);
                Assert.IsTrue(TestTsl.AllBytes(buffer, 0xEE));
            }
        }

        [TestMethod]
        public void BatchPost_ExactMessage_AndItsReply()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int replies = 0, others = 0, code = 0;
            long requestId = 0;
            bool success = false;
            client.BatchPostReplied += delegate (LinkKitClient s, ThingReply r)
            {
                replies++;
                code = r.Code;
                requestId = r.RequestId;
                success = r.MessageEquals("success");
            };
            client.PropertyPostReplied += delegate (LinkKitClient s, ThingReply r) { others++; };
            client.HistoryPostReplied += delegate (LinkKitClient s, ThingReply r) { others++; };
            try
            {
                BatchWriter w = client.BeginBatchPost();
                WriteExample(w);
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndBatchPost(out id));
                Assert.AreEqual(1, id);
                ThingHarness.AssertPublished(transport, Sys + "thing/event/property/batch/post",
                    "{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"properties\":{\"temperature\":[{\"value\":21.5,\"time\":1700000000000},{\"value\":21.7,\"time\":1700000060000}],"
                    + "\"LightSwitch\":[{\"value\":1,\"time\":1700000000000}]},\"events\":{\"alarm\":[{\"value\":{\"level\":2},\"time\":1700000000000}]}},"
                    + "\"method\":\"thing.event.property.batch.post\"}", 1);

                ThingHarness.Inject(transport, Sys + "thing/event/property/post_reply", PostReply(1, "thing.event.property.post"));   // its id, another kind
                Assert.AreEqual(0, replies);
                Assert.AreEqual(1, client.UnmatchedReplyCount);
                ThingHarness.Inject(transport, Sys + "thing/event/property/batch/post_reply", BatchReply1);
                Assert.AreEqual(1, replies);
                Assert.AreEqual(200, code);
                Assert.AreEqual(1, requestId);
                Assert.IsTrue(success);
                ThingHarness.Inject(transport, Sys + "thing/event/property/batch/post_reply", BatchReply1);                          // duplicate
                Assert.AreEqual(1, replies);
                Assert.AreEqual(2, client.UnmatchedReplyCount);
                Assert.AreEqual(0, others);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void HistoryPost_ExactMessage_SharesTheIdCounter_AndItsReply()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int replies = 0, batchReplies = 0, code = 0;
            long requestId = 0;
            client.HistoryPostReplied += delegate (LinkKitClient s, ThingReply r) { replies++; code = r.Code; requestId = r.RequestId; };
            client.BatchPostReplied += delegate (LinkKitClient s, ThingReply r) { batchReplies++; };
            try
            {
                long id;
                client.BeginPropertyPost().Write("Brightness", 1);
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                BatchWriter w = client.BeginHistoryPost();
                WriteExample(w);
                Assert.AreEqual(ErrorCode.Ok, client.EndHistoryPost(out id));
                Assert.AreEqual(2, id);
                ThingHarness.AssertPublished(transport, Sys + "thing/event/property/history/post",
                    "{\"id\":\"2\",\"version\":\"1.0\",\"params\":[{\"identity\":{\"productKey\":\"a1TestPK001\",\"deviceName\":\"dev-001\"},\"properties\":["
                    + "{\"temperature\":{\"value\":21.5,\"time\":1700000000000}},{\"temperature\":{\"value\":21.7,\"time\":1700000060000}},"
                    + "{\"LightSwitch\":{\"value\":1,\"time\":1700000000000}}],\"events\":[{\"alarm\":{\"value\":{\"level\":2},\"time\":1700000000000}}]}],"
                    + "\"method\":\"thing.event.property.history.post\"}", 1);

                ThingHarness.Inject(transport, Sys + "thing/event/property/batch/post_reply", PostReply(2, "thing.event.property.batch.post"));   // the wrong reply topic
                Assert.AreEqual(0, batchReplies);
                Assert.AreEqual(1, client.UnmatchedReplyCount);
                ThingHarness.Inject(transport, Sys + "thing/event/property/history/post_reply", "{\"code\":6304,\"data\":{},\"id\":\"2\",\"message\":\"property notInTsl is not in the thing model\"}");
                Assert.AreEqual(1, replies);
                Assert.AreEqual(6304, code);
                Assert.AreEqual(2, requestId);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void UnansweredPosts_ReportedAsTimeouts_ThenTheirLateRepliesAreUnmatched()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            LinkKitClient client = ThingHarness.Connected(transport, clock);
            int batchTimeouts = 0, historyTimeouts = 0;
            long batchId = 0, historyId = 0;
            client.BatchPostReplied += delegate (LinkKitClient s, ThingReply r) { if (r.IsTimeout && !r.HasData && !r.HasMessage) { batchTimeouts++; batchId = r.RequestId; } };
            client.HistoryPostReplied += delegate (LinkKitClient s, ThingReply r) { if (r.Code == ErrorCode.RequestTimedOut) { historyTimeouts++; historyId = r.RequestId; } };
            try
            {
                long id;
                WriteOne(client.BeginBatchPost());
                Assert.AreEqual(ErrorCode.Ok, client.EndBatchPost(out id));
                WriteOne(client.BeginHistoryPost());
                Assert.AreEqual(ErrorCode.Ok, client.EndHistoryPost(out id));
                clock.Now += 10;                                     // 10 s: not yet past timeout + the clock's 1 s resolution
                client.ProcessTimeouts();
                Assert.AreEqual(0, batchTimeouts + historyTimeouts);
                clock.Now += 1;
                client.ProcessTimeouts();
                Assert.AreEqual(1, batchTimeouts);
                Assert.AreEqual(1, batchId);
                Assert.AreEqual(1, historyTimeouts);
                Assert.AreEqual(2, historyId);
                ThingHarness.Inject(transport, Sys + "thing/event/property/batch/post_reply", BatchReply1);
                ThingHarness.Inject(transport, Sys + "thing/event/property/history/post_reply", HistoryReply2);
                Assert.AreEqual(2, client.UnmatchedReplyCount);
                Assert.AreEqual(1, batchTimeouts);
                Assert.AreEqual(1, historyTimeouts);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void RefusedByTheThingModel_NothingSent_NothingPending()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            LinkKitClient client = ThingHarness.Connected(transport, clock);
            int replies = 0;
            client.BatchPostReplied += delegate (LinkKitClient s, ThingReply r) { replies++; };
            client.HistoryPostReplied += delegate (LinkKitClient s, ThingReply r) { replies++; };
            try
            {
                long id = 5;
                BatchWriter w = client.BeginBatchPost();
                w.BeginProperty("temperature");
                w.Value(500.0, T0);
                w.EndProperty();
                Assert.AreEqual(ErrorCode.ValueOutOfRange, client.EndBatchPost(out id));
                Assert.AreEqual(0, id);
                w = client.BeginHistoryPost();
                w.BeginEvent("alarm");
                w.BeginValue(T0).Write("temperature", 20.0);         // not an output of alarm
                w.EndValue();
                w.EndEvent();
                Assert.AreEqual(ErrorCode.PropertyNotDeclared, client.EndHistoryPost(out id));
                w = client.BeginHistoryPost();
                w.BeginProperty("notInTsl");
                w.Value(1, T0);
                w.EndProperty();
                Assert.AreEqual(ErrorCode.PropertyNotDeclared, client.EndHistoryPost(out id));
                Assert.AreEqual(0, transport.PublishCount);
                clock.Now += 60;
                client.ProcessTimeouts();
                Assert.AreEqual(0, replies);                       // nothing was recorded as pending
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void PayloadBufferTooSmall_IsRefused_NothingSent()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitOptions options = ThingHarness.Options(new TestClock());
            options.PayloadBufferCapacity = 256;
            LinkKitClient client = ThingHarness.Client(transport, options, TestTsl.Load());
            try
            {
                Harness.Connect(client);
                BatchWriter w = client.BeginHistoryPost();
                w.BeginProperty("temperature");
                for (int i = 0; i < 10; i++) w.Value(20.5, T0 + i);
                w.EndProperty();
                Assert.AreEqual(ErrorCode.BufferTooSmall, w.Error);
                long id;
                Assert.AreEqual(ErrorCode.BufferTooSmall, client.EndHistoryPost(out id));
                Assert.AreEqual(0, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void FullRequestTable_IsRefused_NothingSent()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitOptions options = ThingHarness.Options(new TestClock());
            options.MaxQueuedMessages = 1;
            LinkKitClient client = ThingHarness.Client(transport, options, TestTsl.Load());
            try
            {
                Harness.Connect(client);
                long id;
                WriteOne(client.BeginBatchPost());
                Assert.AreEqual(ErrorCode.Ok, client.EndBatchPost(out id));
                WriteOne(client.BeginHistoryPost());
                Assert.AreEqual(ErrorCode.RequestTableFull, client.EndHistoryPost(out id));
                Assert.AreEqual(0, id);
                Assert.AreEqual(1, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void NotConnected_NothingSent()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            clock.BlockWaits = true;
            LinkKitClient client = ThingHarness.Client(transport, ThingHarness.Options(clock), TestTsl.Load());
            try
            {
                transport.EnqueueConnectResult(ConnectResult.ServerUnavailable);
                Harness.Start(client);
                Harness.WaitSignal(clock.WaitStarted, "back-off wait");
                WriteOne(client.BeginBatchPost());
                long id;
                Assert.AreEqual(ErrorCode.NotConnected, client.EndBatchPost(out id));
                Assert.AreEqual(0, id);
                WriteOne(client.BeginHistoryPost());
                Assert.AreEqual(ErrorCode.NotConnected, client.EndHistoryPost(out id));
                Assert.AreEqual(0, transport.PublishCount);
                clock.Now += 100;
                int timeouts = 0;
                client.BatchPostReplied += delegate (LinkKitClient s, ThingReply r) { timeouts++; };
                client.HistoryPostReplied += delegate (LinkKitClient s, ThingReply r) { timeouts++; };
                client.ProcessTimeouts();
                Assert.AreEqual(0, timeouts);                            // nothing was pending
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void EndThatMatchesNoBegin_Throws_CancelPostOrAnotherBeginDropsThePost()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                long id;
                WriteOne(client.BeginBatchPost());
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.EndHistoryPost(out id); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.EndPropertyPost(out id); });
                Assert.AreEqual(ErrorCode.Ok, client.EndBatchPost(out id));                                               // still open after the wrong Ends
                Assert.AreEqual(1, id);
                BatchWriter w = client.BeginHistoryPost();
                WriteOne(w);
                client.CancelPost();
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { w.BeginProperty("Brightness"); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.EndHistoryPost(out id); });
                Assert.AreEqual(1, transport.PublishCount);

                w = client.BeginBatchPost();
                WriteOne(w);
                client.BeginPropertyPost().Write("Brightness", 3);    // a new Begin on this thread abandons the batch
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { w.EndProperty(); });
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual(2, transport.PublishCount);
                Assert.AreEqual("{\"id\":\"4\",\"version\":\"1.0\",\"params\":{\"Brightness\":3},\"method\":\"thing.event.property.post\"}", transport.LastPublishPayload);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void OwnPostEchoedByTheBroker_IsDropped()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int messages = 0;
            client.MessageReceived += delegate (LinkKitClient s, TopicMessage m) { messages++; };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/event/property/batch/post", "{\"id\":\"1\"}");
                ThingHarness.Inject(transport, Sys + "thing/event/property/history/post", "{\"id\":\"1\"}");
                Assert.AreEqual(2, client.EchoMessageCount);
                Assert.AreEqual(0, messages);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void CustomProtocolMode_EveryIdentifierIsRefused()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Client(transport, ThingHarness.Options(new TestClock()), null);
            try
            {
                Harness.Connect(client);
                long id;
                WriteOne(client.BeginBatchPost());
                Assert.AreEqual(ErrorCode.PropertyNotDeclared, client.EndBatchPost(out id));
                Assert.AreEqual(0, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void WithoutThingSetup_Throws()
        {
            LinkKitClient client = new LinkKitClient(ThingHarness.Transport(), "cn-shanghai", TestTsl.ProductKey, TestTsl.DeviceName, Harness.DeviceSecret, ThingHarness.Options(new TestClock()));
            try
            {
                long id;
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.BeginBatchPost(); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.BeginHistoryPost(); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.EndBatchPost(out id); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.EndHistoryPost(out id); });
            }
            finally
            {
                client.Destruct();
            }
        }

        private static void WriteExample(BatchWriter w)
        {
            w.BeginProperty("temperature");
            w.Value(21.5, T0);
            w.Value(21.7, 1700000060000L);
            w.EndProperty();
            w.BeginProperty("LightSwitch");
            w.Value(true, T0);
            w.EndProperty();
            w.BeginEvent("alarm");
            w.BeginValue(T0).Write("level", 2);
            w.EndValue();
            w.EndEvent();
        }

        private static void WriteOne(BatchWriter w)
        {
            w.BeginProperty("Brightness");
            w.Value(42, T0);
            w.EndProperty();
        }

        private static string PostReply(long id, string method)
        {
            return "{\"code\":200,\"data\":{},\"id\":\"" + id.ToString() + "\",\"message\":\"success\",\"method\":\"" + method + "\",\"version\":\"1.0\"}";
        }
    }
}
