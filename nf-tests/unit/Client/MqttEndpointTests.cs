using LinkKit.Nano.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    [TestClass]
    public class MqttEndpointTests : ClientTestBase
    {
        [TestMethod]
        public void Region_GivesPublicInstanceHost()
        {
            // docs/protocol.md, Endpoints and TLS, observed get_actual_endpoint() output
            Assert.AreEqual("a1TestPK001.iot-as-mqtt.cn-shanghai.aliyuncs.com", MqttEndpoint.Resolve("cn-shanghai", "a1TestPK001", null, null));
        }

        [TestMethod]
        public void InstanceId_GivesInstanceHost()
        {
            Assert.AreEqual("iot-06z00abcdefg.mqtt.iothub.aliyuncs.com", MqttEndpoint.Resolve("cn-shanghai", "a1TestPK001", "iot-06z00abcdefg", null));
        }

        [TestMethod]
        [DataRow("127.0.0.1")] // a local broker is used as is...
        [DataRow("localhost")]
        public void LocalHost_IsUsedAsIs_EvenWithInstanceId(string host)
        {
            // ...and wins over an instance id (Python checks host_name before instance_id).
            Assert.AreEqual(host, MqttEndpoint.Resolve(host, "a1TestPK001", "iot-06z00abcdefg", null));
        }

        [TestMethod]
        public void Endpoint_WinsOverEverything()
        {
            Assert.AreEqual("broker.example", MqttEndpoint.Resolve("127.0.0.1", "a1TestPK001", "iot-06z00abcdefg", "broker.example"));
            Assert.AreEqual("iot-06z00abcdefg.mqtt.iothub.aliyuncs.com", MqttEndpoint.Resolve("cn-shanghai", "a1TestPK001", "iot-06z00abcdefg", ""));
        }

        [TestMethod]
        public void Client_ExposesAndUsesTheResolvedHost()
        {
            TestClock clock = new TestClock();
            LinkKitOptions options = Harness.Options(clock);
            options.InstanceId = "iot-06z00abcdefg";
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Harness.Client(transport, options);
            Assert.AreEqual("iot-06z00abcdefg.mqtt.iothub.aliyuncs.com", client.Endpoint);
            Harness.Connect(client);
            Assert.AreEqual("iot-06z00abcdefg.mqtt.iothub.aliyuncs.com", transport.LastRequest.Host);
            Assert.AreEqual(1883, transport.LastRequest.Port);
            client.Destruct();
        }
    }
}
