using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LinkKit.Nano.Tests.Host.Interop
{
    /// <summary>A throw-away CA and a server certificate it signed for 127.0.0.1/localhost, made in-test.</summary>
    public sealed class TestCertificates
    {
        private TestCertificates(string caPem, string serverPem, string serverKeyPem)
        {
            CaPem = caPem;
            ServerPem = serverPem;
            ServerKeyPem = serverKeyPem;
        }

        public string CaPem { get; private set; }

        public string ServerPem { get; private set; }

        public string ServerKeyPem { get; private set; }

        public static TestCertificates Create(string caName)
        {
            using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            CertificateRequest caRequest = new CertificateRequest("CN=" + caName, caKey, HashAlgorithmName.SHA256);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
            DateTimeOffset now = DateTimeOffset.UtcNow;
            using X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

            using ECDsa serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            CertificateRequest serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
            SubjectAlternativeNameBuilder names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            serverRequest.CertificateExtensions.Add(names.Build());
            serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            byte[] serial = new byte[12];
            RandomNumberGenerator.Fill(serial);
            serial[0] &= 0x7F;
            using X509Certificate2 server = serverRequest.Create(ca, now.AddDays(-1), now.AddDays(29), serial);

            return new TestCertificates(ca.ExportCertificatePem() + "\n", server.ExportCertificatePem() + "\n", serverKey.ExportPkcs8PrivateKeyPem() + "\n");
        }

        /// <summary>Writes ca.pem, server.pem and server.key (PEM) for mosquitto into <paramref name="directory"/>.</summary>
        public void WriteServerFiles(string directory)
        {
            File.WriteAllText(Path.Combine(directory, "ca.pem"), CaPem);
            File.WriteAllText(Path.Combine(directory, "server.pem"), ServerPem);
            File.WriteAllText(Path.Combine(directory, "server.key"), ServerKeyPem);
        }
    }
}
