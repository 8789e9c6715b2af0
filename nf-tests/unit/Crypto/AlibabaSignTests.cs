using LinkKit.Nano.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Crypto
{
    /// <summary>
    /// The Alibaba signing vectors (docs/test-vectors.md, Alibaba signing examples) as plain HMACs over the given signed strings,
    /// hex-encoded the way the SDK sends them: key = the secret's ASCII bytes.
    /// </summary>
    [TestClass]
    public class AlibabaSignTests
    {
        private const string TestDeviceSecret = "0123456789abcdef0123456789abcdef";
        private const string ExampleDeviceSecret = "ga7XA6KdlEeiPXQPpRbAjOZXwG8ydgSe";
        private const string TestProductSecret = "ProductSecret0123456789";
        private const string SubDeviceSecret = "subsecret0123456789";

        [TestMethod]
        [DataRow(TestDeviceSecret, "clientIda1B2c3D4e5F&device01deviceNamedevice01productKeya1B2c3D4e5Ftimestamp1700000000",
            "7779f9d65fe08a4a8f81f40244629bd32fc682ec")] // V1
        [DataRow(ExampleDeviceSecret, "clientIda1X2bEnP82z&example1deviceNameexample1productKeya1X2bEnP82ztimestamp1700000000",
            "4608d3aa3c928984bb5968cbcb2b2710bea4b8db")] // V1b
        [DataRow(TestDeviceSecret, "clientIda1TestPK001&dev-001deviceNamedev-001productKeya1TestPK001timestamp1795666684",
            "35b88ce6168eff00ead07ddc2662906e8c1c2a4c")] // V2 (wire conn#1)
        [DataRow(TestDeviceSecret, "clientIda1TestPK001&dev-001deviceNamedev-001productKeya1TestPK001timestamp1795666709",
            "9c7402bb5f0e2c7324a712a8e58b1949dff8de5b")] // W1 (wire conn#2)
        [DataRow(TestDeviceSecret, "clientIda1TestPK001&dev-backoffdeviceNamedev-backoffproductKeya1TestPK001timestamp1795666792",
            "029d425758ba4945006684c347606f5c70899f77")] // W2 (wire section C)
        public void HmacSha1_DeviceSecretPassword_MatchesVector(string secret, string signed, string expected)
        {
            Assert.AreEqual(expected, SignHex(new Hmac(new Sha1()), secret, signed, false));
        }

        [TestMethod]
        [DataRow("7jluWm1zql7bt8qK", "deviceNameexample1productKeya1X2bEnP82zrandom8Ygb7ULYh53B6OA",
            "37c9d9c4dcab7fc75d65d25547a4e11080e59dd82f3255aafc90d83498480e88")] // V1b-dyn
        [DataRow(TestProductSecret, "deviceNamedev-dyn-1productKeya1TestPK001randome6n2dRZmNCKrXBa",
            "ffb081bb4f417b2b9fdd292d5dec3f7c03a052794371bd0000ededaa52772b73")] // V3 (wire conn#4)
        [DataRow(TestProductSecret, "deviceNamedev-dyn-2productKeya1TestPK001random24tBRPjAgGrj6zM",
            "de38f3bcac2be9cfb1e7a1c93ab6884c4dc4c3dd69ff356b15170786f20edde0")] // W3 (wire conn#5)
        [DataRow("ps01234567", "deviceNamedev-backoffproductKeya1TestPK001randomBHPP9Yd9F6eWeJq",
            "39c2bdd3780803eafd4fb476577549f3e2fcd77116dc16def3b7db75d069f304")] // W4 (wire section C conn#5)
        [DataRow("ProductSecretABCDEF", "deviceNamedevice01productKeya1B2c3D4e5FrandomAbCdEfGhIjKlMnO",
            "e354fcf236a04beda05b7f3e11003aa1895e86f361f7a6470bd390c8b04d8c5e")] // V4 (HTTPS form)
        [DataRow(SubDeviceSecret, "clientIda1SubPK0001.sub-001deviceNamesub-001productKeya1SubPK0001timestamp1795666705116",
            "139f7cbff81e72b70b6c8b4fee922adbd78a14c70b0da20a6eb944a8d62003bf")] // V5 (topo/add)
        [DataRow(SubDeviceSecret, "clientIda1SubPK0001.sub-001|lan=Python,_v=2.2.1,_ss=1|deviceNamesub-001productKeya1SubPK0001timestamp1795666705717",
            "6b111dd9497648ca340479ad852dc223112d086c96033c5c4f98c02d7c7c35cc")] // V6 (batch_login, clientId with |...| suffix)
        [DataRow("productsecret0001", "deviceNamesub-003productKeya1SubPK0001randomnRzn46C5WNUQuPN",
            "b6cca3d7da4590c4587f55c7575e494a1ef062edf3345697b19f908a833968e0")] // W5 (product_register)
        public void HmacSha256_RegistrationAndGatewaySigns_MatchVector(string secret, string signed, string expected)
        {
            Assert.AreEqual(expected, SignHex(new Hmac(new Sha256()), secret, signed, false));
        }

        [TestMethod]
        public void HmacSha256_LinkSdkC4Password_MatchesUpperCaseL4()
        {
            string signed = "clientIda1X2bEnP82z.example1deviceNameexample1productKeya1X2bEnP82ztimestamp2524608000000";
            Assert.AreEqual("B8CE8F1D706DD3C61D13BFD9855DEF7E321B785084CA9C93F0169A2B46785DD2",
                SignHex(new Hmac(new Sha256()), ExampleDeviceSecret, signed, true));
        }

        [TestMethod]
        public void OneInstance_SignsSuccessiveVectorsWithNewKeys()
        {
            // The SDK keeps one Hmac per algorithm and re-keys it per signature.
            Hmac hmac = new Hmac(new Sha1());
            Assert.AreEqual("7779f9d65fe08a4a8f81f40244629bd32fc682ec", SignHex(hmac, TestDeviceSecret,
                "clientIda1B2c3D4e5F&device01deviceNamedevice01productKeya1B2c3D4e5Ftimestamp1700000000", false)); // V1
            Assert.AreEqual("4608d3aa3c928984bb5968cbcb2b2710bea4b8db", SignHex(hmac, ExampleDeviceSecret,
                "clientIda1X2bEnP82z&example1deviceNameexample1productKeya1X2bEnP82ztimestamp1700000000", false)); // V1b
        }

        /// <summary>Hex text of HMAC(key = ASCII secret, message = ASCII signed string), via Hex.Encode.</summary>
        private static string SignHex(Hmac hmac, string secret, string signed, bool upperCase)
        {
            byte[] key = TestBytes.Ascii(secret);
            byte[] message = TestBytes.Ascii(signed);
            byte[] mac = new byte[hmac.HashSize];
            byte[] text = new byte[2 * hmac.HashSize];
            hmac.SetKey(key, 0, key.Length);
            Assert.AreEqual(hmac.HashSize, hmac.Compute(message, 0, message.Length, mac, 0));
            Assert.AreEqual(text.Length, Hex.Encode(mac, 0, mac.Length, text, 0, upperCase));
            return TestBytes.AsciiString(text, 0, text.Length);
        }
    }
}
