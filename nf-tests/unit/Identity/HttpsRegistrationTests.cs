using System;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Storage;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Identity
{
    [TestClass]
    public class HttpsRegistrationTests
    {
        private const string Ca = "-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n";

        private const string SuccessBody =
            "{\"code\":200,\"data\":{\"productKey\":\"a1B2c3D4e5F\",\"deviceName\":\"device01\",\"deviceSecret\":\"0123456789abcdef0123456789abcdef\"},\"message\":\"success\"}";

        // The V4 request (docs/test-vectors.md V4) as the flow must send it.
        private const string V4Request =
            "POST /auth/register/device HTTP/1.1\r\nHost: iot-auth.cn-shanghai.aliyuncs.com\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: 157\r\nConnection: close\r\n\r\n"
            + "productKey=a1B2c3D4e5F&deviceName=device01&random=AbCdEfGhIjKlMnO&sign=e354fcf236a04beda05b7f3e11003aa1895e86f361f7a6470bd390c8b04d8c5e&signMethod=hmacsha256";

        private static HttpsRegistration Flow(ScriptedTls tls, int port)
        {
            RegistrationSigner signer = new RegistrationSigner("a1B2c3D4e5F", "device01", "ProductSecretABCDEF");
            string host = port == 443 ? HttpsRegistrationRequest.GetRegionHost("cn-shanghai") : "localhost";
            return new HttpsRegistration(tls, FixedRandomSource.Spelling("AbCdEfGhIjKlMnO"), signer, host, port, Ca);
        }

        [TestMethod]
        public void Register_Success_SendsV4AndReadsSecret()
        {
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, SuccessBody), 1000, false);
            HttpsRegistration flow = Flow(tls, 443);
            Assert.AreEqual(ErrorCode.Ok, flow.Register());
            Assert.AreEqual(V4Request, tls.Sent);
            Assert.AreEqual("iot-auth.cn-shanghai.aliyuncs.com", tls.Host);
            Assert.AreEqual(443, tls.Port);
            Assert.AreEqual(Ca, tls.CaPem);
            Assert.AreEqual("0123456789abcdef0123456789abcdef", flow.Reply.GetDeviceSecret());
            Assert.AreEqual(1, tls.Closes);
        }

        [TestMethod]
        public void Register_ContentLengthReached_StopsWithoutWaitingForClose()
        {
            // The scripted server keeps the connection open: one more Read would time out.
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, SuccessBody), 7, false);
            Assert.AreEqual(ErrorCode.Ok, Flow(tls, 443).Register());
        }

        [TestMethod]
        [DataRow(1)]      // one byte per read
        [DataRow(13)]     // pieces that split headers and body
        [DataRow(2048)]   // everything at once
        public void Register_AnyReadSizes_Ok(int piece)
        {
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, SuccessBody), piece, true);
            Assert.AreEqual(ErrorCode.Ok, Flow(tls, 443).Register());
        }

        [TestMethod]
        public void Register_BodyUntilClose_Ok()
        {
            ScriptedTls tls = new ScriptedTls("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + SuccessBody, 50, true);
            Assert.AreEqual(ErrorCode.Ok, Flow(tls, 443).Register());
        }

        [TestMethod]
        public void Register_OtherPort_HostHeaderCarriesPort()
        {
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, SuccessBody), 1000, true);
            Assert.AreEqual(ErrorCode.Ok, Flow(tls, 8443).Register());
            Assert.IsTrue(tls.Sent.IndexOf("\r\nHost: localhost:8443\r\n") > 0);
            Assert.AreEqual("localhost", tls.Host);
            Assert.AreEqual(8443, tls.Port);
        }

        [TestMethod]
        public void Register_Refused_CodeAndMessageInReply()
        {
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, "{\"code\":6289,\"message\":\"device already active\"}"), 1000, true);
            HttpsRegistration flow = Flow(tls, 443);
            Assert.AreEqual(ErrorCode.RegistrationRefused, flow.Register());
            Assert.AreEqual(6289, flow.Reply.Code);
            Assert.AreEqual("device already active", flow.Reply.GetMessage());
            Assert.AreEqual(1, tls.Closes);
        }

        [TestMethod]
        public void Register_ConnectFails_TlsConnectFailed()
        {
            ScriptedTls tls = new ScriptedTls("", 1, true);
            tls.ConnectResult = ErrorCode.TlsConnectFailed;
            Assert.AreEqual(ErrorCode.TlsConnectFailed, Flow(tls, 443).Register());
            Assert.AreEqual(0, tls.Closes);
        }

        [TestMethod]
        public void Register_WriteFails_TlsIoFailedAndClosed()
        {
            ScriptedTls tls = new ScriptedTls("", 1, true);
            tls.WriteResult = ErrorCode.TlsIoFailed;
            Assert.AreEqual(ErrorCode.TlsIoFailed, Flow(tls, 443).Register());
            Assert.AreEqual(1, tls.Closes);
        }

        [TestMethod]
        public void Register_ReadFailsMidResponse_TlsIoFailedAndClosed()
        {
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, SuccessBody), 10, false);
            tls.FailReadAfter = 40;
            HttpsRegistration flow = Flow(tls, 443);
            Assert.AreEqual(ErrorCode.TlsIoFailed, flow.Register());
            Assert.AreEqual(1, tls.Closes);
            Assert.IsNull(flow.Reply.GetDeviceSecret());
        }

        [TestMethod]
        public void Register_ClosedBeforeComplete_HttpTruncated()
        {
            string full = RegistrationReplyParserTests.Http(200, SuccessBody);
            ScriptedTls tls = new ScriptedTls(full.Substring(0, full.Length - 5), 100, true);
            Assert.AreEqual(ErrorCode.HttpTruncated, Flow(tls, 443).Register());
            ScriptedTls silent = new ScriptedTls("", 100, true);
            Assert.AreEqual(ErrorCode.HttpTruncated, Flow(silent, 443).Register());
        }

        [TestMethod]
        public void Register_ResponseLargerThanBuffer_BufferTooSmall()
        {
            string padding = new string('x', HttpsRegistration.BufferSize);
            ScriptedTls tls = new ScriptedTls("HTTP/1.1 200 OK\r\nX-Pad: " + padding + "\r\n\r\n{}", 500, true);
            Assert.AreEqual(ErrorCode.BufferTooSmall, Flow(tls, 443).Register());
        }

        [TestMethod]
        public void RegisterRecord_Success_FillsRecordAndWipesReplySecret()
        {
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, SuccessBody), 1000, true);
            HttpsRegistration flow = Flow(tls, 443);
            SecretRecord record = new SecretRecord();
            Assert.AreEqual(ErrorCode.Ok, flow.Register(record));
            Assert.AreEqual((int)SecretKind.DeviceSecret, (int)record.Kind);
            Assert.AreEqual("a1B2c3D4e5F", record.ProductKey);
            Assert.AreEqual("device01", record.DeviceName);
            Assert.AreEqual("0123456789abcdef0123456789abcdef", record.DeviceSecret);
            Assert.IsNull(flow.Reply.GetDeviceSecret());
            Assert.AreEqual(200, flow.Reply.Code);
        }

        [TestMethod]
        public void Constructor_Misuse_Throws()
        {
            RegistrationSigner signer = new RegistrationSigner("pk", "dn", "ps");
            ScriptedTls tls = new ScriptedTls("", 1, true);
            IRandomSource random = new FixedRandomSource(new int[] { 1 });
            Assert.ThrowsException(typeof(ArgumentNullException), () => new HttpsRegistration(null, random, signer, "h", 443, Ca));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new HttpsRegistration(tls, random, signer, "h", 443, null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new HttpsRegistration(tls, random, signer, "h", 0, Ca));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new HttpsRegistration(tls, random, signer, "h", 443, Ca).Register(null));
        }
    }
}
