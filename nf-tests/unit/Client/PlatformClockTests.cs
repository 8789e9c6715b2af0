using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    /// <summary>The platform clock over /ext/ntp: the formula, the request on connect, the answer taken or refused.</summary>
    [TestClass]
    public class PlatformClockTests : ClientTestBase
    {
        private const string Ntp = "/ext/ntp/" + Harness.ProductKey + "/" + Harness.DeviceName;

        /// <summary>A counter the test moves by hand.</summary>
        private sealed class ManualCounter : IMonotonicClock
        {
            public long Now;

            public long ElapsedMilliseconds
            {
                get { return Now; }
            }
        }

        [TestMethod]
        public void Formula_TheDocumentedExample()
        {
            // NTP1: sent 1571724098000, server 1571724098920 and 1571724098920, received 1571724099000.
            Assert.AreEqual(1571724099420L, PlatformClock.Compute(1571724098000, 1571724098920, 1571724098920, 1571724099000));
        }

        private static void Deliver(RecordingTransport transport, string payload)
        {
            byte[] topic = Harness.Ascii(Ntp + "/response");
            byte[] bytes = Harness.Ascii(payload);
            transport.InjectMessage(topic, topic.Length, bytes, bytes.Length, 0);
        }

        [TestMethod]
        public void Connect_SubscribesAndAsks_TheAnswerSetsTheTime_TheCounterKeepsIt()
        {
            TestClock fallback = new TestClock();
            ManualCounter counter = new ManualCounter();
            counter.Now = 5000;
            PlatformClock clock = new PlatformClock(counter, fallback);
            LinkKitOptions options = Harness.Options(fallback);
            options.Clock = clock;
            RecordingTransport transport = new RecordingTransport(256, 256);
            LinkKitClient client = Harness.Client(transport, options);
            long synchronizedAt = 0;
            clock.Synchronized += (sender, utc) => synchronizedAt = utc;
            clock.Attach(client);
            Assert.AreEqual(1700000000L, clock.UnixTimeSeconds());           // the fallback's, until the platform answers

            Harness.Connect(client);
            Harness.WaitUntil(delegate { return transport.PublishCount == 1; }, "the time request");
            Assert.AreEqual(Ntp + "/response", transport.GetSubscribedFilter(0));
            Assert.AreEqual(Ntp + "/request", transport.LastPublishTopic);
            Assert.AreEqual("{\"deviceSendTime\":\"5000\"}", transport.LastPublishPayload);

            counter.Now = 5080;                                               // 80 ms on the way
            Deliver(transport, "{\"deviceSendTime\":\"5000\",\"serverRecvTime\":\"1700000100000\",\"serverSendTime\":\"1700000100002\"}");
            Assert.IsTrue(clock.IsSynchronized);
            Assert.AreEqual(1700000100041L, synchronizedAt);                  // (…100000 + …100002 + 5080 − 5000) / 2
            counter.Now = 65080;                                              // a minute later, whatever the wall clock says
            Assert.AreEqual(1700000160041L, clock.UnixTimeMilliseconds());
            Assert.AreEqual(1700000160L, clock.UnixTimeSeconds());
        }

        [TestMethod]
        public void StaleOrBrokenAnswers_CountedAndIgnored()
        {
            TestClock fallback = new TestClock();
            ManualCounter counter = new ManualCounter();
            PlatformClock clock = new PlatformClock(counter, fallback);
            RecordingTransport transport = new RecordingTransport(256, 256);
            LinkKitClient client = Harness.Client(transport, Harness.Options(fallback));
            clock.Attach(client);
            Harness.Connect(client);
            Harness.WaitUntil(delegate { return transport.PublishCount == 1; }, "the time request");

            Deliver(transport, "{\"deviceSendTime\":\"77\",\"serverRecvTime\":\"1\",\"serverSendTime\":\"2\"}");   // not our request
            Deliver(transport, "{\"deviceSendTime\":\"0\",\"serverRecvTime\":\"x\",\"serverSendTime\":\"2\"}");    // not a time
            Deliver(transport, "[]");
            Assert.AreEqual(3, clock.IgnoredResponses);
            Assert.IsFalse(clock.IsSynchronized);
            Deliver(transport, "{\"serverSendTime\":2000,\"deviceSendTime\":0,\"serverRecvTime\":1000,\"extra\":{}}");   // numbers, any order
            Assert.IsTrue(clock.IsSynchronized);
            Assert.AreEqual(1500L, clock.UnixTimeMilliseconds());
            Deliver(transport, "{\"deviceSendTime\":\"0\",\"serverRecvTime\":\"9000\",\"serverSendTime\":\"9000\"}");   // answered already
            Assert.AreEqual(4, clock.IgnoredResponses);
            Assert.AreEqual(1500L, clock.UnixTimeMilliseconds());
        }
    }
}
