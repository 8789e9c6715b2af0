using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Client
{
    public class AliyunRootCertificatesTests
    {
        [Fact]
        public void Constant_EqualsTheBundleFile_ByteForByte()
        {
            byte[] file = File.ReadAllBytes(RepositoryPaths.Combine("nf/certificates/aliyun-iot-ca-bundle.pem"));
            Assert.Equal(file, Encoding.ASCII.GetBytes(AliyunRootCertificates.Pem));
        }

        [Fact]
        public void Bundle_HoldsTheFiveRootsOfTheReference()
        {
            // SHA-256 fingerprints from docs/protocol.md, Root certificates, in bundle order
            string[] expected =
            {
                "EBD41040E4BB3EC742C9E381D31EF2A41A48B6685C96E7CEF3C1DF6CD4331C99", // GlobalSign Root CA (R1)
                "7CA438A3976B5242D231F861499822DA855831382735836B361E7E9715661676", // Aliyun IoT Root CA (2023-2053)
                "2CABEAFE37D06CA22ABA7391C0033D25982952C453647349763A3AB5AD6CCF69", // GlobalSign Root CA - R6
                "CBB9C44D84B8043E1050EA31A69F514955D7BFD2E2C6B49301019AD61D9F5058", // GlobalSign Root E46
                "4FA3126D8D3A11D1C4855A4F807CBAD6CF919D3A5A88B03BEA2C6372D93C40C9", // GlobalSign Root R46
            };
            X509Certificate2Collection roots = new X509Certificate2Collection();
            roots.ImportFromPem(AliyunRootCertificates.Pem);
            Assert.Equal(expected.Length, roots.Count);
            for (int i = 0; i < roots.Count; i++)
            {
                Assert.Equal(expected[i], Convert.ToHexString(SHA256.HashData(roots[i].RawData)));
            }
        }
    }
}
