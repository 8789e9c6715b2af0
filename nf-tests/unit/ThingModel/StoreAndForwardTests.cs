using System.Threading;
using LinkKit.Nano.Tests.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>Posts kept while offline (LinkKitOptions.OfflineQueueBytes): exact bytes with their capture time, order, overflow, resend after a lost connection.</summary>
    [TestClass]
    public class StoreAndForwardTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;

        [TestMethod]
        public void PostsMadeBeforeTheConnection_KeptWithTheirTime_SentInOrderOnConnect()
        {
            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            TestClock clock = new TestClock();
            LinkKitClient client = ThingHarness.Client(transport, Options(clock, 4096, OfflineOverflow.DropOldest), TestTsl.Load());
            try
            {
                clock.ExtraMilliseconds = 123;
                ThingWriter w = client.BeginPropertyPost();
                w.Write("temperature", 25.5);
                w.WriteStartStruct("Location");
                w.Write("lat", 31.25);
                w.WriteEndStruct();
                long first;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out first));
                Assert.AreEqual(1L, first);

                clock.Now += 1;
                client.BeginEventPost("alarm").Write("level", 3);
                long second;
                Assert.AreEqual(ErrorCode.Ok, client.EndEventPost(out second));
                Assert.AreEqual(2L, second);
                byte[] raw = new byte[] { 0x01, 0x02 };
                Assert.AreEqual(ErrorCode.Ok, client.PostRawData(raw, 0, raw.Length));
                Assert.AreEqual(0, transport.PublishCount);
                Assert.AreEqual(3, client.OfflineQueuedCount);

                Harness.Connect(client);
                Assert.AreEqual(3, transport.PublishCount);
                Assert.AreEqual(Sys + "thing/event/property/post {\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"temperature\":{\"value\":25.5,\"time\":1700000000123},"
                    + "\"Location\":{\"value\":{\"lat\":31.25},\"time\":1700000000123}},\"method\":\"thing.event.property.post\"}", transport.Log[0]);
                Assert.AreEqual(Sys + "thing/event/alarm/post {\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"value\":{\"level\":3},\"time\":1700000001123},"
                    + "\"method\":\"thing.event.alarm.post\"}", transport.Log[1]);
                Assert.StartsWith(Sys + "thing/model/up_raw ", transport.Log[2]);
                Assert.AreEqual(1, client.OfflineQueuedCount);            // the property post awaits its acknowledgement

                transport.CompletePublish(1, true);
                Assert.AreEqual(0, client.OfflineQueuedCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void AnUnacknowledgedPost_SentAgainAfterTheConnectionIsLost_ItsReplyMatched()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Client(transport, Options(new TestClock(), 4096, OfflineOverflow.DropOldest), TestTsl.Load());
            AutoResetEvent enabled = new AutoResetEvent(false);
            client.ThingEnabled += delegate (LinkKitClient s) { enabled.Set(); };
            int replies = 0;
            long repliedId = 0;
            client.PropertyPostReplied += delegate (LinkKitClient s, ThingReply r)
            {
                replies++;
                repliedId = r.RequestId;
            };
            try
            {
                Harness.Connect(client);
                client.BeginPropertyPost().Write("LightSwitch", 1);
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual(1, transport.PublishCount);
                string sent = transport.LastPublishPayload;

                Assert.IsTrue(enabled.WaitOne(10000, false));
                transport.DropConnection();                                // no PUBACK: the broker may never have had it
                Assert.IsTrue(enabled.WaitOne(10000, false));              // the kept posts are sent before ThingEnabled
                Assert.AreEqual(2, transport.PublishCount);
                Assert.AreEqual(sent, transport.LastPublishPayload);       // the same message, same id and time
                transport.CompletePublish(transport.LastPublishId, true);
                ThingHarness.Inject(transport, Sys + "thing/event/property/post_reply",
                    "{\"code\":200,\"data\":{},\"id\":\"1\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}");
                Assert.AreEqual(1, replies);
                Assert.AreEqual(1L, repliedId);
                Assert.AreEqual(0, client.OfflineQueuedCount);
                Assert.AreEqual(0, client.UnmatchedReplyCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void WhileKeptPostsWait_ANewPostQueuesBehindThem_EvenWhenConnected()
        {
            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitOptions options = Options(new TestClock(), 4096, OfflineOverflow.DropOldest);
            options.MaxInflightMessages = 1;
            LinkKitClient client = ThingHarness.Client(transport, options, TestTsl.Load());
            try
            {
                Harness.Connect(client);
                long id;
                client.BeginPropertyPost().Write("Brightness", 1);
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                client.BeginPropertyPost().Write("Brightness", 2);          // the window is full: kept, not refused
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                client.BeginPropertyPost().Write("Brightness", 3);
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual(1, transport.PublishCount);
                Assert.AreEqual(3, client.OfflineQueuedCount);

                transport.CompletePublish(transport.LastPublishId, true);
                transport.CompletePublish(transport.LastPublishId, true);
                Assert.AreEqual(3, transport.PublishCount);
                Assert.AreEqual(Sys + "thing/event/property/post {\"id\":\"3\",\"version\":\"1.0\",\"params\":{\"Brightness\":{\"value\":3,\"time\":1700000000000}},"
                    + "\"method\":\"thing.event.property.post\"}", transport.Log[2]);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void FullQueue_RefuseNewest_ReturnsOfflineQueueFull_KeepsTheOldOnes()
        {
            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitClient client = ThingHarness.Client(transport, Options(new TestClock(), 300, OfflineOverflow.RefuseNewest), TestTsl.Load());
            try
            {
                long id;
                int kept = 0;
                int rc = ErrorCode.Ok;
                while (rc == ErrorCode.Ok)
                {
                    client.BeginPropertyPost().Write("Brightness", kept + 1);
                    rc = client.EndPropertyPost(out id);
                    if (rc == ErrorCode.Ok) kept++;
                }

                Assert.AreEqual(ErrorCode.OfflineQueueFull, rc);
                Assert.AreEqual(2, kept);                                   // 2 × (22 + 120) of 300 bytes
                Assert.AreEqual(1, client.OfflineRefusedCount);
                Assert.AreEqual(0, client.OfflineDroppedCount);
                Harness.Connect(client);
                Assert.AreEqual(Sys + "thing/event/property/post {\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"Brightness\":{\"value\":1,\"time\":1700000000000}},"
                    + "\"method\":\"thing.event.property.post\"}", transport.Log[0]);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void FullQueue_DropOldest_KeepsTheNewest_CountsTheDropped()
        {
            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitClient client = ThingHarness.Client(transport, Options(new TestClock(), 300, OfflineOverflow.DropOldest), TestTsl.Load());
            try
            {
                long id;
                for (int i = 1; i <= 5; i++)
                {
                    client.BeginPropertyPost().Write("Brightness", i);
                    Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                }

                Assert.AreEqual(3, client.OfflineDroppedCount);
                Assert.AreEqual(2, client.OfflineQueuedCount);
                Harness.Connect(client);
                Assert.AreEqual(2, transport.PublishCount);
                Assert.IsTrue(transport.Log[0].IndexOf("{\"id\":\"4\",") > 0);
                Assert.IsTrue(transport.Log[1].IndexOf("{\"id\":\"5\",") > 0);
            }
            finally
            {
                client.Destruct();
            }
        }

        private static LinkKitOptions Options(TestClock clock, int bytes, OfflineOverflow overflow)
        {
            LinkKitOptions options = ThingHarness.Options(clock);
            options.OfflineQueueBytes = bytes;
            options.OfflineOverflow = overflow;
            return options;
        }
    }
}
