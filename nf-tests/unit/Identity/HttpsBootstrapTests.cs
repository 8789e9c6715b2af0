using LinkKit.Nano.Identity;
using LinkKit.Nano.Tests.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Identity
{
    /// <summary>The HTTPS bootstrap service as the endpoint resolver: the exact request, the answer read, refusals, and a bootstrap notice's reconnect through it.</summary>
    [TestClass]
    public class HttpsBootstrapTests : ClientTestBase
    {
        private const string Ca = "-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n";
        private const string Answer = "{\"code\":200,\"data\":{\"resources\":{\"mqtt\":{\"host\":\"a1B2c3D4e5F.iot-as-mqtt.ap-southeast-1.aliyuncs.com\",\"port\":1883}}},\"message\":\"success\"}";
        private const string Request =
            "POST /auth/bootstrap HTTP/1.1\r\nHost: iot-auth-global.aliyuncs.com\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: 87\r\nConnection: close\r\n\r\n"
            + "productKey=a1B2c3D4e5F&deviceName=device01&clientId=a1B2c3D4e5F.device01&resources=mqtt";

        private static int Resolve(ScriptedTls tls, out string host, out int port)
        {
            return new HttpsBootstrap(tls, "localhost", 8443, Ca).Resolve("a1B2c3D4e5F", "device01", out host, out port);
        }

        [TestMethod]
        public void Resolve_SendsTheExactRequest_ReadsHostAndPort()
        {
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, Answer), 1000, false);
            HttpsBootstrap bootstrap = new HttpsBootstrap(tls);
            string host;
            int port;
            Assert.AreEqual(ErrorCode.Ok, bootstrap.Resolve("a1B2c3D4e5F", "device01", out host, out port));
            Assert.AreEqual(Request, tls.Sent);
            Assert.AreEqual("iot-auth-global.aliyuncs.com", tls.Host);
            Assert.AreEqual(443, tls.Port);
            Assert.AreEqual(AliyunRootCertificates.Pem, tls.CaPem);
            Assert.AreEqual("a1B2c3D4e5F.iot-as-mqtt.ap-southeast-1.aliyuncs.com", host);
            Assert.AreEqual(1883, port);
            Assert.AreEqual(200, bootstrap.Code);
            Assert.AreEqual(200, bootstrap.HttpStatus);
            Assert.AreEqual(1, tls.Closes);
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(13)]
        [DataRow(2048)]
        public void Resolve_AnyReadSizes_OtherPortInTheHostHeader_NamesEncoded(int piece)
        {
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, Answer), piece, true);
            string host;
            int port;
            Assert.AreEqual(ErrorCode.Ok, new HttpsBootstrap(tls, "localhost", 8443, Ca).Resolve("a1B2c3D4e5F", "dev@site:1", out host, out port));
            Assert.AreEqual("POST /auth/bootstrap HTTP/1.1\r\nHost: localhost:8443\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 99\r\nConnection: close\r\n\r\n"
                + "productKey=a1B2c3D4e5F&deviceName=dev%40site%3A1&clientId=a1B2c3D4e5F.dev%40site%3A1&resources=mqtt", tls.Sent);
            Assert.AreEqual("localhost", tls.Host);
            Assert.AreEqual(8443, tls.Port);
            Assert.AreEqual(Ca, tls.CaPem);
            Assert.AreEqual(1883, port);
        }

        [TestMethod]
        [DataRow("{\"message\":\"success\",\"data\":{\"x\":[1,{}],\"resources\":{\"coap\":{\"host\":\"c\"},\"mqtt\":{\"port\":\"8883\",\"ip\":\"10.0.0.7\"}}},\"code\":\"200\"}", "10.0.0.7", 8883)]
        [DataRow("{\"code\":200,\"data\":{\"resources\":{\"mqtt\":{\"ip\":\"10.0.0.7\",\"host\":\"h.example\",\"port\":443}}}}", "h.example", 443)]
        public void Resolve_AnyOrder_IpWhenNoHost_PortAsString(string body, string expectedHost, int expectedPort)
        {
            string host;
            int port;
            Assert.AreEqual(ErrorCode.Ok, Resolve(new ScriptedTls(RegistrationReplyParserTests.Http(200, body), 64, true), out host, out port));
            Assert.AreEqual(expectedHost, host);
            Assert.AreEqual(expectedPort, port);
        }

        [TestMethod]
        public void Resolve_ChunkedBody()
        {
            string response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "10\r\n" + Answer.Substring(0, 16) + "\r\n"
                + "79\r\n" + Answer.Substring(16) + "\r\n0\r\n\r\n";
            string host;
            int port;
            Assert.AreEqual(ErrorCode.Ok, Resolve(new ScriptedTls(response, 50, false), out host, out port));
            Assert.AreEqual("a1B2c3D4e5F.iot-as-mqtt.ap-southeast-1.aliyuncs.com", host);
        }

        [TestMethod]
        [DataRow(200, "{\"code\":6100,\"message\":\"device not found\"}", ErrorCode.BootstrapRefused, 6100)]
        [DataRow(400, "{\"code\":460,\"message\":\"bad\"}", ErrorCode.BootstrapRefused, 460)]
        [DataRow(200, "{\"code\":6100,\"data\":{\"resources\":{\"mqtt\":{\"host\":\"h\",\"port\":1}}}}", ErrorCode.BootstrapRefused, 6100)]
        [DataRow(502, "<html>bad gateway</html>", ErrorCode.HttpStatusNotOk, 0)]
        [DataRow(403, "{\"data\":{}}", ErrorCode.HttpStatusNotOk, 0)]
        [DataRow(200, "{\"code\":200,\"data\":{\"resources\":{\"mqtt\":{\"port\":1883}}}}", ErrorCode.MissingField, 200)]
        [DataRow(200, "{\"code\":200,\"data\":{\"resources\":{\"mqtt\":{\"host\":\"h\",\"port\":65536}}}}", ErrorCode.MissingField, 200)]
        [DataRow(200, "{\"code\":200,\"data\":{\"resources\":{\"mqtt\":{\"host\":\"\",\"port\":1883}}}}", ErrorCode.MissingField, 200)]
        [DataRow(200, "{\"code\":200,\"data\":{\"resources\":{}}}", ErrorCode.MissingField, 200)]
        [DataRow(200, "{\"data\":{\"resources\":{\"mqtt\":{\"host\":\"h\",\"port\":1883}}}}", ErrorCode.MissingField, 0)]
        [DataRow(200, "{\"code\":200,\"data\":{\"resources\":{\"mqtt\":{\"host\":\"h\",\"port\":1883}}}} x", ErrorCode.Malformed, 200)]
        [DataRow(200, "[]", ErrorCode.Malformed, 0)]
        public void Resolve_Refusals_NoEndpoint(int status, string body, int expected, int expectedCode)
        {
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(status, body), 1000, true);
            HttpsBootstrap bootstrap = new HttpsBootstrap(tls, "localhost", 8443, Ca);
            string host;
            int port;
            Assert.AreEqual(expected, bootstrap.Resolve("a1B2c3D4e5F", "device01", out host, out port));
            Assert.IsNull(host);
            Assert.AreEqual(0, port);
            Assert.AreEqual(status, bootstrap.HttpStatus);
            Assert.AreEqual(expectedCode, bootstrap.Code);
        }

        [TestMethod]
        public void Resolve_ConnectOrReadFails()
        {
            ScriptedTls refused = new ScriptedTls(RegistrationReplyParserTests.Http(200, Answer), 1000, true);
            refused.ConnectResult = ErrorCode.TlsConnectFailed;
            string host;
            int port;
            Assert.AreEqual(ErrorCode.TlsConnectFailed, Resolve(refused, out host, out port));
            Assert.AreEqual(0, refused.Closes);

            ScriptedTls broken = new ScriptedTls(RegistrationReplyParserTests.Http(200, Answer), 10, false);
            broken.FailReadAfter = 30;
            Assert.AreEqual(ErrorCode.TlsIoFailed, Resolve(broken, out host, out port));
            Assert.IsNull(host);
            Assert.AreEqual(1, broken.Closes);

            ScriptedTls cut = new ScriptedTls(RegistrationReplyParserTests.Http(200, Answer).Substring(0, 60), 10, true);
            Assert.AreEqual(ErrorCode.HttpTruncated, Resolve(cut, out host, out port));
        }

        [TestMethod]
        public void BootstrapNotice_ClientReconnectsToTheResolvedEndpoint()
        {
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, Answer), 1000, true);
            RecordingTransport transport = new RecordingTransport(256, 512);
            LinkKitOptions options = Harness.Options(new TestClock());
            options.EndpointResolver = new HttpsBootstrap(tls, "localhost", 8443, Ca);
            LinkKitClient client = Harness.Client(transport, options);
            client.ThingSetup((ThingModel)null);
            try
            {
                Harness.Connect(client);
                byte[] topic = Harness.Ascii("/sys/" + Harness.ProductKey + "/" + Harness.DeviceName + "/thing/bootstrap/notify");
                byte[] notice = Harness.Ascii("{\"id\":\"31\",\"version\":\"1.0\",\"params\":{\"cmd\":0},\"method\":\"thing.bootstrap.notify\"}");
                transport.InjectMessage(topic, topic.Length, notice, notice.Length, 0);
                Assert.AreEqual("{\"id\":\"31\",\"code\":200,\"data\":{}}", transport.LastPublishPayload);
                Harness.WaitUntil(delegate { return transport.ConnectCount == 2 && client.State == LinkKitState.Connected; }, "the reconnect");
                Assert.AreEqual("a1B2c3D4e5F.iot-as-mqtt.ap-southeast-1.aliyuncs.com", transport.LastRequest.Host);
                Assert.AreEqual(1883, transport.LastRequest.Port);
                Assert.IsTrue(tls.Sent.IndexOf("productKey=" + Harness.ProductKey + "&deviceName=" + Harness.DeviceName + "&clientId=") > 0);
            }
            finally
            {
                client.Destruct();
            }
        }
    }
}
