using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    /// <summary>What the client puts in CONNECT for each mode and option combination (through the recording transport).</summary>
    [TestClass]
    public class ClientCredentialsTests : ClientTestBase
    {
        [TestMethod]
        public void DefaultMode_SendsFixedTimestampSha256()
        {
            RecordingTransport transport = Connect(new TestClock(), null, true, null);
            Assert.AreEqual("a1X2bEnP82z.example1|timestamp=2524608000000,_ss=1,_v=linkkit-nano-0.1.0,lan=CSharp,securemode=2,signmethod=hmacsha256,ext=3|", transport.LastRequest.ClientId);
            Assert.AreEqual("example1&a1X2bEnP82z", transport.LastRequest.Username);
            Assert.AreEqual("B8CE8F1D706DD3C61D13BFD9855DEF7E321B785084CA9C93F0169A2B46785DD2", transport.LastRequest.Password);
            Assert.IsTrue(transport.LastRequest.UseTls);
            Assert.AreEqual(AliyunRootCertificates.Pem, transport.LastRequest.CaCertificatesPem);
            Assert.AreEqual(60, transport.LastRequest.KeepAliveSeconds);
            Assert.IsTrue(transport.LastRequest.CleanSession);
            Assert.IsTrue(transport.LastRequest.Protocol == MqttProtocol.Mqtt311);
        }

        [TestMethod]
        public void PlainWithDeviceInfo_SendsSecureMode3AndSii()
        {
            RecordingTransport transport = Connect(new TestClock(), "Eth-03ACDEFF0032", false, null);
            Assert.AreEqual("a1X2bEnP82z.example1|timestamp=2524608000000,_ss=1,_v=linkkit-nano-0.1.0,lan=CSharp,securemode=3,signmethod=hmacsha256,ext=3,sii=Eth-03ACDEFF0032|", transport.LastRequest.ClientId);
            Assert.IsFalse(transport.LastRequest.UseTls);
        }

        [TestMethod]
        public void InstanceId_ChangesTheHostNotTheCredentials()
        {
            RecordingTransport transport = Connect(new TestClock(), null, true, "iot-06z00abcdefg");
            Assert.AreEqual("iot-06z00abcdefg.mqtt.iothub.aliyuncs.com", transport.LastRequest.Host);
            Assert.AreEqual("a1X2bEnP82z.example1|timestamp=2524608000000,_ss=1,_v=linkkit-nano-0.1.0,lan=CSharp,securemode=2,signmethod=hmacsha256,ext=3|", transport.LastRequest.ClientId);
            Assert.AreEqual("B8CE8F1D706DD3C61D13BFD9855DEF7E321B785084CA9C93F0169A2B46785DD2", transport.LastRequest.Password);
        }

        [TestMethod]
        public void Sha1Mode_SignsTheClockTime_V1b()
        {
            TestClock clock = new TestClock();
            clock.Now = 1700000000;
            LinkKitOptions options = Harness.Options(clock);
            options.UseTls = true;
            options.SignMethod = SignMethod.HmacSha1;
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, options);
            Harness.Connect(client);
            Assert.AreEqual("a1X2bEnP82z&example1|securemode=2,signmethod=hmacsha1,ext=1,_ss=1,lan=CSharp,_v=linkkit-nano-0.1.0,timestamp=1700000000|", transport.LastRequest.ClientId);
            Assert.AreEqual("4608d3aa3c928984bb5968cbcb2b2710bea4b8db", transport.LastRequest.Password);
            client.Destruct();
        }

        [TestMethod]
        public void Sha1Mode_ResignsEveryAttempt_Sha256DoesNotChange()
        {
            TestClock clock = new TestClock();
            clock.Now = 1700000000;
            clock.SecondsPerWait = 5;
            LinkKitOptions options = Harness.Options(clock);
            options.SignMethod = SignMethod.HmacSha1;
            RecordingTransport transport = new RecordingTransport(256, 2048);
            transport.EnqueueConnectResult(ConnectResult.NetworkError);
            LinkKitClient client = Harness.Client(transport, options);
            Harness.Connect(client);
            Assert.AreEqual(2, transport.ConnectCount);
            Assert.EndsWith("timestamp=1700000005|", transport.LastRequest.ClientId); // the second attempt, one wait later
            client.Destruct();

            RecordingTransport fixedTransport = new RecordingTransport(256, 2048);
            fixedTransport.EnqueueConnectResult(ConnectResult.NetworkError);
            LinkKitClient fixedClient = Harness.Client(fixedTransport, Harness.Options(clock));
            Harness.Connect(fixedClient);
            Assert.AreEqual(2, fixedTransport.ConnectCount);
            Assert.AreEqual("B8CE8F1D706DD3C61D13BFD9855DEF7E321B785084CA9C93F0169A2B46785DD2", fixedTransport.LastRequest.Password);
            Assert.AreEqual("a1X2bEnP82z.example1|timestamp=2524608000000,_ss=1,_v=linkkit-nano-0.1.0,lan=CSharp,securemode=3,signmethod=hmacsha256,ext=3|", fixedTransport.LastRequest.ClientId);
            fixedClient.Destruct();
        }

        [TestMethod]
        public void ReadyMadeCredentials_AreSentVerbatim()
        {
            RecordingTransport transport = new RecordingTransport(256, 2048);
            MqttCredentials credentials = new MqttCredentials("a1TestPK001.dev-dyn-2|example-clientid-from-platform|authType=connwl,securemode=-2,_ss=1,ext=3,lan=Python,_v=1.2.13|", "dev-dyn-2&a1TestPK001", "TokenFromPlatform0002");
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", "a1TestPK001", "dev-dyn-2", credentials, Harness.Options(new TestClock()));
            Harness.Connect(client);
            Assert.AreEqual("a1TestPK001.dev-dyn-2|example-clientid-from-platform|authType=connwl,securemode=-2,_ss=1,ext=3,lan=Python,_v=1.2.13|", transport.LastRequest.ClientId);
            Assert.AreEqual("dev-dyn-2&a1TestPK001", transport.LastRequest.Username);
            Assert.AreEqual("TokenFromPlatform0002", transport.LastRequest.Password);
            client.Destruct();
        }

        [TestMethod]
        public void ProtocolKeepAliveAndSession_ReachTheTransport()
        {
            TestClock clock = new TestClock();
            LinkKitOptions options = Harness.Options(clock);
            options.Protocol = MqttProtocol.Mqtt31;
            options.KeepAliveSeconds = 1200;
            options.CleanSession = false;
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, options);
            Harness.Connect(client);
            Assert.IsTrue(transport.LastRequest.Protocol == MqttProtocol.Mqtt31);
            Assert.AreEqual(1200, transport.LastRequest.KeepAliveSeconds);
            Assert.IsFalse(transport.LastRequest.CleanSession);
            client.Destruct();
        }

        private static RecordingTransport Connect(TestClock clock, string deviceInfo, bool useTls, string instanceId)
        {
            LinkKitOptions options = Harness.Options(clock);
            options.UseTls = useTls;
            options.DeviceInfo = deviceInfo;
            options.InstanceId = instanceId;
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, options);
            Harness.Connect(client);
            client.Destruct();
            return transport;
        }
    }
}
