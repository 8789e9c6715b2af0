using LinkKit.Nano.Identity;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Identity;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Identity
{
    /// <summary>The HTTPS registration flow end to end over real TLS (host SslStream adapter) against a local server.</summary>
    public class HttpsRegistrationTlsTests
    {
        private const string SuccessBody =
            "{\"code\":200,\"data\":{\"productKey\":\"a1B2c3D4e5F\",\"deviceName\":\"device01\",\"deviceSecret\":\"0123456789abcdef0123456789abcdef\"},\"message\":\"success\"}";

        private static readonly string SuccessResponse =
            "HTTP/1.1 200 OK\r\nServer: Tengine\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: " + SuccessBody.Length
            + "\r\nConnection: close\r\n\r\n" + SuccessBody;

        private static HttpsRegistration Flow(int port, string caPem)
        {
            RegistrationSigner signer = new RegistrationSigner("a1B2c3D4e5F", "device01", "ProductSecretABCDEF");
            return new HttpsRegistration(new SslStreamConnector(10000), FixedRandomSource.Spelling("AbCdEfGhIjKlMnO"), signer, "localhost", port, caPem);
        }

        [Fact]
        public void Register_TrustedCa_GetsSecretAndSendsV4()
        {
            using TestCertificateAuthority ca = new TestCertificateAuthority("LinkKit Test Root");
            using var certificate = ca.IssueServerCertificate("localhost");
            using LocalTlsServer server = new LocalTlsServer(certificate, SuccessResponse);

            HttpsRegistration flow = Flow(server.Port, ca.Pem);
            SecretRecord record = new SecretRecord();
            Assert.Equal(ErrorCode.Ok, flow.Register(record));
            server.Finish();

            Assert.Equal("0123456789abcdef0123456789abcdef", record.DeviceSecret);
            Assert.Equal("device01", record.DeviceName);
            Assert.Equal(200, flow.Reply.HttpStatus);
            Assert.Equal(
                "POST /auth/register/device HTTP/1.1\r\nHost: localhost:" + server.Port + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 157\r\nConnection: close\r\n\r\n"
                + "productKey=a1B2c3D4e5F&deviceName=device01&random=AbCdEfGhIjKlMnO&sign=e354fcf236a04beda05b7f3e11003aa1895e86f361f7a6470bd390c8b04d8c5e&signMethod=hmacsha256",
                server.Request);
        }

        [Fact]
        public void Register_OtherCa_TlsConnectFailedAndNothingSent()
        {
            using TestCertificateAuthority ca = new TestCertificateAuthority("LinkKit Test Root");
            using TestCertificateAuthority other = new TestCertificateAuthority("Some Other Root");
            using var certificate = ca.IssueServerCertificate("localhost");
            using LocalTlsServer server = new LocalTlsServer(certificate, SuccessResponse);

            HttpsRegistration flow = Flow(server.Port, other.Pem);
            Assert.Equal(ErrorCode.TlsConnectFailed, flow.Register(new SecretRecord()));
            server.Finish();
            Assert.True(string.IsNullOrEmpty(server.Request));   // handshake refused, or closed before any request byte
            Assert.Null(flow.Reply.GetDeviceSecret());
        }

        [Fact]
        public void Register_CertificateForAnotherName_TlsConnectFailed()
        {
            using TestCertificateAuthority ca = new TestCertificateAuthority("LinkKit Test Root");
            using var certificate = ca.IssueServerCertificate("iot-auth.cn-shanghai.aliyuncs.com");
            using LocalTlsServer server = new LocalTlsServer(certificate, SuccessResponse);

            Assert.Equal(ErrorCode.TlsConnectFailed, Flow(server.Port, ca.Pem).Register(new SecretRecord()));
            server.Finish();
            Assert.True(string.IsNullOrEmpty(server.Request));
        }

        [Fact]
        public void Register_RefusalOverTls_CodeAndMessage()
        {
            string body = "{\"code\":6288,\"message\":\"dynamic register not open\"}";
            string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + body.Length.ToString("x") + "\r\n" + body + "\r\n0\r\n\r\n";
            using TestCertificateAuthority ca = new TestCertificateAuthority("LinkKit Test Root");
            using var certificate = ca.IssueServerCertificate("localhost");
            using LocalTlsServer server = new LocalTlsServer(certificate, response);

            HttpsRegistration flow = Flow(server.Port, ca.Pem);
            Assert.Equal(ErrorCode.RegistrationRefused, flow.Register(new SecretRecord()));
            server.Finish();
            Assert.Equal(6288, flow.Reply.Code);
            Assert.Equal("dynamic register not open", flow.Reply.GetMessage());
        }

        [Fact]
        public void Connect_NothingListening_TlsConnectFailed()
        {
            using TestCertificateAuthority ca = new TestCertificateAuthority("LinkKit Test Root");
            System.Net.Sockets.TcpListener probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Assert.Equal(ErrorCode.TlsConnectFailed, new SslStreamConnector(5000).Connect("127.0.0.1", port, ca.Pem, out ITlsStream stream));
            Assert.Null(stream);
        }
    }
}
