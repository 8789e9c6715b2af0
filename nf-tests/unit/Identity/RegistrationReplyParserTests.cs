using System;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Identity
{
    [TestClass]
    public class RegistrationReplyParserTests
    {
        private const string Pk = "a1B2c3D4e5F";
        private const string Dn = "device01";

        // docs/protocol.md, Dynamic registration / Over HTTPS: the success envelope.
        private const string SuccessBody =
            "{\"code\":200,\"data\":{\"productKey\":\"a1B2c3D4e5F\",\"deviceName\":\"device01\",\"deviceSecret\":\"0123456789abcdef0123456789abcdef\"},\"message\":\"success\"}";

        private static RegistrationReplyParser s_parser = new RegistrationReplyParser();

        public static string Http(int status, string body)
        {
            return "HTTP/1.1 " + status.ToString() + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.Length.ToString() + "\r\n\r\n" + body;
        }

        private static int ParseHttps(string response, bool endOfStream, RegistrationReply reply)
        {
            byte[] buffer = TestBytes.Ascii(response);
            return s_parser.ParseHttps(buffer, 0, buffer.Length, endOfStream, Pk, Dn, reply);
        }

        private static int ParseBody(string body, RegistrationReply reply)
        {
            return ParseHttps(Http(200, body), true, reply);
        }

        private static void AssertNoCredential(RegistrationReply reply)
        {
            Assert.AreEqual((int)RegistrationKind.None, (int)reply.Kind);
            Assert.IsNull(reply.GetDeviceSecret());
            Assert.IsNull(reply.GetDeviceToken());
            Assert.IsNull(reply.GetClientId());
        }

        [TestMethod]
        public void ParseHttps_Success_GivesSecret()
        {
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.Ok, ParseHttps(Http(200, SuccessBody), false, reply));
            Assert.AreEqual((int)RegistrationKind.DeviceSecret, (int)reply.Kind);
            Assert.AreEqual(200, reply.HttpStatus);
            Assert.AreEqual(200, reply.Code);
            Assert.AreEqual("success", reply.GetMessage());
            Assert.AreEqual("0123456789abcdef0123456789abcdef", reply.GetDeviceSecret());
            Assert.IsNull(reply.GetDeviceToken());
        }

        [TestMethod]
        public void ParseHttps_ChunkedSuccess_GivesSecret()
        {
            string response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n" + SuccessBody.Substring(0, 16) + "\r\n"
                + (SuccessBody.Length - 16).ToString("X") + "\r\n" + SuccessBody.Substring(16) + "\r\n0\r\n\r\n";
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.Ok, ParseHttps(response, false, reply));
            Assert.AreEqual("0123456789abcdef0123456789abcdef", reply.GetDeviceSecret());
        }

        [TestMethod]
        public void ParseHttps_AnyMemberOrderUnknownMembersAndEscapes_GivesSecret()
        {
            string body = "{\"message\":\"ok\",\"requestId\":{\"a\":[1,{\"b\":null}]},\"data\":{\"deviceSecret\":\"s\\u0065cret\\/1\","
                + "\"extra\":[true],\"deviceName\":\"device01\"},\"code\":200}";
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.Ok, ParseBody(body, reply));
            Assert.AreEqual("secret/1", reply.GetDeviceSecret());
            Assert.AreEqual("ok", reply.GetMessage());
        }

        [TestMethod]
        [DataRow(460, "request parameter error")]      // bad parameters
        [DataRow(6250, "product not found")]
        [DataRow(6288, "dynamic register not open")]   // dynamic registration not enabled for the product
        [DataRow(6289, "device already active")]       // a second registration of an activated device
        [DataRow(6292, "sign method not supported")]
        [DataRow(6600, "sign check error")]            // signature check failed
        [DataRow(500, "system error")]
        public void ParseHttps_Refusal_CodeAndMessage(int code, string message)
        {
            // The texts are ours: docs/protocol.md, Dynamic registration, lists the codes and their meanings, not the live wording.
            RegistrationReply reply = new RegistrationReply();
            string body = "{\"code\":" + code.ToString() + ",\"message\":\"" + message + "\"}";
            Assert.AreEqual(ErrorCode.RegistrationRefused, ParseBody(body, reply));
            Assert.AreEqual(code, reply.Code);
            Assert.AreEqual(message, reply.GetMessage());
            Assert.AreEqual(200, reply.HttpStatus);
            AssertNoCredential(reply);
        }

        [TestMethod]
        public void ParseHttps_RefusalWithErrorStatus_StillRefusal()
        {
            // The HTTP status of a refusal is unconfirmed (docs/protocol.md, Dynamic registration): the JSON code decides.
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.RegistrationRefused, ParseHttps(Http(400, "{\"code\":6289,\"message\":\"m\"}"), true, reply));
            Assert.AreEqual(400, reply.HttpStatus);
            Assert.AreEqual(6289, reply.Code);
        }

        [TestMethod]
        public void ParseHttps_RefusalCarryingASecret_KeepsNoCredential()
        {
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.RegistrationRefused, ParseBody("{\"code\":6289,\"data\":{\"deviceSecret\":\"x\"}}", reply));
            AssertNoCredential(reply);
        }

        [TestMethod]
        public void ParseHttps_ErrorStatusWithoutRefusalCode_HttpStatusNotOk()
        {
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.HttpStatusNotOk, ParseHttps(Http(502, "<html>Bad Gateway</html>"), true, reply));
            Assert.AreEqual(502, reply.HttpStatus);
            Assert.AreEqual(ErrorCode.HttpStatusNotOk, ParseHttps(Http(404, ""), true, reply));
            Assert.AreEqual(ErrorCode.HttpStatusNotOk, ParseHttps(Http(503, "{\"message\":\"busy\"}"), true, reply));
            // A success body under an error status is not trusted.
            Assert.AreEqual(ErrorCode.HttpStatusNotOk, ParseHttps(Http(500, SuccessBody), true, reply));
            AssertNoCredential(reply);
        }

        [TestMethod]
        [DataRow("")]                                             // empty body
        [DataRow("not json")]
        [DataRow("[200]")]                                        // not an object
        [DataRow("{\"code\":200,\"data\":{\"deviceSecret\":\"x\"}")]  // unclosed
        [DataRow("{\"code\":200,\"data\":{\"deviceSecret\":\"x\"}}x")] // garbage after the object
        [DataRow("{\"code\":200,}")]                              // trailing comma
        [DataRow("{\"code\":200 \"data\":{}}")]                   // missing comma
        [DataRow("{\"code\":200,\"data\":{\"deviceSecret\":\"x\\q\"}}")] // bad escape
        public void ParseHttps_MalformedJson_Malformed(string body)
        {
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.Malformed, ParseBody(body, reply));
            AssertNoCredential(reply);
        }

        [TestMethod]
        [DataRow("{\"data\":{\"deviceSecret\":\"x\"}}")]                       // no code
        [DataRow("{\"code\":\"200\",\"data\":{\"deviceSecret\":\"x\"}}")]      // code not a number
        [DataRow("{\"code\":200,\"message\":\"success\"}")]                   // no data
        [DataRow("{\"code\":200,\"data\":null}")]                              // data not an object
        [DataRow("{\"code\":200,\"data\":{\"productKey\":\"a1B2c3D4e5F\"}}")]  // no deviceSecret
        [DataRow("{\"code\":200,\"data\":{\"deviceSecret\":null}}")]           // deviceSecret not a string
        [DataRow("{\"code\":200,\"data\":{\"deviceSecret\":\"\"}}")]           // empty deviceSecret
        [DataRow("{\"code\":200,\"deviceSecret\":\"x\"}")]                     // secret outside data
        [DataRow("{\"code\":200,\"data\":{\"deviceToken\":\"x\"}}")]           // a token is not a secret
        public void ParseHttps_MissingField_MissingField(string body)
        {
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.MissingField, ParseBody(body, reply));
            AssertNoCredential(reply);
        }

        [TestMethod]
        [DataRow("{\"code\":200,\"data\":{\"productKey\":\"otherPK\",\"deviceSecret\":\"x\"}}")]
        [DataRow("{\"code\":200,\"data\":{\"deviceSecret\":\"x\",\"deviceName\":\"device02\"}}")]
        public void ParseHttps_OtherIdentity_IdentityMismatch(string body)
        {
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.IdentityMismatch, ParseBody(body, reply));
            AssertNoCredential(reply);
        }

        [TestMethod]
        public void ParseHttps_SecretLongerThanCapacity_BufferTooSmall()
        {
            RegistrationReply reply = new RegistrationReply();
            string secret = new string('s', RegistrationReply.SecretCapacity + 1);
            Assert.AreEqual(ErrorCode.BufferTooSmall, ParseBody("{\"code\":200,\"data\":{\"deviceSecret\":\"" + secret + "\"}}", reply));
            Assert.AreEqual(ErrorCode.Ok, ParseBody("{\"code\":200,\"data\":{\"deviceSecret\":\"" + secret.Substring(1) + "\"}}", reply));
        }

        [TestMethod]
        public void ParseHttps_TruncatedOrBrokenHttp_HttpCodes()
        {
            RegistrationReply reply = new RegistrationReply();
            string full = Http(200, SuccessBody);
            Assert.AreEqual(ErrorCode.HttpTruncated, ParseHttps(full.Substring(0, full.Length - 1), true, reply));
            Assert.AreEqual(200, reply.HttpStatus);
            AssertNoCredential(reply);
            Assert.AreEqual(ErrorCode.HttpTruncated, ParseHttps("HTTP/1.1 200 OK\r\nContent-Le", false, reply));
            Assert.AreEqual(ErrorCode.HttpMalformed, ParseHttps("HTTP/1.1 2xx OK\r\n\r\n{}", true, reply));
            Assert.AreEqual(ErrorCode.HttpMalformed, ParseHttps("SSH-2.0-OpenSSH\r\n", true, reply));
        }

        [TestMethod]
        public void ParseHttps_ReusedReply_ForgetsPreviousSecret()
        {
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.Ok, ParseBody(SuccessBody, reply));
            Assert.AreEqual(ErrorCode.MissingField, ParseBody("{\"code\":200,\"data\":{}}", reply));
            AssertNoCredential(reply);
        }

        [TestMethod]
        public void ParseRegister_WirePayload_GivesSecret()
        {
            // docs/test-vectors.md, The Python SDK wire capture section A: /ext/register.
            byte[] payload = TestBytes.Ascii("{\"productKey\": \"a1TestPK001\", \"deviceName\": \"dev-dyn-1\", \"deviceSecret\": \"DeviceSecretFromPlatform0001\"}");
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.Ok, s_parser.ParseRegister(payload, 0, payload.Length, "a1TestPK001", "dev-dyn-1", reply));
            Assert.AreEqual((int)RegistrationKind.DeviceSecret, (int)reply.Kind);
            Assert.AreEqual("DeviceSecretFromPlatform0001", reply.GetDeviceSecret());

            SecretRecord record = new SecretRecord();
            reply.ToRecord("a1TestPK001", "dev-dyn-1", record);
            Assert.AreEqual((int)SecretKind.DeviceSecret, (int)record.Kind);
            Assert.AreEqual("DeviceSecretFromPlatform0001", record.DeviceSecret);
            Assert.AreEqual("dev-dyn-1", record.DeviceName);
        }

        [TestMethod]
        public void ParseRegnwl_WirePayload_GivesClientIdAndToken()
        {
            // docs/test-vectors.md, The Python SDK wire capture section A: /ext/regnwl.
            byte[] payload = TestBytes.Ascii("{\"productKey\": \"a1TestPK001\", \"deviceName\": \"dev-dyn-2\", \"clientId\": \"a1TestPK001.dev-dyn-2|example-clientid-from-platform\", \"deviceToken\": \"TokenFromPlatform0002\"}");
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.Ok, s_parser.ParseRegnwl(payload, 0, payload.Length, "a1TestPK001", "dev-dyn-2", reply));
            Assert.AreEqual((int)RegistrationKind.DeviceToken, (int)reply.Kind);
            Assert.AreEqual("a1TestPK001.dev-dyn-2|example-clientid-from-platform", reply.GetClientId());
            Assert.AreEqual("TokenFromPlatform0002", reply.GetDeviceToken());
            Assert.IsNull(reply.GetDeviceSecret());

            SecretRecord record = new SecretRecord();
            reply.ToRecord("a1TestPK001", "dev-dyn-2", record);
            Assert.AreEqual((int)SecretKind.DeviceToken, (int)record.Kind);
            Assert.AreEqual("a1TestPK001.dev-dyn-2|example-clientid-from-platform|authType=connwl,securemode=-2,_ss=1,ext=3,lan="
                + MqttCredentials.SdkLanguage + ",_v=" + MqttCredentials.SdkVersion + "|", record.ClientId);
            Assert.AreEqual("dev-dyn-2&a1TestPK001", record.Username);
            Assert.AreEqual("TokenFromPlatform0002", record.DeviceToken);
        }

        [TestMethod]
        public void ParseMqtt_WrongOrIncompletePayload_Errors()
        {
            RegistrationReply reply = new RegistrationReply();
            byte[] regnwl = TestBytes.Ascii("{\"productKey\":\"pk\",\"deviceName\":\"dn\",\"clientId\":\"c\",\"deviceToken\":\"t\"}");
            Assert.AreEqual(ErrorCode.MissingField, s_parser.ParseRegister(regnwl, 0, regnwl.Length, "pk", "dn", reply));
            byte[] noClientId = TestBytes.Ascii("{\"deviceToken\":\"t\"}");
            Assert.AreEqual(ErrorCode.MissingField, s_parser.ParseRegnwl(noClientId, 0, noClientId.Length, "pk", "dn", reply));
            byte[] other = TestBytes.Ascii("{\"productKey\":\"pk\",\"deviceName\":\"other\",\"deviceSecret\":\"s\"}");
            Assert.AreEqual(ErrorCode.IdentityMismatch, s_parser.ParseRegister(other, 0, other.Length, "pk", "dn", reply));
            byte[] broken = TestBytes.Ascii("{\"deviceSecret\":\"s\"");
            Assert.AreEqual(ErrorCode.Malformed, s_parser.ParseRegister(broken, 0, broken.Length, "pk", "dn", reply));
            AssertNoCredential(reply);
        }

        [TestMethod]
        public void ToRecord_NothingObtained_Throws()
        {
            Assert.ThrowsException(typeof(InvalidOperationException), () => new RegistrationReply().ToRecord("pk", "dn", new SecretRecord()));
        }

        [TestMethod]
        public void ToString_NeverShowsSecret()
        {
            RegistrationReply reply = new RegistrationReply();
            Assert.AreEqual(ErrorCode.Ok, ParseBody(SuccessBody, reply));
            Assert.AreEqual("RegistrationReply(DeviceSecret, httpStatus=200, code=200)", reply.ToString());
        }
    }
}
