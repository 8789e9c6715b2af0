using System;
using System.Collections.Concurrent;
using System.Text;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Interop
{
    /// <summary>The client over MQTTnet against a real mosquitto it starts itself: plain TCP, refusal, and TLS trust.</summary>
    public class MosquittoInteropTests
    {
        private const string UpTopic = "/a1TestPK001/dev-001/user/update";
        private const string DownTopic = "/a1TestPK001/dev-001/user/get";

        [Fact]
        public void PlainTcp_SubscribePublishReceiveUnsubscribe_Disconnect()
        {
            using MosquittoBroker broker = MosquittoBroker.StartPlain();
            using Observer cloud = Observer.Connect(broker.Port, UpTopic);
            using Device device = new Device("127.0.0.1", broker.Port, Device.PlainOptions());
            BlockingCollection<int> subscribed = new BlockingCollection<int>();
            BlockingCollection<int> published = new BlockingCollection<int>();
            BlockingCollection<int> unsubscribed = new BlockingCollection<int>();
            device.Client.Subscribed += (sender, id, granted, count) => subscribed.Add(id * 10 + granted[0]);
            device.Client.Published += (sender, id) => published.Add(id);
            device.Client.Unsubscribed += (sender, id) => unsubscribed.Add(id);

            device.Client.ConnectAsync();
            Assert.Equal(ConnectResult.Accepted, device.NextConnectResult("first connect"));
            Assert.Equal(LinkKitState.Connected, device.Client.State);

            int subscribeId;
            Assert.Equal(ErrorCode.Ok, device.Client.Subscribe(device.Client.ToFullTopic("user/get"), 1, out subscribeId));
            Assert.Equal(subscribeId * 10 + 1, Take(subscribed, "SUBACK"));

            byte[] payload = Encoding.ASCII.GetBytes("{\"temperature\":23.5}");
            int publishId;
            Assert.Equal(ErrorCode.Ok, device.Client.Publish(UpTopic, payload, 0, payload.Length, 1, out publishId));
            Assert.Equal(publishId, Take(published, "PUBACK"));
            Assert.Equal(UpTopic + " {\"temperature\":23.5}", Take(cloud.Received, "the device's publish at the cloud side"));

            cloud.Publish(DownTopic, "ping");
            Assert.Equal(DownTopic + " ping", Take(device.Messages, "the cloud's publish at the device"));

            int unsubscribeId;
            Assert.Equal(ErrorCode.Ok, device.Client.Unsubscribe(DownTopic, out unsubscribeId));
            Assert.Equal(unsubscribeId, Take(unsubscribed, "UNSUBACK"));

            device.Client.Disconnect();
            Assert.Equal(DisconnectReason.Requested, device.NextDisconnectReason("disconnect"));
            Assert.Equal(LinkKitState.Disconnected, device.Client.State);
            Assert.Equal(0, device.Client.HandlerExceptionCount);
            Assert.Null(device.Log.FindLineContaining(Device.DeviceSecret));
        }

        [Fact]
        public void RefusedConnack_IsReported_AndRetried()
        {
            using MosquittoBroker broker = MosquittoBroker.StartRefusing();
            using Device device = new Device("127.0.0.1", broker.Port, Device.PlainOptions());
            device.Client.ConnectAsync();
            Assert.Equal(ConnectResult.NotAuthorized, device.NextConnectResult("first attempt"));
            Assert.Equal(ConnectResult.NotAuthorized, device.NextConnectResult("the retry after the back-off"));
            Assert.Equal(LinkKitState.Connecting, device.Client.State);
            device.Client.Destruct();
            Assert.Equal(LinkKitState.Destructed, device.Client.State);
        }

        [Fact]
        public void Tls_WithTheRightCa_ConnectsAndRoundTrips()
        {
            TestCertificates certificates = TestCertificates.Create("LinkKit Test CA");
            using MosquittoBroker broker = MosquittoBroker.StartTls(certificates);
            LinkKitOptions options = Device.PlainOptions();
            options.UseTls = true;
            options.CaCertificates = certificates.CaPem;
            using Device device = new Device("127.0.0.1", broker.Port, options);
            device.Client.ConnectAsync();
            Assert.Equal(ConnectResult.Accepted, device.NextConnectResult("TLS connect"));
            int id;
            Assert.Equal(ErrorCode.Ok, device.Client.Subscribe(DownTopic, 0, out id));
            // mosquitto delivers a publish to every matching subscriber, the publisher included
            byte[] payload = Encoding.ASCII.GetBytes("over-tls");
            for (int i = 0; i < 50 && device.Messages.Count == 0; i++)
            {
                Assert.Equal(ErrorCode.Ok, device.Client.Publish(DownTopic, payload, 0, payload.Length, 0, out id));
                System.Threading.Thread.Sleep(100);
            }

            Assert.Equal(DownTopic + " over-tls", Take(device.Messages, "own message over TLS"));
        }

        [Fact]
        public void Tls_ServerSignedByAnotherCa_IsRefused()
        {
            TestCertificates serverCertificates = TestCertificates.Create("Broker CA");
            TestCertificates otherCertificates = TestCertificates.Create("Some Other CA");
            using MosquittoBroker broker = MosquittoBroker.StartTls(serverCertificates);
            LinkKitOptions options = Device.PlainOptions();
            options.UseTls = true;
            options.CaCertificates = otherCertificates.CaPem;
            using Device device = new Device("127.0.0.1", broker.Port, options);
            device.Client.ConnectAsync();
            Assert.Equal(ConnectResult.TlsFailure, device.NextConnectResult("TLS connect to an untrusted server"));
            Assert.Equal(ConnectResult.TlsFailure, device.NextConnectResult("the retry"));
            Assert.NotEqual(LinkKitState.Connected, device.Client.State);
        }

        [Fact]
        public void Tls_DefaultAliyunRoots_RefuseATestServer()
        {
            TestCertificates certificates = TestCertificates.Create("LinkKit Test CA");
            using MosquittoBroker broker = MosquittoBroker.StartTls(certificates);
            LinkKitOptions options = Device.PlainOptions();
            options.UseTls = true; // CaCertificates left at the Aliyun bundle
            using Device device = new Device("127.0.0.1", broker.Port, options);
            device.Client.ConnectAsync();
            Assert.Equal(ConnectResult.TlsFailure, device.NextConnectResult("TLS connect with the Aliyun roots"));
        }

        private static T Take<T>(BlockingCollection<T> collection, string what)
        {
            T item;
            if (!collection.TryTake(out item, TimeSpan.FromSeconds(10))) throw new TimeoutException("timed out waiting for " + what);
            return item;
        }
    }
}
