using System;
using System.Collections.Concurrent;
using System.IO;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Host.Interop;
using LinkKit.Nano.Tests.Identity;
using LinkKit.Nano.Tests.Host.Storage;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Identity
{
    /// <summary>
    /// "One type, one secret" end to end on the host: the client registers over real TLS (host SslStreamConnector)
    /// at a local HTTPS server, keeps the secret in files (host FileSecretSlots), and connects to a real mosquitto with
    /// it; after a "reboot" it connects from the files without registering. (mosquitto checks no Alibaba signature,
    /// so its CONNACK 0 proves the CONNECT went out, not that the password is right: the portable tests pin that.
    /// MQTT registration needs a broker that pushes /ext/register unsubscribed, which mosquitto cannot: it is covered
    /// by the portable tests and, later, by the emulator.)
    /// </summary>
    public sealed class DynamicRegistrationEndToEndTests : IDisposable
    {
        private const string ProductKey = "a1B2c3D4e5F";
        private const string DeviceName = "device01";
        private const string ProductSecret = "ProductSecretABCDEF";
        private const string DeviceSecret = "0123456789abcdef0123456789abcdef";

        private const string SuccessBody =
            "{\"code\":200,\"data\":{\"productKey\":\"a1B2c3D4e5F\",\"deviceName\":\"device01\",\"deviceSecret\":\"0123456789abcdef0123456789abcdef\"},\"message\":\"success\"}";

        private static readonly string SuccessResponse =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: " + SuccessBody.Length
            + "\r\nConnection: close\r\n\r\n" + SuccessBody;

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "linkkit-dynreg-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
        }

        private sealed class Run
        {
            public readonly BlockingCollection<int> Connects = new BlockingCollection<int>();
            public readonly BlockingCollection<int> Registrations = new BlockingCollection<int>();
            public readonly CapturingLogSink Log = new CapturingLogSink();
            public LinkKitClient Client;

            public Run(DynamicRegistration registration, int brokerPort)
            {
                LinkKitOptions options = Device.PlainOptions();
                options.Port = brokerPort;
                options.Random = FixedRandomSource.Spelling("AbCdEfGhIjKlMnO"); // the V4 nonce
                registration.DeviceRegistered += (client, result, identity) => Registrations.Add(result);
                Client = new LinkKitClient(new MqttNetTransport { ConnectTimeout = TimeSpan.FromSeconds(5) }, "127.0.0.1",
                    ProductKey, DeviceName, ProductSecret, registration, options);
                Client.EnableLogger(LogLevel.Debug, Log);
                Client.ConnectCompleted += (sender, sessionPresent, result) => Connects.Add(result);
            }

            public int NextConnect()
            {
                if (!Connects.TryTake(out int result, TimeSpan.FromSeconds(30))) throw new TimeoutException("no ConnectCompleted");
                return result;
            }
        }

        private DynamicRegistration OverHttps(int port, string caPem)
        {
            return DynamicRegistration.OverHttps(new SecretStore(HostSlots.In(_folder)), new SslStreamConnector(10000), "localhost", port, caPem);
        }

        [Fact]
        public void Https_RegistersOverTls_StoresTheSecret_ConnectsToMosquitto_AndAfterRebootNeverRegistersAgain()
        {
            using TestCertificateAuthority ca = new TestCertificateAuthority("LinkKit Test Root");
            using var certificate = ca.IssueServerCertificate("localhost");
            using LocalTlsServer server = new LocalTlsServer(certificate, SuccessResponse);
            using MosquittoBroker broker = MosquittoBroker.StartPlain();

            Run first = new Run(OverHttps(server.Port, ca.Pem), broker.Port);
            using (first.Client)
            {
                first.Client.ConnectAsync();
                Assert.Equal(ConnectResult.Accepted, first.NextConnect());
                Assert.Equal(LinkKitState.Connected, first.Client.State);
                server.Finish();
                Assert.Equal(
                    "POST /auth/register/device HTTP/1.1\r\nHost: localhost:" + server.Port + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 157\r\nConnection: close\r\n\r\n"
                    + "productKey=a1B2c3D4e5F&deviceName=device01&random=AbCdEfGhIjKlMnO&sign=e354fcf236a04beda05b7f3e11003aa1895e86f361f7a6470bd390c8b04d8c5e&signMethod=hmacsha256",
                    server.Request);
                Assert.True(first.Registrations.TryTake(out int registered, TimeSpan.Zero));
                Assert.Equal(ErrorCode.Ok, registered);
            }

            SecretRecord stored = new SecretRecord();
            Assert.Equal(ErrorCode.Ok, new SecretStore(HostSlots.In(_folder)).Load(stored));
            Assert.Equal(SecretKind.DeviceSecret, stored.Kind);
            Assert.Equal(DeviceSecret, stored.DeviceSecret);
            Assert.Null(first.Log.FindLineContaining(DeviceSecret));
            Assert.Null(first.Log.FindLineContaining(ProductSecret));
            Assert.NotNull(first.Log.FindLineContaining("INFO device registered; identity saved"));

            // Reboot: the registration server is gone (it served its one connection); the files are enough.
            Run second = new Run(OverHttps(server.Port, ca.Pem), broker.Port);
            using (second.Client)
            {
                second.Client.ConnectAsync();
                Assert.Equal(ConnectResult.Accepted, second.NextConnect());
                Assert.Empty(second.Registrations);
                Assert.NotNull(second.Log.FindLineContaining("INFO identity loaded from the store"));
            }
        }

        [Fact]
        public void Https_ServerCertificateFromAnotherRoot_RegistrationFailed_NothingStored_BrokerNeverContacted()
        {
            using TestCertificateAuthority ca = new TestCertificateAuthority("LinkKit Test Root");
            using TestCertificateAuthority other = new TestCertificateAuthority("Some Other Root");
            using var certificate = ca.IssueServerCertificate("localhost");
            using LocalTlsServer server = new LocalTlsServer(certificate, SuccessResponse);
            int unusedPort = MosquittoBroker.FreePort();

            Run run = new Run(OverHttps(server.Port, other.Pem), unusedPort);
            using (run.Client)
            {
                run.Client.ConnectAsync();
                Assert.Equal(ConnectResult.RegistrationFailed, run.NextConnect());
                Harness.WaitForState(run.Client, LinkKitState.Disconnected);
                Assert.True(run.Registrations.TryTake(out int registered, TimeSpan.Zero));
                Assert.Equal(ErrorCode.TlsConnectFailed, registered);
                Assert.NotNull(run.Log.FindLineContaining("ERROR dynamic registration failed (-56)"));
                Assert.Null(run.Log.FindLineContaining("INFO connecting"));
            }

            server.Finish();
            Assert.Equal(ErrorCode.NoRecord, new SecretStore(HostSlots.In(_folder)).Load(new SecretRecord()));
        }
    }
}
