using System;
using LinkKit.Nano.Tests.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    [TestClass]
    public class ThingOptionsTests
    {
        [TestMethod]
        public void Defaults()
        {
            LinkKitOptions o = new LinkKitOptions();
            Assert.AreEqual(10000, o.RequestTimeoutMilliseconds);    // Python's fixed 10 s request purge
            Assert.AreEqual(8, o.RrpcCapacity);
            Assert.AreEqual(1024, o.ShadowCacheCapacity);
            Assert.AreEqual(64, o.OwedReplyCapacity);
            Assert.IsFalse(o.SubscribeThingTopics);                  // Aliyun subscribes for the device (_ss=1)
        }

        [TestMethod]
        [DataRow(0, 999, "RequestTimeoutMilliseconds must be between 1000 and 600000 (was 999).")]
        [DataRow(0, 600001, "RequestTimeoutMilliseconds must be between 1000 and 600000 (was 600001).")]
        [DataRow(1, 0, "RrpcCapacity must be between 1 and 256 (was 0).")]
        [DataRow(1, 257, "RrpcCapacity must be between 1 and 256 (was 257).")]
        [DataRow(2, -1, "ShadowCacheCapacity must be between 0 and 65536 (was -1).")]
        [DataRow(2, 65537, "ShadowCacheCapacity must be between 0 and 65536 (was 65537).")]
        [DataRow(3, 0, "OwedReplyCapacity must be between 1 and 4096 (was 0).")]
        [DataRow(3, 4097, "OwedReplyCapacity must be between 1 and 4096 (was 4097).")]
        public void OutOfRange_NamesTheRange(int option, int value, string expected)
        {
            LinkKitOptions o = new LinkKitOptions();
            Set(o, option, value);
            try
            {
                new LinkKitClient(new RecordingTransport(256, 2048), "cn-shanghai", "pk", "dn", "ds", o);
            }
            catch (ArgumentOutOfRangeException e)
            {
                Assert.StartsWith(expected, e.Message);
                return;
            }

            Assert.IsTrue(false, "not rejected");
        }

        [TestMethod]
        [DataRow(0, 1000)]
        [DataRow(0, 600000)]
        [DataRow(1, 1)]
        [DataRow(1, 256)]
        [DataRow(2, 0)]
        [DataRow(2, 65536)]
        [DataRow(3, 1)]
        [DataRow(3, 4096)]
        public void Limits_AreAccepted(int option, int value)
        {
            LinkKitOptions o = new LinkKitOptions();
            Set(o, option, value);
            LinkKitClient client = new LinkKitClient(new RecordingTransport(256, 2048), "cn-shanghai", "pk", "dn", "ds", o);
            Assert.AreEqual(LinkKitState.Initialized, client.State);
            Assert.AreEqual(value, Get(o, option));   // kept as given, not clamped
            client.Destruct();
            Assert.AreEqual(LinkKitState.Destructed, client.State);
        }

        [TestMethod]
        public void TopicBufferTooSmallForTheThingTopics_SetupThrows()
        {
            LinkKitOptions o = new LinkKitOptions();
            o.TopicBufferCapacity = 64;
            LinkKitClient client = new LinkKitClient(new RecordingTransport(256, 2048), "cn-shanghai", "a1TestPK001", "a-rather-long-device-name-0001", "ds", o);
            try
            {
                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.ThingSetup((ThingModel)null); });
                Assert.IsFalse(client.IsThingSetUp);
            }
            finally
            {
                client.Destruct();
            }
        }

        private static int Get(LinkKitOptions o, int option)
        {
            return option == 0 ? o.RequestTimeoutMilliseconds : option == 1 ? o.RrpcCapacity : option == 2 ? o.ShadowCacheCapacity : o.OwedReplyCapacity;
        }

        private static void Set(LinkKitOptions o, int option, int value)
        {
            if (option == 0) o.RequestTimeoutMilliseconds = value;
            else if (option == 1) o.RrpcCapacity = value;
            else if (option == 2) o.ShadowCacheCapacity = value;
            else o.OwedReplyCapacity = value;
        }
    }
}
