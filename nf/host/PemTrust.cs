using System;
using System.Security.Cryptography.X509Certificates;

namespace LinkKit.Nano
{
    /// <summary>Host TLS trust in exactly the roots of a PEM bundle (no system store, no revocation lookups), as on the device.</summary>
    internal static class PemTrust
    {
        /// <summary>The certificates of <paramref name="pem"/>.</summary>
        /// <exception cref="ArgumentException">The bundle holds no certificate.</exception>
        public static X509Certificate2Collection Roots(string pem)
        {
            X509Certificate2Collection roots = new X509Certificate2Collection();
            roots.ImportFromPem(pem);
            if (roots.Count == 0) throw new ArgumentException("no certificate in the PEM bundle", nameof(pem));
            return roots;
        }

        /// <summary>A chain policy that ends only in <paramref name="roots"/>.</summary>
        public static X509ChainPolicy Policy(X509Certificate2Collection roots)
        {
            X509ChainPolicy policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(roots);
            return policy;
        }
    }
}
