using System;
using LinkKit.Nano;
using LinkKit.Nano.Identity;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Identity
{
    [TestClass]
    public class RegistrationCredentialsTests
    {
        [TestMethod]
        public void CreateRegistration_V3_Register()
        {
            // docs/test-vectors.md V3 (wire, conn#4).
            RegistrationSigner signer = new RegistrationSigner("a1TestPK001", "dev-dyn-1", "ProductSecret0123456789");
            MqttCredentials c = RegistrationCredentials.CreateRegistration(signer, false, "e6n2dRZmNCKrXBa", null);
            Assert.AreEqual("dev-dyn-1.a1TestPK001|random=e6n2dRZmNCKrXBa,authType=register,securemode=2,signmethod=hmacsha256|", c.ClientId);
            Assert.AreEqual("dev-dyn-1&a1TestPK001", c.Username);
            Assert.AreEqual("ffb081bb4f417b2b9fdd292d5dec3f7c03a052794371bd0000ededaa52772b73", c.Password);
        }

        [TestMethod]
        public void CreateRegistration_W3_RegnwlWithInstanceId()
        {
            // docs/test-vectors.md W3 (wire, conn#5): the instance id is in the clientId but not signed.
            RegistrationSigner signer = new RegistrationSigner("a1TestPK001", "dev-dyn-2", "ProductSecret0123456789");
            MqttCredentials c = RegistrationCredentials.CreateRegistration(signer, true, "24tBRPjAgGrj6zM", "iot-06z00test");
            Assert.AreEqual("dev-dyn-2.a1TestPK001|random=24tBRPjAgGrj6zM,authType=regnwl,securemode=2,signmethod=hmacsha256,instanceId=iot-06z00test|", c.ClientId);
            Assert.AreEqual("dev-dyn-2&a1TestPK001", c.Username);
            Assert.AreEqual("de38f3bcac2be9cfb1e7a1c93ab6884c4dc4c3dd69ff356b15170786f20edde0", c.Password);
        }

        [TestMethod]
        public void CreateRegistration_W4_FromRandomSource()
        {
            // docs/test-vectors.md W4 (wire, section C conn#5), nonce drawn from an injected source.
            RegistrationSigner signer = new RegistrationSigner("a1TestPK001", "dev-backoff", "ps01234567");
            MqttCredentials c = RegistrationCredentials.CreateRegistration(signer, false, FixedRandomSource.Spelling("BHPP9Yd9F6eWeJq"), "");
            Assert.AreEqual("dev-backoff.a1TestPK001|random=BHPP9Yd9F6eWeJq,authType=register,securemode=2,signmethod=hmacsha256|", c.ClientId);
            Assert.AreEqual("dev-backoff&a1TestPK001", c.Username);
            Assert.AreEqual("39c2bdd3780803eafd4fb476577549f3e2fcd77116dc16def3b7db75d069f304", c.Password);
        }

        [TestMethod]
        public void CreateWhitelistFree_W3FollowUp_PythonOptions()
        {
            // docs/test-vectors.md W3 note (wire, conn#6): platform clientId + connwl options, deviceToken verbatim.
            MqttCredentials c = RegistrationCredentials.CreateWhitelistFree("a1TestPK001", "dev-dyn-2",
                "a1TestPK001.dev-dyn-2|example-clientid-from-platform", "TokenFromPlatform0002", "Python", "1.2.13");
            Assert.AreEqual("a1TestPK001.dev-dyn-2|example-clientid-from-platform|authType=connwl,securemode=-2,_ss=1,ext=3,lan=Python,_v=1.2.13|", c.ClientId);
            Assert.AreEqual("dev-dyn-2&a1TestPK001", c.Username);
            Assert.AreEqual("TokenFromPlatform0002", c.Password);
        }

        [TestMethod]
        public void CreateWhitelistFree_Default_UsesSdkLanguageAndVersion()
        {
            MqttCredentials c = RegistrationCredentials.CreateWhitelistFree("a1TestPK001", "dev-dyn-2", "cid", "token");
            Assert.AreEqual("cid|authType=connwl,securemode=-2,_ss=1,ext=3,lan=" + MqttCredentials.SdkLanguage + ",_v=" + MqttCredentials.SdkVersion + "|", c.ClientId);
        }

        [TestMethod]
        public void CreateRegistration_BadNonceOrInstance_Throws()
        {
            RegistrationSigner signer = new RegistrationSigner("pk", "dn", "ps");
            Assert.ThrowsException(typeof(ArgumentException), () => RegistrationCredentials.CreateRegistration(signer, false, "short", null));
            Assert.ThrowsException(typeof(ArgumentException), () => RegistrationCredentials.CreateRegistration(signer, false, "e6n2dRZmNCKrXB-", null));
            Assert.ThrowsException(typeof(ArgumentException), () => RegistrationCredentials.CreateRegistration(signer, true, "e6n2dRZmNCKrXBa", "iot|x"));
            Assert.ThrowsException(typeof(ArgumentNullException), () => RegistrationCredentials.CreateRegistration(null, true, "e6n2dRZmNCKrXBa", null));
            Assert.ThrowsException(typeof(ArgumentException), () => RegistrationCredentials.CreateWhitelistFree("pk", "dn", "cid", ""));
        }
    }
}
