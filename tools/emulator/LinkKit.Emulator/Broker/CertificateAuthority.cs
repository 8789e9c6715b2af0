using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LinkKit.Emulator.Broker;

/// <summary>
/// The emulator's own certificate authority: a self-signed root (kept in the database so devices that were given
/// its PEM keep working across restarts) that issues the TLS server certificate for the loopback names.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    readonly X509Certificate2 _root;

    CertificateAuthority(X509Certificate2 root) => _root = root;

    /// <summary>The root certificate (with its private key).</summary>
    public X509Certificate2 Root => _root;

    /// <summary>The root as PEM: what a device passes as its CA (Python SDK: <c>config_mqtt(cadata=…)</c>).</summary>
    public string RootPem => _root.ExportCertificatePem() + "\n";

    /// <summary>Creates a new root CA (ECDSA P-256, valid 20 years).</summary>
    public static CertificateAuthority Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=LinkKit Emulator Root CA, O=LinkKit.Nano emulator", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 root = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        return new CertificateAuthority(Reload(root));
    }

    /// <summary>The root with its key as base64 PKCS#12, to keep it in the database.</summary>
    public string Export() => Convert.ToBase64String(_root.Export(X509ContentType.Pkcs12));

    public static CertificateAuthority Import(string base64Pkcs12) =>
        new(X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64Pkcs12), null, X509KeyStorageFlags.Exportable));

    /// <summary>Issues a server certificate for localhost, 127.0.0.1, ::1 and <paramref name="extraNames"/> (valid 2 years).</summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string>? extraNames = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=LinkKit.Nano emulator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (string name in extraNames ?? [])
        {
            if (IPAddress.TryParse(name, out IPAddress? ip)) names.AddIpAddress(ip);
            else names.AddDnsName(name);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using X509Certificate2 issued = request.Create(_root, now.AddDays(-1), now.AddYears(2), serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    // A round trip through PKCS#12 gives a certificate whose private key SslStream can use on every platform.
    static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);

    public void Dispose() => _root.Dispose();
}
