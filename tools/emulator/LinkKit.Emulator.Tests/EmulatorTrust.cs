using System.Security.Cryptography.X509Certificates;

namespace LinkKit.Emulator.Tests;

static class EmulatorTrust
{
    /// <summary>An HTTP handler that trusts only the emulator's root, as a device given the exported PEM does.</summary>
    public static HttpClientHandler Handler(X509Certificate2 ca) => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate!);
        },
    };
}
