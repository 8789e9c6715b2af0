using System;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    public delegate void OptionsChange(LinkKitOptions options);

    [TestClass]
    public class LinkKitOptionsTests
    {
        [TestMethod]
        public void Defaults_MirrorPythonConfigMqtt()
        {
            LinkKitOptions o = new LinkKitOptions();
            Assert.AreEqual(8883, o.Port);
            Assert.IsTrue(o.Protocol == MqttProtocol.Mqtt311);
            Assert.IsTrue(o.UseTls);
            Assert.AreEqual(AliyunRootCertificates.Pem, o.CaCertificates);
            Assert.AreEqual(60, o.KeepAliveSeconds);
            Assert.IsTrue(o.CleanSession);
            Assert.AreEqual(20, o.MaxInflightMessages);
            Assert.AreEqual(40, o.MaxQueuedMessages);
            Assert.AreEqual(1, o.ReconnectMinSeconds);
            Assert.AreEqual(60, o.ReconnectMaxSeconds);
            Assert.IsTrue(o.SignMethod == SignMethod.HmacSha256);
            Assert.IsNull(o.DeviceInfo);
        }

        [TestMethod]
        public void KeepAlive_OutOfRange_NamesTheRange()
        {
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.KeepAliveSeconds = 29; }, "KeepAliveSeconds must be between 30 and 1200 (was 29).");
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.KeepAliveSeconds = 1201; }, "KeepAliveSeconds must be between 30 and 1200 (was 1201).");
            AssertAccepted(delegate (LinkKitOptions o) { o.KeepAliveSeconds = 30; });
            AssertAccepted(delegate (LinkKitOptions o) { o.KeepAliveSeconds = 1200; });
        }

        [TestMethod]
        public void Port_OutOfRange_NamesTheRange()
        {
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.Port = 0; }, "Port must be between 1 and 65535 (was 0).");
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.Port = 65536; }, "Port must be between 1 and 65535 (was 65536).");
        }

        [TestMethod]
        public void Reconnect_OutOfRange_NamesTheRange()
        {
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.ReconnectMinSeconds = 0; }, "ReconnectMinSeconds must be between 1 and 7200 (was 0).");
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.ReconnectMaxSeconds = 7201; }, "ReconnectMaxSeconds must be between 1 and 7200 (was 7201).");
            AssertAccepted(delegate (LinkKitOptions o) { o.ReconnectMinSeconds = 7200; o.ReconnectMaxSeconds = 7200; });
        }

        [TestMethod]
        public void ReconnectMin_AboveMax_IsRejected()
        {
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.ReconnectMinSeconds = 61; }, "ReconnectMinSeconds (61) must not exceed ReconnectMaxSeconds (60).");
        }

        [TestMethod]
        public void QueueAndBufferSizes_OutOfRange_NameTheRange()
        {
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.MaxInflightMessages = 0; }, "MaxInflightMessages must be between 1 and 1000 (was 0).");
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.MaxQueuedMessages = 1001; }, "MaxQueuedMessages must be between 1 and 1000 (was 1001).");
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.TopicBufferCapacity = 63; }, "TopicBufferCapacity must be between 64 and 4096 (was 63).");
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.PayloadBufferCapacity = 262145; }, "PayloadBufferCapacity must be between 64 and 262144 (was 262145).");
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.SubscriptionCapacity = 0; }, "SubscriptionCapacity must be between 1 and 256 (was 0).");
        }

        [TestMethod]
        public void DeviceInfo_TooLong_IsRejected()
        {
            AssertAccepted(delegate (LinkKitOptions o) { o.DeviceInfo = Harness.Repeat('a', 160); });
            AssertRejected(typeof(ArgumentOutOfRangeException), delegate (LinkKitOptions o) { o.DeviceInfo = Harness.Repeat('a', 161); }, "DeviceInfo must be at most 160 characters (was 161).");
        }

        [TestMethod]
        [DataRow("Eth|03ACDEFF0032|Eth|03ACDEFF0031")] // the Python docs' example: '|' would end the option block early
        [DataRow("Eth,03ACDEFF0032")]                   // ',' would start a new option
        [DataRow("mac=03ACDEFF0032")]                   // '=' would fake an option
        public void DeviceInfo_WithDelimiters_IsRejected(string deviceInfo)
        {
            AssertRejected(typeof(ArgumentException), delegate (LinkKitOptions o) { o.DeviceInfo = deviceInfo; }, "DeviceInfo must not contain '|', ',' or '='");
        }

        [TestMethod]
        public void Tls_WithoutCertificate_IsRejected()
        {
            AssertRejected(typeof(ArgumentException), delegate (LinkKitOptions o) { o.CaCertificates = ""; }, "CaCertificates must hold at least one PEM certificate when UseTls is true.");
            AssertAccepted(delegate (LinkKitOptions o) { o.UseTls = false; o.CaCertificates = null; });
        }

        [TestMethod]
        public void Options_AreCopied_AtConstruction()
        {
            LinkKitOptions options = new LinkKitOptions();
            options.Port = 1234;
            LinkKitClient client = new LinkKitClient(new RecordingTransport(256, 2048), "cn-shanghai", "pk", "dn", "ds", options);
            options.Port = 4321;
            Assert.AreEqual(1234, client.Port);
            client.Destruct();
        }

        private static void AssertAccepted(OptionsChange change)
        {
            LinkKitOptions options = new LinkKitOptions();
            change(options);
            new LinkKitClient(new RecordingTransport(256, 2048), "cn-shanghai", "pk", "dn", "ds", options).Destruct();
        }

        private static void AssertRejected(Type exceptionType, OptionsChange change, string expectedMessageStart)
        {
            LinkKitOptions options = new LinkKitOptions();
            change(options);
            LinkKitClient client = null; // also keeps change() from returning straight into the try (nanoCLR would catch its exception here)
            try
            {
                client = new LinkKitClient(new RecordingTransport(256, 2048), "cn-shanghai", "pk", "dn", "ds", options);
            }
            catch (Exception e)
            {
                Assert.IsTrue(e.GetType() == exceptionType, "got " + e.GetType().FullName);
                Assert.StartsWith(expectedMessageStart, e.Message);
                return;
            }

            client.Destruct();
            Assert.IsTrue(false, "no exception for an invalid option; expected: " + expectedMessageStart);
        }
    }
}
