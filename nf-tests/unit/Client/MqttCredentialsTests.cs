using System;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    /// <summary>
    /// Exact CONNECT credentials for every mode. Passwords are the golden values of docs/test-vectors.md
    /// (lan/_v are not signed, so this SDK's values there leave them unchanged); client ids are the vectors' formats
    /// with this SDK's lan=CSharp,_v=linkkit-nano-0.1.0.
    /// </summary>
    [TestClass]
    public class MqttCredentialsTests
    {
        private const string L4Password = "B8CE8F1D706DD3C61D13BFD9855DEF7E321B785084CA9C93F0169A2B46785DD2";

        [TestMethod]
        public void HmacSha256_Tls_MatchesL4()
        {
            MqttCredentials c = MqttCredentials.CreateHmacSha256("a1X2bEnP82z", "example1", "ga7XA6KdlEeiPXQPpRbAjOZXwG8ydgSe", true, null);
            Assert.AreEqual("a1X2bEnP82z.example1|timestamp=2524608000000,_ss=1,_v=linkkit-nano-0.1.0,lan=CSharp,securemode=2,signmethod=hmacsha256,ext=3|", c.ClientId);
            Assert.AreEqual("example1&a1X2bEnP82z", c.Username);
            Assert.AreEqual(L4Password, c.Password);
        }

        [TestMethod]
        public void HmacSha256_PlainWithDeviceInfo_PutsSiiInTheExtendSlot()
        {
            MqttCredentials c = MqttCredentials.CreateHmacSha256("a1X2bEnP82z", "example1", "ga7XA6KdlEeiPXQPpRbAjOZXwG8ydgSe", false, "Eth-03ACDEFF0032");
            Assert.AreEqual("a1X2bEnP82z.example1|timestamp=2524608000000,_ss=1,_v=linkkit-nano-0.1.0,lan=CSharp,securemode=3,signmethod=hmacsha256,ext=3,sii=Eth-03ACDEFF0032|", c.ClientId);
            Assert.AreEqual("example1&a1X2bEnP82z", c.Username);
            Assert.AreEqual(L4Password, c.Password); // neither securemode nor sii is signed
        }

        [TestMethod]
        public void HmacSha256_EmptyDeviceInfo_MeansNone()
        {
            MqttCredentials c = MqttCredentials.CreateHmacSha256("a1X2bEnP82z", "example1", "ga7XA6KdlEeiPXQPpRbAjOZXwG8ydgSe", true, "");
            Assert.AreEqual("a1X2bEnP82z.example1|timestamp=2524608000000,_ss=1,_v=linkkit-nano-0.1.0,lan=CSharp,securemode=2,signmethod=hmacsha256,ext=3|", c.ClientId);
        }

        [TestMethod]
        public void HmacSha1_V1()
        {
            MqttCredentials c = MqttCredentials.CreateHmacSha1("a1B2c3D4e5F", "device01", "0123456789abcdef0123456789abcdef", true, null, 1700000000);
            Assert.AreEqual("a1B2c3D4e5F&device01|securemode=2,signmethod=hmacsha1,ext=1,_ss=1,lan=CSharp,_v=linkkit-nano-0.1.0,timestamp=1700000000|", c.ClientId);
            Assert.AreEqual("device01&a1B2c3D4e5F", c.Username);
            Assert.AreEqual("7779f9d65fe08a4a8f81f40244629bd32fc682ec", c.Password);
        }

        [TestMethod]
        public void HmacSha1_V1b()
        {
            MqttCredentials c = MqttCredentials.CreateHmacSha1("a1X2bEnP82z", "example1", "ga7XA6KdlEeiPXQPpRbAjOZXwG8ydgSe", true, null, 1700000000);
            Assert.AreEqual("a1X2bEnP82z&example1|securemode=2,signmethod=hmacsha1,ext=1,_ss=1,lan=CSharp,_v=linkkit-nano-0.1.0,timestamp=1700000000|", c.ClientId);
            Assert.AreEqual("example1&a1X2bEnP82z", c.Username);
            Assert.AreEqual("4608d3aa3c928984bb5968cbcb2b2710bea4b8db", c.Password);
        }

        [TestMethod]
        public void HmacSha1_V2_PlainWithDeviceInfo()
        {
            // V2's sii "Eth|03ACDEFF0032|Eth|03ACDEFF0031" is refused (quirk 12); the same fields joined by '-' and ' '.
            MqttCredentials c = MqttCredentials.CreateHmacSha1("a1TestPK001", "dev-001", "0123456789abcdef0123456789abcdef", false, "Eth-03ACDEFF0032 Eth-03ACDEFF0031", 1795666684);
            Assert.AreEqual("a1TestPK001&dev-001|securemode=3,signmethod=hmacsha1,ext=1,_ss=1,lan=CSharp,_v=linkkit-nano-0.1.0,sii=Eth-03ACDEFF0032 Eth-03ACDEFF0031,timestamp=1795666684|", c.ClientId);
            Assert.AreEqual("dev-001&a1TestPK001", c.Username);
            Assert.AreEqual("35b88ce6168eff00ead07ddc2662906e8c1c2a4c", c.Password);
        }

        [TestMethod]
        public void HmacSha1_W1()
        {
            MqttCredentials c = MqttCredentials.CreateHmacSha1("a1TestPK001", "dev-001", "0123456789abcdef0123456789abcdef", false, "Eth-03ACDEFF0032 Eth-03ACDEFF0031", 1795666709);
            Assert.AreEqual("a1TestPK001&dev-001|securemode=3,signmethod=hmacsha1,ext=1,_ss=1,lan=CSharp,_v=linkkit-nano-0.1.0,sii=Eth-03ACDEFF0032 Eth-03ACDEFF0031,timestamp=1795666709|", c.ClientId);
            Assert.AreEqual("9c7402bb5f0e2c7324a712a8e58b1949dff8de5b", c.Password);
        }

        [TestMethod]
        public void HmacSha1_W2()
        {
            MqttCredentials c = MqttCredentials.CreateHmacSha1("a1TestPK001", "dev-backoff", "0123456789abcdef0123456789abcdef", false, null, 1795666792);
            Assert.AreEqual("a1TestPK001&dev-backoff|securemode=3,signmethod=hmacsha1,ext=1,_ss=1,lan=CSharp,_v=linkkit-nano-0.1.0,timestamp=1795666792|", c.ClientId);
            Assert.AreEqual("dev-backoff&a1TestPK001", c.Username);
            Assert.AreEqual("029d425758ba4945006684c347606f5c70899f77", c.Password);
        }

        [TestMethod]
        public void ReadyMade_IsKeptVerbatim()
        {
            // conn#6 of the wire capture (docs/test-vectors.md W3 note): Mode B after a whitelist-free registration
            MqttCredentials c = new MqttCredentials("a1TestPK001.dev-dyn-2|example-clientid-from-platform|authType=connwl,securemode=-2,_ss=1,ext=3,lan=Python,_v=1.2.13|", "dev-dyn-2&a1TestPK001", "TokenFromPlatform0002");
            Assert.AreEqual("a1TestPK001.dev-dyn-2|example-clientid-from-platform|authType=connwl,securemode=-2,_ss=1,ext=3,lan=Python,_v=1.2.13|", c.ClientId);
            Assert.AreEqual("dev-dyn-2&a1TestPK001", c.Username);
            Assert.AreEqual("TokenFromPlatform0002", c.Password);
        }

        [TestMethod]
        public void Arguments_AreChecked()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { MqttCredentials.CreateHmacSha256(null, "dn", "ds", true, null); });
            Assert.ThrowsException(typeof(ArgumentException), delegate { MqttCredentials.CreateHmacSha256("pk", "", "ds", true, null); });
            Assert.ThrowsException(typeof(ArgumentException), delegate { MqttCredentials.CreateHmacSha1("pk", "dn", "ds", true, "a|b", 1); });
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), delegate { MqttCredentials.CreateHmacSha1("pk", "dn", "ds", true, null, -1); });
            Assert.ThrowsException(typeof(ArgumentException), delegate { new MqttCredentials("id", "user", ""); });
        }

        [TestMethod]
        public void ToString_DoesNotShowThePassword()
        {
            MqttCredentials c = new MqttCredentials("id", "user", "TokenFromPlatform0002");
            Assert.AreEqual(-1, c.ToString().IndexOf("TokenFromPlatform0002"));
        }
    }
}
