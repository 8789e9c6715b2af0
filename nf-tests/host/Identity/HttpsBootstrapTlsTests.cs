using LinkKit.Nano.Identity;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Identity
{
    /// <summary>The HTTPS bootstrap service end to end over real TLS (host SslStream adapter) against a local server.</summary>
    public class HttpsBootstrapTlsTests
    {
        private const string Body = "{\"code\":200,\"data\":{\"resources\":{\"mqtt\":{\"host\":\"a1B2c3D4e5F.iot-as-mqtt.ap-southeast-1.aliyuncs.com\",\"port\":1883}}},\"message\":\"success\"}";

        private static readonly string Response =
            "HTTP/1.1 200 OK\r\nServer: Tengine\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: " + Body.Length
            + "\r\nConnection: close\r\n\r\n" + Body;

        [Fact]
        public void Resolve_TrustedCa_SendsTheFormAndReadsTheEndpoint()
        {
            using TestCertificateAuthority ca = new TestCertificateAuthority("LinkKit Test Root");
            using var certificate = ca.IssueServerCertificate("localhost");
            using LocalTlsServer server = new LocalTlsServer(certificate, Response);

            HttpsBootstrap bootstrap = new HttpsBootstrap(new SslStreamConnector(10000), "localhost", server.Port, ca.Pem);
            Assert.Equal(ErrorCode.Ok, bootstrap.Resolve("a1B2c3D4e5F", "device01", out string host, out int port));
            server.Finish();

            Assert.Equal("a1B2c3D4e5F.iot-as-mqtt.ap-southeast-1.aliyuncs.com", host);
            Assert.Equal(1883, port);
            Assert.Equal(
                "POST /auth/bootstrap HTTP/1.1\r\nHost: localhost:" + server.Port + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 87\r\nConnection: close\r\n\r\n"
                + "productKey=a1B2c3D4e5F&deviceName=device01&clientId=a1B2c3D4e5F.device01&resources=mqtt",
                server.Request);
        }

        [Fact]
        public void Resolve_OtherCa_TlsConnectFailed()
        {
            using TestCertificateAuthority ca = new TestCertificateAuthority("LinkKit Test Root");
            using TestCertificateAuthority other = new TestCertificateAuthority("Some Other Root");
            using var certificate = ca.IssueServerCertificate("localhost");
            using LocalTlsServer server = new LocalTlsServer(certificate, Response);

            HttpsBootstrap bootstrap = new HttpsBootstrap(new SslStreamConnector(10000), "localhost", server.Port, other.Pem);
            Assert.Equal(ErrorCode.TlsConnectFailed, bootstrap.Resolve("a1B2c3D4e5F", "device01", out string host, out int port));
            server.Finish();
            Assert.Null(host);
            Assert.True(string.IsNullOrEmpty(server.Request));
        }
    }
}
