using System.Threading;
using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>Downlinks from exact bytes (the wire capture's), what reaches the handlers, and what the device answers.</summary>
    [TestClass]
    public class ThingClientDownlinkTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;
        private const string PropertySet = "{\"method\":\"thing.service.property.set\",\"id\":\"100001\",\"params\":{\"temperature\":30.5,\"LightSwitch\":1},\"version\":\"1.0.0\"}";

        [TestMethod]
        public void PropertySet_HandlerReadsInPlace_ReplyAfterIt()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            long setId = 0;
            double temperature = 0;
            int light = -1, publishedBeforeReply = -1;
            client.PropertySet += delegate (LinkKitClient s, long requestId, JsonReader p, ref int code)
            {
                publishedBeforeReply = transport.PublishCount;
                setId = requestId;
                while (p.Read() && p.TokenType == JsonTokenType.PropertyName)
                {
                    if (p.ValueEquals("temperature")) { p.Read(); p.TryGetDouble(out temperature); }
                    else if (p.ValueEquals("LightSwitch")) { p.Read(); p.TryGetInt32(out light); }
                    else p.Skip();
                }
            };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", PropertySet);
                Assert.AreEqual(0, publishedBeforeReply);            // unlike Python, the reply waits for the handler
                Assert.AreEqual(100001L, setId);
                Assert.AreEqual(30.5, temperature);
                Assert.AreEqual(1, light);
                ThingHarness.AssertPublished(transport, Sys + "thing/service/property/set_reply", "{\"id\":\"100001\",\"code\":200,\"data\":{}}", 1);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void PropertySet_HandlerChoosesTheCode_OrThrows()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int mode = 0;
            client.PropertySet += delegate (LinkKitClient s, long requestId, JsonReader p, ref int code)
            {
                if (mode == 1) code = 100001;                         // a device-defined code
                if (mode == 2) throw new System.InvalidOperationException("app bug");
            };
            try
            {
                mode = 1;
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":7,\"params\":{\"Mode\":1}}"); // numeric id accepted
                Assert.AreEqual("{\"id\":\"7\",\"code\":100001,\"data\":{}}", transport.LastPublishPayload);
                mode = 2;
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"8\",\"params\":{\"Mode\":1}}");
                Assert.AreEqual("{\"id\":\"8\",\"code\":400,\"data\":{}}", transport.LastPublishPayload);
                Assert.AreEqual(1, client.HandlerExceptionCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void PropertySet_ParamsBreakingTheModel_Answered460_HandlerNotCalled()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int calls = 0;
            client.PropertySet += delegate (LinkKitClient s, long requestId, JsonReader p, ref int code) { calls++; };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"9\",\"params\":{\"Brightness\":101}}");
                Assert.AreEqual("{\"id\":\"9\",\"code\":460,\"data\":{}}", transport.LastPublishPayload);
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"10\",\"params\":{\"notInTsl\":1}}");
                Assert.AreEqual("{\"id\":\"10\",\"code\":460,\"data\":{}}", transport.LastPublishPayload);
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"11\",\"params\":[1]}");
                Assert.AreEqual("{\"id\":\"11\",\"code\":460,\"data\":{}}", transport.LastPublishPayload);
                Assert.AreEqual(0, calls);
                Assert.AreEqual(2, client.InvalidParamsCount);
                Assert.AreEqual(1, client.MalformedMessageCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        [DataRow("{\"id\":\"1\",\"params\":{}")]       // truncated
        [DataRow("not json")]
        [DataRow("{\"params\":{}}")]                   // no id: nothing to reply to
        [DataRow("{\"id\":true,\"params\":{}}")]
        [DataRow("{\"id\":\"-1\",\"params\":{}}")]
        [DataRow("[]")]
        public void MalformedPropertySet_CountedAndDropped_NoReply(string payload)
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int calls = 0, raw = 0;
            client.PropertySet += delegate (LinkKitClient s, long requestId, JsonReader p, ref int code) { calls++; };
            client.MessageReceived += delegate (LinkKitClient s, TopicMessage m) { raw++; };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", payload);
                Assert.AreEqual(0, calls);
                Assert.AreEqual(0, raw);
                Assert.AreEqual(0, transport.PublishCount);
                Assert.AreEqual(1, client.MalformedMessageCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void OversizedThingMessage_CountedAndDropped()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            LinkKitOptions options = ThingHarness.Options(clock);
            options.PayloadBufferCapacity = 64;
            LinkKitClient client = ThingHarness.Client(transport, options, TestTsl.Load());
            int calls = 0;
            client.PropertySet += delegate (LinkKitClient s, long requestId, JsonReader p, ref int code) { calls++; };
            try
            {
                Harness.Connect(client);
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", PropertySet); // 110 bytes
                Assert.AreEqual(0, calls);
                Assert.AreEqual(1, client.OversizedMessageCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void AsyncService_CaptureCall_AnsweredOnItsReplyTopic()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int delay = -1;
            bool sync = true;
            client.ServiceCalled += delegate (LinkKitClient s, ServiceCall call)
            {
                sync = call.IsSync;
                if (!call.IdentifierEquals("reboot")) return;
                JsonReader p = call.Parameters;
                if (p.MoveToProperty("delay")) p.TryGetInt32(out delay);
                ThingWriter w = s.BeginServiceAnswer(call, 200);
                w.Write("accepted", true);
                s.EndServiceAnswer();
            };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/service/reboot", "{\"method\":\"thing.service.reboot\",\"id\":\"100003\",\"params\":{\"delay\":5},\"version\":\"1.0\"}");
                Assert.AreEqual(5, delay);
                Assert.IsFalse(sync);
                ThingHarness.AssertPublished(transport, Sys + "thing/service/reboot_reply", "{\"id\":\"100003\",\"code\":200,\"data\":{\"accepted\":1}}", 0);

                // Answered later, by identifier and id (Python's thing_answer_service).
                Assert.AreEqual(ErrorCode.Ok, client.AnswerService("reboot", 100009, 460));
                ThingHarness.AssertPublished(transport, Sys + "thing/service/reboot_reply", "{\"id\":\"100009\",\"code\":460,\"data\":{}}", 0);
                ThingWriter later = client.BeginServiceAnswer("reboot", 100010, 200);
                later.Write("accepted", 5);                              // a bool output
                Assert.AreEqual(ErrorCode.ValueOutOfRange, client.EndServiceAnswer());
                client.BeginServiceAnswer("selfDestruct", 100011, 200);
                Assert.AreEqual(ErrorCode.ServiceNotDeclared, client.EndServiceAnswer());
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void SyncService_CaptureCall_AnsweredOnTheRrpcTopic_EchoDropped()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int calls = 0;
            long lastId = 0, messageId = 0;
            client.ServiceCalled += delegate (LinkKitClient s, ServiceCall call)
            {
                calls++;
                lastId = call.RequestId;
                messageId = call.RrpcMessageId;
                if (call.IsSync && call.IdentifierEquals("getStatus"))
                {
                    ThingWriter w = s.BeginServiceAnswer(call, 200);
                    w.Write("uptime", 1234);
                    s.EndServiceAnswer();
                }
            };
            try
            {
                string rrpc = "/ext/rrpc/1700000000000000004/sys/a1TestPK001/dev-001/thing/service/getStatus";
                ThingHarness.Inject(transport, rrpc, "{\"method\":\"thing.service.getStatus\",\"id\":\"100004\",\"params\":{},\"version\":\"1.0\"}");
                Assert.AreEqual(1, calls);
                Assert.AreEqual(1700000000000000004L, messageId);
                ThingHarness.AssertPublished(transport, rrpc, "{\"id\":\"100004\",\"code\":200,\"data\":{\"uptime\":1234}}", 0);

                // A plain broker echoes the answer on the request topic: recognised by its message id and dropped.
                ThingHarness.Inject(transport, rrpc, "{\"id\":\"100004\",\"code\":200,\"data\":{\"uptime\":1234}}");
                Assert.AreEqual(1, calls);
                Assert.AreEqual(1, transport.PublishCount);
                Assert.AreEqual(1, client.EchoMessageCount);

                // A numeric Alink id (capture 100005) broke the Python SDK; here it is a call like any other.
                ThingHarness.Inject(transport, "/ext/rrpc/1700000000000000005/sys/a1TestPK001/dev-001/thing/service/getStatus", "{\"method\":\"thing.service.getStatus\",\"id\":100005,\"params\":{},\"version\":\"1.0\"}");
                Assert.AreEqual(2, calls);
                Assert.AreEqual(100005L, lastId);
                Assert.AreEqual("/ext/rrpc/1700000000000000005/sys/a1TestPK001/dev-001/thing/service/getStatus", transport.LastPublishTopic);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void SyncService_AnsweredLaterById_StillOnTheRrpcTopic()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            client.ServiceCalled += delegate (LinkKitClient s, ServiceCall call) { };
            try
            {
                string rrpc = "/ext/rrpc/42/sys/a1TestPK001/dev-001/thing/service/getStatus";
                ThingHarness.Inject(transport, rrpc, "{\"id\":\"77\",\"params\":{}}");
                ThingWriter w = client.BeginServiceAnswer("getStatus", 77, 200);
                w.Write("uptime", 5);
                Assert.AreEqual(ErrorCode.Ok, client.EndServiceAnswer());
                ThingHarness.AssertPublished(transport, rrpc, "{\"id\":\"77\",\"code\":200,\"data\":{\"uptime\":5}}", 0);
                Assert.AreEqual(ErrorCode.Ok, client.AnswerService("getStatus", 77, 200));  // once answered, later answers go to the async topic
                Assert.AreEqual(Sys + "thing/service/getStatus_reply", transport.LastPublishTopic);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Service_BadParams_Answered460()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int calls = 0;
            client.ServiceCalled += delegate (LinkKitClient s, ServiceCall call) { calls++; };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/service/reboot", "{\"id\":\"5\",\"params\":{\"delay\":99}}");
                ThingHarness.AssertPublished(transport, Sys + "thing/service/reboot_reply", "{\"id\":\"5\",\"code\":460,\"data\":{}}", 0);
                ThingHarness.Inject(transport, "/ext/rrpc/9/sys/a1TestPK001/dev-001/thing/service/getStatus", "{\"id\":\"6\"}");
                ThingHarness.AssertPublished(transport, "/ext/rrpc/9/sys/a1TestPK001/dev-001/thing/service/getStatus", "{\"id\":\"6\",\"code\":460,\"data\":{}}", 0);
                Assert.AreEqual(0, calls);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Service_WithoutHandler_AnsweredAtOnceAsNotHandled()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/service/reboot", "{\"id\":\"5\",\"params\":{\"delay\":5}}");
                ThingHarness.AssertPublished(transport, Sys + "thing/service/reboot_reply", "{\"id\":\"5\",\"code\":100000,\"data\":{}}", 0);
                ThingHarness.Inject(transport, "/ext/rrpc/9/sys/a1TestPK001/dev-001/thing/service/getStatus", "{\"id\":\"6\",\"params\":{}}");
                ThingHarness.AssertPublished(transport, "/ext/rrpc/9/sys/a1TestPK001/dev-001/thing/service/getStatus", "{\"id\":\"6\",\"code\":100000,\"data\":{}}", 0);
                Assert.AreEqual(100000, LinkKitClient.ReplyServiceNotHandled);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void UndeclaredService_CountedAndPassedToMessageReceived()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int calls = 0, raw = 0;
            client.ServiceCalled += delegate (LinkKitClient s, ServiceCall call) { calls++; };
            client.MessageReceived += delegate (LinkKitClient s, TopicMessage m) { raw++; };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/service/selfDestruct", "{\"id\":\"1\",\"params\":{}}");
                Assert.AreEqual(0, calls);
                Assert.AreEqual(1, raw);
                Assert.AreEqual(1, client.UnknownTopicCount);
                Assert.AreEqual(0, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void CustomTopicsAndPropertyGet_ReachMessageReceived_OwnUplinkEchoesDoNot()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int raw = 0;
            client.MessageReceived += delegate (LinkKitClient s, TopicMessage m) { raw++; };
            try
            {
                ThingHarness.Inject(transport, "/a1TestPK001/dev-001/user/get", "hello from cloud");
                ThingHarness.Inject(transport, Sys + "thing/service/property/get", "{\"method\":\"thing.service.property.get\",\"id\":\"100002\",\"params\":[\"temperature\"],\"version\":\"1.0\"}");
                Assert.AreEqual(2, raw);
                ThingHarness.Inject(transport, Sys + "thing/event/property/post", "{\"id\":\"1\",\"version\":\"1.0\",\"params\":{},\"method\":\"thing.event.property.post\"}");
                ThingHarness.Inject(transport, Sys + "thing/service/reboot_reply", "{\"id\":\"1\",\"code\":200,\"data\":{}}");
                Assert.AreEqual(2, raw);
                Assert.AreEqual(2, client.EchoMessageCount);
                Assert.AreEqual(0, client.MalformedMessageCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        [DataRow("{\"code\":200,\"id\":")]                      // bad JSON
        [DataRow("{\"code\":\"ok\",\"id\":\"1\"}")]             // wrong type
        [DataRow("{\"method\":\"reply\"}")]                     // no id or code
        public void MalformedReply_CountedAndDropped(string payload)
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int replies = 0;
            client.PropertyPostReplied += delegate (LinkKitClient s, ThingReply r) { replies++; };
            try
            {
                client.BeginPropertyPost().Write("Brightness", 1);
                long id;
                client.EndPropertyPost(out id);
                ThingHarness.Inject(transport, Sys + "thing/event/property/post_reply", payload);
                Assert.AreEqual(0, replies);
                Assert.AreEqual(1, client.MalformedMessageCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void MalformedShadow_CountedAndDropped()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int received = 0;
            client.ShadowReceived += delegate (LinkKitClient s, ShadowDocument d) { received++; };
            try
            {
                ThingHarness.Inject(transport, "/shadow/get/a1TestPK001/dev-001", "{\"method\":\"reply\",\"payload\":");
                Assert.AreEqual(0, received);
                Assert.AreEqual(1, client.MalformedMessageCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void HandlerLeavingAPostOpen_DoesNotBlockOtherThreads()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            client.ShadowReceived += delegate (LinkKitClient s, ShadowDocument d) { s.BeginPropertyPost().Write("Brightness", 1); };
            try
            {
                System.Threading.Thread other = new System.Threading.Thread(delegate () { ThingHarness.Inject(transport, "/shadow/get/a1TestPK001/dev-001", ShadowTests.UpdateReply); });
                other.Start();
                other.Join();
                // Posted from a third thread, so a gate still held fails this test (after 10 s) instead of hanging it.
                int rc = 1;
                System.Threading.Thread poster = new System.Threading.Thread(delegate ()
                {
                    client.BeginPropertyPost().Write("Brightness", 2);
                    long id;
                    rc = client.EndPropertyPost(out id);
                });
                poster.Start();
                Harness.WaitUntil(delegate { return rc != 1; }, "a post from another thread after the handler left its post open");
                Assert.AreEqual(ErrorCode.Ok, rc);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void CustomProtocolMode_AnyServiceReachesTheHandler()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Client(transport, ThingHarness.Options(new TestClock()), null);
            int index = 0;
            client.ServiceCalled += delegate (LinkKitClient s, ServiceCall call)
            {
                index = call.ServiceIndex;
                s.AnswerService(call, 200);
            };
            try
            {
                Harness.Connect(client);
                ThingHarness.Inject(transport, Sys + "thing/service/anything", "{\"id\":\"3\",\"params\":{\"x\":[1]}}");
                Assert.AreEqual(-1, index);
                ThingHarness.AssertPublished(transport, Sys + "thing/service/anything_reply", "{\"id\":\"3\",\"code\":200,\"data\":{}}", 0);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void PropertySetReply_WindowFull_WaitsForTheAcknowledgement_AndGoesBeforeNewPosts()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = OneSlotClient(transport, 64);
            try
            {
                int postMessageId = FillTheWindow(client, transport);
                int published = transport.PublishCount;
                long postId;

                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"41\",\"params\":{\"LightSwitch\":0}}");
                Assert.AreEqual(published, transport.PublishCount);      // the window is full: the reply waits
                client.BeginPropertyPost().Write("LightSwitch", 0);
                Assert.AreEqual(ErrorCode.InflightFull, client.EndPropertyPost(out postId));

                transport.CompletePublish(postMessageId, true);
                Assert.AreEqual(published + 1, transport.PublishCount);
                ThingHarness.AssertPublished(transport, Sys + "thing/service/property/set_reply", "{\"id\":\"41\",\"code\":200,\"data\":{}}", 1);

                transport.CompletePublish(transport.LastPublishId, true);
                client.BeginPropertyPost().Write("LightSwitch", 0);
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out postId)); // nothing owed: posts flow again
                Assert.AreEqual(0, client.DroppedReplyCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void PropertySetReplies_BeyondTheOwedQueue_DroppedAndCounted_TheRestSentInOrder()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = OneSlotClient(transport, 2);
            try
            {
                int inFlight = FillTheWindow(client, transport);
                int published = transport.PublishCount;
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"51\",\"params\":{\"LightSwitch\":0}}");
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"52\",\"params\":{\"Brightness\":101}}");
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"53\",\"params\":{\"LightSwitch\":1}}");
                Assert.AreEqual(1, client.DroppedReplyCount);
                Assert.AreEqual(published, transport.PublishCount);

                transport.CompletePublish(inFlight, true);
                ThingHarness.AssertPublished(transport, Sys + "thing/service/property/set_reply", "{\"id\":\"51\",\"code\":200,\"data\":{}}", 1);
                transport.CompletePublish(transport.LastPublishId, false); // given up by the transport: the slot is free all the same
                ThingHarness.AssertPublished(transport, Sys + "thing/service/property/set_reply", "{\"id\":\"52\",\"code\":460,\"data\":{}}", 1);
                transport.CompletePublish(transport.LastPublishId, true);
                Assert.AreEqual(published + 2, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void PropertySetReply_QueueFull_WaitsWhileAnAcknowledgementArrivesOnAnotherThread_NothingDropped()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = OneSlotClient(transport, 1);
            AutoResetEvent secondSetHandled = new AutoResetEvent(false);
            client.PropertySet += delegate (LinkKitClient s, long requestId, JsonReader p, ref int code)
            {
                if (requestId == 62) secondSetHandled.Set();
            };
            try
            {
                int inFlight = FillTheWindow(client, transport);
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"61\",\"params\":{\"LightSwitch\":0}}");

                // The second reply finds the queue full and waits on the transport's thread; the acknowledgement comes on this one.
                Thread delivery = new Thread(delegate ()
                {
                    ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"62\",\"params\":{\"LightSwitch\":1}}");
                });
                delivery.Start();
                Assert.IsTrue(secondSetHandled.WaitOne(10000, false));
                Thread.Sleep(200);
                transport.CompletePublish(inFlight, true);
                ThingHarness.AssertPublished(transport, Sys + "thing/service/property/set_reply", "{\"id\":\"61\",\"code\":200,\"data\":{}}", 1);
                Assert.IsTrue(delivery.Join(10000));

                transport.CompletePublish(transport.LastPublishId, true);
                ThingHarness.AssertPublished(transport, Sys + "thing/service/property/set_reply", "{\"id\":\"62\",\"code\":200,\"data\":{}}", 1);
                Assert.AreEqual(0, client.DroppedReplyCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>A client with a QoS 1 window of one slot and <paramref name="owedCapacity"/> owed replies, not connected.</summary>
        private static LinkKitClient OneSlotClient(RecordingTransport transport, int owedCapacity)
        {
            LinkKitOptions options = ThingHarness.Options(new TestClock());
            options.MaxInflightMessages = 1;
            options.OwedReplyCapacity = owedCapacity;
            return ThingHarness.Client(transport, options, TestTsl.Load());
        }

        /// <summary>Connects and fills the one-slot window with a property post; returns its transport message id.</summary>
        private static int FillTheWindow(LinkKitClient client, RecordingTransport transport)
        {
            Harness.Connect(client);
            client.BeginPropertyPost().Write("LightSwitch", 1);
            long postId;
            Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out postId));
            return transport.LastPublishId;
        }
    }
}
