using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;

namespace LinkKit.Nano.Tests.Host.Identity
{
    /// <summary>A throw-away certificate authority made in the test with CertificateRequest.</summary>
    public sealed class TestCertificateAuthority : IDisposable
    {
        private readonly RSA _key = RSA.Create(2048);

        public TestCertificateAuthority(string name)
        {
            CertificateRequest request = new CertificateRequest("CN=" + name, _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        }

        public X509Certificate2 Certificate { get; }

        public string Pem => Certificate.ExportCertificatePem() + "\n";

        /// <summary>A server certificate for <paramref name="dnsName"/> signed by this CA, with its private key.</summary>
        public X509Certificate2 IssueServerCertificate(string dnsName)
        {
            using RSA key = RSA.Create(2048);
            CertificateRequest request = new CertificateRequest("CN=" + dnsName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            SubjectAlternativeNameBuilder san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(dnsName);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            byte[] serial = new byte[8];
            RandomNumberGenerator.Fill(serial);
            using X509Certificate2 issued = request.Create(Certificate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
            using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
            // A PKCS#12 round trip gives SslStream a key it can use on every platform.
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }

        public void Dispose()
        {
            Certificate.Dispose();
            _key.Dispose();
        }
    }

    /// <summary>
    /// A one-connection HTTPS server on 127.0.0.1 that reads one HTTP request (headers + Content-Length body) and
    /// answers with a canned response, then closes. <see cref="Request"/> holds what it received.
    /// </summary>
    public sealed class LocalTlsServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate;
        private readonly string _response;
        private readonly Task _serving;

        public LocalTlsServer(X509Certificate2 certificate, string response)
        {
            _certificate = certificate;
            _response = response;
            _listener.Start();
            _serving = Task.Run(ServeOne);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>The request bytes as ASCII, or null if the handshake failed.</summary>
        public string Request { get; private set; }

        /// <summary>Waits until the server has finished its one connection.</summary>
        public void Finish()
        {
            _serving.Wait(TimeSpan.FromSeconds(30));
        }

        private async Task ServeOne()
        {
            using TcpClient client = await _listener.AcceptTcpClientAsync();
            using SslStream ssl = new SslStream(client.GetStream(), false);
            try
            {
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    EnabledSslProtocols = SslProtocols.Tls12,
                });
                byte[] buffer = new byte[8192];
                int received = 0;
                while (true)
                {
                    int n = await ssl.ReadAsync(buffer, received, buffer.Length - received);
                    if (n <= 0) break;
                    received += n;
                    string text = Encoding.ASCII.GetString(buffer, 0, received);
                    int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0) continue;
                    int lengthAt = text.IndexOf("Content-Length: ", StringComparison.Ordinal);
                    int length = int.Parse(text.Substring(lengthAt + 16, text.IndexOf("\r\n", lengthAt, StringComparison.Ordinal) - lengthAt - 16));
                    if (received >= end + 4 + length) break;
                }
                Request = Encoding.ASCII.GetString(buffer, 0, received);
                byte[] response = Encoding.ASCII.GetBytes(_response);
                await ssl.WriteAsync(response, 0, response.Length);
                await ssl.FlushAsync();
            }
            catch (AuthenticationException)
            {
                // The client refused our certificate: the point of the wrong-CA test.
            }
            catch (System.IO.IOException)
            {
            }
        }

        public void Dispose()
        {
            _listener.Stop();
        }
    }
}
