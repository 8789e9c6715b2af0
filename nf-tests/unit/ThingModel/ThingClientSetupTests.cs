using System;
using LinkKit.Nano.Tests.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    [TestClass]
    public class ThingClientSetupTests : ClientTestBase
    {
        [TestMethod]
        public void ThingSetup_FromTslBytes()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", TestTsl.ProductKey, TestTsl.DeviceName, Harness.DeviceSecret, ThingHarness.Options(new TestClock()));
            try
            {
                byte[] tsl = TestTsl.Bytes(TestTsl.Export);
                string error;
                Assert.AreEqual(ErrorCode.Ok, client.ThingSetup(tsl, 0, tsl.Length, out error));
                Assert.IsNull(error);
                Assert.IsTrue(client.IsThingSetUp);
                Assert.AreEqual(2, client.ThingModel.ServiceCount);
                Assert.IsNotNull(client.LatestShadow);
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.ThingSetup((ThingModel)null); });
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void ThingSetup_InvalidTsl_ReturnsTheErrorAndSetsNothingUp()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", TestTsl.ProductKey, TestTsl.DeviceName, Harness.DeviceSecret, ThingHarness.Options(new TestClock()));
            try
            {
                byte[] tsl = TestTsl.Bytes("{\"properties\":[{\"identifier\":\"a\"}]}");
                string error;
                Assert.AreEqual(ErrorCode.InvalidThingModel, client.ThingSetup(tsl, 0, tsl.Length, out error));
                Assert.AreEqual("TSL byte 15: 'a' has no dataType", error);
                Assert.IsFalse(client.IsThingSetUp);
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.BeginPropertyPost(); });
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void ThingSetup_AfterConnectAsync_Throws()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", TestTsl.ProductKey, TestTsl.DeviceName, Harness.DeviceSecret, ThingHarness.Options(new TestClock()));
            try
            {
                Harness.Connect(client);
                Assert.ThrowsException(typeof(LinkKitStateException), delegate { client.ThingSetup(TestTsl.Load()); });
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void ThingEnabled_OnEveryConnection_ThingDisabled_OnEveryLoss()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            LinkKitClient client = ThingHarness.Client(transport, ThingHarness.Options(clock), TestTsl.Load());
            int enabled = 0, disabled = 0;
            client.ThingEnabled += delegate (LinkKitClient sender) { enabled++; };
            client.ThingDisabled += delegate (LinkKitClient sender) { disabled++; };
            try
            {
                Harness.Connect(client);
                Harness.WaitUntil(delegate { return enabled == 1; }, "ThingEnabled");
                Assert.IsTrue(client.IsThingEnabled);
                transport.DropConnection();
                Harness.WaitUntil(delegate { return disabled == 1 && enabled == 2; }, "ThingDisabled, then ThingEnabled after the reconnect");
                client.Disconnect();
                Assert.AreEqual(2, disabled);
                Assert.IsFalse(client.IsThingEnabled);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void SubscribeThingTopics_SubscribesTheDownlinksOnConnect_WithoutRaisingSubscribed()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitOptions options = ThingHarness.Options(new TestClock());
            options.SubscribeThingTopics = true;
            LinkKitClient client = ThingHarness.Client(transport, options, TestTsl.Load());
            int subscribed = 0;
            client.Subscribed += delegate (LinkKitClient sender, int id, byte[] granted, int count) { subscribed++; };
            try
            {
                Harness.Connect(client);
                Harness.WaitUntil(delegate { return client.IsThingEnabled; }, "ThingEnabled");
                Assert.AreEqual(18, transport.LastSubscribeCount);
                Assert.AreEqual(ThingHarness.Sys + "thing/service/property/set", transport.GetSubscribedFilter(0));
                Assert.AreEqual(ThingHarness.Sys + "thing/service/getStatus", transport.GetSubscribedFilter(10));
                Assert.AreEqual(ThingHarness.Sys + "thing/event/property/+/post_reply", transport.GetSubscribedFilter(11));
                Assert.AreEqual(ThingHarness.Sys + "broadcast/request/+", transport.GetSubscribedFilter(17));
                Assert.AreEqual(0, transport.GetSubscribedQos(17));
                transport.AcknowledgeSubscribe(transport.LastSubscribeId, new byte[18], 18);
                Assert.AreEqual(0, subscribed);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void WithoutSubscribeThingTopics_NothingIsSubscribed()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                Harness.WaitUntil(delegate { return client.IsThingEnabled; }, "ThingEnabled");
                Assert.AreEqual(0, transport.SubscribeCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Misuse_Throws_AndTheGateIsReleased()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            LinkKitClient client = ThingHarness.Client(transport, ThingHarness.Options(clock), TestTsl.Load());
            try
            {
                long id;
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.EndPropertyPost(out id); });
                client.BeginPropertyPost().Write("Brightness", 1);
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.EndEventPost(out id); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.GetShadow(); }); // a post is open on this thread
                // Posting before ConnectAsync is a state error, and End still releases the writer.
                Assert.ThrowsException(typeof(LinkKitStateException), delegate { client.EndPropertyPost(out id); });
                client.BeginPropertyPost().Write("Brightness", 2);
                client.CancelPost();
                Assert.ThrowsException(typeof(ArgumentNullException), delegate { client.BeginEventPost(null); });
                Assert.ThrowsException(typeof(ArgumentNullException), delegate { client.BeginServiceAnswer((string)null, 1, 200); });
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void BeginAgainOnTheSameThread_AbandonsTheUnfinishedMessage()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                client.BeginPropertyPost().Write("Brightness", 1);     // e.g. an exception skipped its End
                ThingWriter w = client.BeginPropertyPost();
                w.Write("Brightness", 2);
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual(2, id);                                  // the abandoned post used id 1
                Assert.AreEqual("{\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"Brightness\":2},\"method\":\"thing.event.property.post\"}", transport.LastPublishPayload);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void NotConnected_ReturnsNotConnected_AndForgetsTheRequest()
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
                client.BeginPropertyPost().Write("Brightness", 1);
                long id;
                Assert.AreEqual(ErrorCode.NotConnected, client.EndPropertyPost(out id));
                Assert.AreEqual(0, id);
                clock.Now += 100;
                int timeouts = 0;
                client.PropertyPostReplied += delegate (LinkKitClient s, ThingReply r) { timeouts++; };
                client.ProcessTimeouts();
                Assert.AreEqual(0, timeouts);                            // nothing was pending
            }
            finally
            {
                client.Destruct();
            }
        }
    }
}
