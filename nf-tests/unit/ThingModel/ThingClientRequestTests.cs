using LinkKit.Nano.Tests.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>What the device sends (exact topic, payload, QoS) and how the replies come back, through the client.</summary>
    [TestClass]
    public class ThingClientRequestTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;
        private const string PostReply1 = "{\"code\":200,\"data\":{},\"id\":\"1\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}";

        [TestMethod]
        public void PropertyPost_ExactMessage_AndReply()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int replies = 0, code = 0;
            long requestId = 0;
            bool success = false;
            client.PropertyPostReplied += delegate (LinkKitClient s, ThingReply r)
            {
                replies++;
                code = r.Code;
                requestId = r.RequestId;
                success = r.MessageEquals("success");
            };
            try
            {
                ThingWriter w = client.BeginPropertyPost();
                w.Write("temperature", 25.5);
                w.Write("LightSwitch", 1);
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual(1, id);
                ThingHarness.AssertPublished(transport, Sys + "thing/event/property/post",
                    "{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"temperature\":25.5,\"LightSwitch\":1},\"method\":\"thing.event.property.post\"}", 1);

                ThingHarness.Inject(transport, Sys + "thing/event/property/post_reply", PostReply1);
                Assert.AreEqual(1, replies);
                Assert.AreEqual(200, code);
                Assert.AreEqual(1, requestId);
                Assert.IsTrue(success);

                ThingHarness.Inject(transport, Sys + "thing/event/property/post_reply", PostReply1); // duplicate
                Assert.AreEqual(1, replies);
                Assert.AreEqual(1, client.UnmatchedReplyCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void PropertyPost_ReplyWithoutMessage_IsDelivered()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            bool hasMessage = true;
            int replies = 0;
            client.PropertyPostReplied += delegate (LinkKitClient s, ThingReply r) { replies++; hasMessage = r.HasMessage; };
            try
            {
                client.BeginPropertyPost().Write("temperature", 26);
                long id;
                client.EndPropertyPost(out id);
                Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"temperature\":26.0},\"method\":\"thing.event.property.post\"}", transport.LastPublishPayload);
                ThingHarness.Inject(transport, Sys + "thing/event/property/post_reply", "{\"code\":200,\"data\":{},\"id\":\"1\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}");
                Assert.AreEqual(1, replies);
                Assert.IsFalse(hasMessage);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void PropertyPost_UndeclaredOrOutOfRange_RefusedLocally_NothingSent()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                long id;
                client.BeginPropertyPost().Write("notInTsl", "no validation");
                Assert.AreEqual(ErrorCode.PropertyNotDeclared, client.EndPropertyPost(out id));
                client.BeginPropertyPost().Write("temperature", 500.0);
                Assert.AreEqual(ErrorCode.ValueOutOfRange, client.EndPropertyPost(out id));
                Assert.AreEqual(0, id);
                Assert.AreEqual(0, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void EventPost_ExactMessage_AndReplyNamesTheEvent()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            bool isAlarm = false;
            int code = 0;
            client.EventPostReplied += delegate (LinkKitClient s, ThingReply r) { isAlarm = r.IdentifierEquals("alarm"); code = r.Code; };
            try
            {
                client.BeginEventPost("alarm").Write("level", 3);
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndEventPost(out id));
                ThingHarness.AssertPublished(transport, Sys + "thing/event/alarm/post",
                    "{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"value\":{\"level\":3}},\"method\":\"thing.event.alarm.post\"}", 0);
                ThingHarness.Inject(transport, Sys + "thing/event/alarm/post_reply", "{\"code\":200,\"data\":{},\"id\":\"1\",\"message\":\"success\",\"method\":\"thing.event.alarm.post\",\"version\":\"1.0\"}");
                Assert.IsTrue(isAlarm);
                Assert.AreEqual(200, code);

                client.BeginEventPost("fire").Write("level", 3);
                Assert.AreEqual(ErrorCode.EventNotDeclared, client.EndEventPost(out id));
                Assert.AreEqual(1, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void ReplyOnTheWrongReplyTopic_IsUnmatched()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int replies = 0;
            client.PropertyPostReplied += delegate (LinkKitClient s, ThingReply r) { replies++; };
            client.TagsUpdateReplied += delegate (LinkKitClient s, ThingReply r) { replies++; };
            try
            {
                client.BeginPropertyPost().Write("Brightness", 5);
                long id;
                client.EndPropertyPost(out id);
                ThingHarness.Inject(transport, Sys + "thing/deviceinfo/update_reply", "{\"code\":200,\"data\":{},\"id\":\"1\",\"message\":\"success\"}");
                Assert.AreEqual(0, replies);
                Assert.AreEqual(1, client.UnmatchedReplyCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void UnansweredRequest_ReportedAsTimeout_ThenItsLateReplyIsUnmatched()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            LinkKitClient client = ThingHarness.Connected(transport, clock);
            int timeouts = 0, eventTimeouts = 0;
            long timedOutId = 0;
            bool eventNamed = false;
            client.PropertyPostReplied += delegate (LinkKitClient s, ThingReply r)
            {
                if (r.IsTimeout) { timeouts++; timedOutId = r.RequestId; }
            };
            client.EventPostReplied += delegate (LinkKitClient s, ThingReply r)
            {
                if (r.Code == ErrorCode.RequestTimedOut) { eventTimeouts++; eventNamed = r.IdentifierEquals("alarm") && !r.HasData && !r.HasMessage; }
            };
            try
            {
                long id;
                client.BeginPropertyPost().Write("Brightness", 5);
                client.EndPropertyPost(out id);
                client.BeginEventPost("alarm").Write("level", 1);
                client.EndEventPost(out id);
                clock.Now += 10;                                     // 10 s: not yet past timeout + the clock's 1 s resolution
                client.ProcessTimeouts();
                Assert.AreEqual(0, timeouts);
                clock.Now += 1;
                client.ProcessTimeouts();
                Assert.AreEqual(1, timeouts);
                Assert.AreEqual(1, timedOutId);
                Assert.AreEqual(1, eventTimeouts);
                Assert.IsTrue(eventNamed);
                ThingHarness.Inject(transport, Sys + "thing/event/property/post_reply", PostReply1);
                Assert.AreEqual(1, client.UnmatchedReplyCount);
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
            TestClock clock = new TestClock();
            LinkKitOptions options = ThingHarness.Options(clock);
            options.MaxQueuedMessages = 2;
            LinkKitClient client = ThingHarness.Client(transport, options, TestTsl.Load());
            try
            {
                Harness.Connect(client);
                long id;
                for (int i = 0; i < 2; i++)
                {
                    client.BeginPropertyPost().Write("Brightness", i);
                    Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                }

                client.BeginPropertyPost().Write("Brightness", 9);
                Assert.AreEqual(ErrorCode.RequestTableFull, client.EndPropertyPost(out id));
                Assert.AreEqual(2, transport.PublishCount);
                ThingHarness.Inject(transport, Sys + "thing/event/property/post_reply", PostReply1); // frees id 1
                client.BeginPropertyPost().Write("Brightness", 9);
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual(4, id);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Tags_ExactMessages_AndReplies()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int updated = 0, removed = 0;
            client.TagsUpdateReplied += delegate (LinkKitClient s, ThingReply r) { if (r.Code == 200 && r.RequestId == 1) updated++; };
            client.TagsRemoveReplied += delegate (LinkKitClient s, ThingReply r) { if (r.Code == 200 && r.RequestId == 2) removed++; };
            try
            {
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.UpdateTags(new string[] { "room", "floor" }, new string[] { "lab", "3" }, 2, out id));
                Assert.AreEqual(1, id);
                ThingHarness.AssertPublished(transport, Sys + "thing/deviceinfo/update",
                    "{\"id\":\"1\",\"version\":\"1.0\",\"params\":[{\"attrKey\":\"room\",\"attrValue\":\"lab\"},{\"attrKey\":\"floor\",\"attrValue\":\"3\"}],\"method\":\"thing.deviceinfo.update\"}", 0);
                ThingHarness.Inject(transport, Sys + "thing/deviceinfo/update_reply", "{\"code\":200,\"data\":{},\"id\":\"1\",\"message\":\"success\",\"method\":\"thing.deviceinfo.update\",\"version\":\"1.0\"}");
                Assert.AreEqual(1, updated);

                Assert.AreEqual(ErrorCode.Ok, client.RemoveTags(new string[] { "room" }, 1, out id));
                ThingHarness.AssertPublished(transport, Sys + "thing/deviceinfo/delete",
                    "{\"id\":\"2\",\"version\":\"1.0\",\"params\":[{\"attrKey\":\"room\"}],\"method\":\"thing.deviceinfo.delete\"}", 0);
                ThingHarness.Inject(transport, Sys + "thing/deviceinfo/delete_reply", "{\"code\":200,\"data\":{},\"id\":\"2\",\"message\":\"success\",\"method\":\"thing.deviceinfo.delete\",\"version\":\"1.0\"}");
                Assert.AreEqual(1, removed);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void RawData_BothWays()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            string replied = null, arrived = null;
            client.RawDataReplied += delegate (LinkKitClient s, byte[] p, int o, int c) { replied = Hex(p, o, c); };
            client.RawDataArrived += delegate (LinkKitClient s, byte[] p, int o, int c) { arrived = Hex(p, o, c); };
            try
            {
                byte[] up = new byte[] { 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x19 };
                Assert.AreEqual(ErrorCode.Ok, client.PostRawData(up, 0, up.Length));
                ThingHarness.AssertPublished(transport, Sys + "thing/model/up_raw", "\u0001\u0000\u0000\u0000\u0002\u0000\u0019", 0);
                byte[] topic = TestTsl.Bytes(Sys + "thing/model/up_raw_reply");
                byte[] reply = new byte[] { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
                transport.InjectMessage(topic, topic.Length, reply, reply.Length, 0);
                Assert.AreEqual("020000000100", replied);

                topic = TestTsl.Bytes(Sys + "thing/model/down_raw");
                byte[] down = new byte[] { 0x01, 0x00, 0x00, 0x00, 0x08, 0x01, 0x01 };
                transport.InjectMessage(topic, topic.Length, down, down.Length, 0);
                Assert.AreEqual("01000000080101", arrived);
                byte[] answer = new byte[] { 0x03, 0x00, 0x00, 0x00, 0x09, 0x00 };
                Assert.AreEqual(ErrorCode.Ok, client.ReplyRawData(answer, 0, answer.Length));
                ThingHarness.AssertPublished(transport, Sys + "thing/model/down_raw_reply", "\u0003\u0000\u0000\u0000\u0009\u0000", 0);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Shadow_UpdateGetAndControl()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int received = 0;
            bool control = false;
            string desired = null;
            client.ShadowReceived += delegate (LinkKitClient s, ShadowDocument d)
            {
                received++;
                if (d.Method == ShadowMethod.Control)
                {
                    control = true;
                    LinkKit.Nano.Json.JsonReader state = d.State;
                    if (state.MoveToProperty("desired") && state.MoveToProperty("color")) desired = state.GetString();
                }
            };
            try
            {
                ThingWriter w = client.BeginShadowUpdate(1);
                w.Write("color", "red");
                Assert.AreEqual(ErrorCode.Ok, client.EndShadowUpdate());
                ThingHarness.AssertPublished(transport, "/shadow/update/a1TestPK001/dev-001", "{\"state\":{\"reported\":{\"color\":\"red\"}},\"method\":\"update\",\"version\":1}", 1);
                ThingHarness.Inject(transport, "/shadow/get/a1TestPK001/dev-001", ShadowTests.UpdateReply);
                Assert.AreEqual(1L, client.LatestShadow.Version);

                Assert.AreEqual(ErrorCode.Ok, client.GetShadow());
                ThingHarness.AssertPublished(transport, "/shadow/update/a1TestPK001/dev-001", "{\"method\":\"get\"}", 1);
                ThingHarness.Inject(transport, "/shadow/get/a1TestPK001/dev-001", ShadowTests.GetReply);
                Assert.IsTrue(client.LatestShadow.HasState);

                ThingHarness.Inject(transport, "/shadow/get/a1TestPK001/dev-001", ShadowTests.Control);
                Assert.AreEqual(3, received);
                Assert.IsTrue(control);
                Assert.AreEqual("blue", desired);
                Assert.AreEqual(3L, client.LatestShadow.Version);

                Assert.AreEqual(ErrorCode.Ok, client.ClearShadowDesired(4));
                ThingHarness.AssertPublished(transport, "/shadow/update/a1TestPK001/dev-001", "{\"method\":\"update\",\"state\":{\"desired\":\"null\"},\"version\":4}", 1);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void CustomProtocolMode_PostsUnchecked_EventsNeedAModel()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Client(transport, ThingHarness.Options(new TestClock()), null);
            try
            {
                Harness.Connect(client);
                Assert.IsNull(client.ThingModel);
                ThingWriter w = client.BeginPropertyPost();
                Assert.IsFalse(w.IsChecked);
                w.Write("notInTsl", "no validation");
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"notInTsl\":\"no validation\"},\"method\":\"thing.event.property.post\"}", transport.LastPublishPayload);
                client.BeginEventPost("alarm").Write("level", 1);
                Assert.AreEqual(ErrorCode.EventNotDeclared, client.EndEventPost(out id));
            }
            finally
            {
                client.Destruct();
            }
        }

        private static string Hex(byte[] p, int o, int c)
        {
            const string digits = "0123456789abcdef";
            char[] chars = new char[c * 2];
            for (int i = 0; i < c; i++)
            {
                chars[2 * i] = digits[p[o + i] >> 4];
                chars[2 * i + 1] = digits[p[o + i] & 15];
            }

            return new string(chars);
        }
    }
}
