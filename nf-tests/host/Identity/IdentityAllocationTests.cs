using System;
using System.Text;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Identity;
using LinkKit.Nano.Tests.Storage;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Identity
{
    /// <summary>The registration writer and parsers allocate nothing per call (after construction).</summary>
    public class IdentityAllocationTests
    {
        private const string SuccessBody =
            "{\"code\":200,\"data\":{\"productKey\":\"a1B2c3D4e5F\",\"deviceName\":\"device01\",\"deviceSecret\":\"0123456789abcdef0123456789abcdef\"},\"message\":\"success\"}";

        [Fact]
        public void RequestWriter_AllocatesNothing()
        {
            RegistrationSigner signer = new RegistrationSigner("a1B2c3D4e5F", "dev@x:1", "ProductSecretABCDEF");
            HttpsRegistrationRequest writer = new HttpsRegistrationRequest(signer, "iot-auth.cn-shanghai.aliyuncs.com");
            byte[] random = Encoding.ASCII.GetBytes("AbCdEfGhIjKlMnO");
            byte[] buffer = new byte[1024];
            Allocations.AssertZero("HttpsRegistrationRequest.Write", () => writer.Write(random, 0, buffer, 0, buffer.Length));
            Allocations.AssertZero("HttpsRegistrationRequest.Write (too small)", () => writer.Write(random, 0, buffer, 0, 100));
        }

        [Fact]
        public void HttpsResponseParser_AllocatesNothing()
        {
            RegistrationReplyParser parser = new RegistrationReplyParser();
            RegistrationReply reply = new RegistrationReply();
            byte[] ok = Encoding.ASCII.GetBytes(RegistrationReplyParserTests.Http(200, SuccessBody));
            byte[] refused = Encoding.ASCII.GetBytes(RegistrationReplyParserTests.Http(200, "{\"code\":6289,\"message\":\"device already active\"}"));
            byte[] chunkedTemplate = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n" + SuccessBody.Substring(0, 16)
                + "\r\n" + (SuccessBody.Length - 16).ToString("x") + "\r\n" + SuccessBody.Substring(16) + "\r\n0\r\n\r\n");
            byte[] chunked = new byte[chunkedTemplate.Length];

            Assert.Equal(ErrorCode.Ok, parser.ParseHttps(ok, 0, ok.Length, true, "a1B2c3D4e5F", "device01", reply));
            Allocations.AssertZero("ParseHttps (success)", () => parser.ParseHttps(ok, 0, ok.Length, true, "a1B2c3D4e5F", "device01", reply));
            Allocations.AssertZero("ParseHttps (refusal)", () => parser.ParseHttps(refused, 0, refused.Length, true, "a1B2c3D4e5F", "device01", reply));
            Allocations.AssertZero("ParseHttps (truncated)", () => parser.ParseHttps(ok, 0, ok.Length - 3, false, "a1B2c3D4e5F", "device01", reply));
            Allocations.AssertZero("ParseHttps (chunked)", () =>
            {
                Array.Copy(chunkedTemplate, chunked, chunked.Length);   // joined in place: restore each time
                parser.ParseHttps(chunked, 0, chunked.Length, false, "a1B2c3D4e5F", "device01", reply);
            });
        }

        [Fact]
        public void MqttPayloadParsers_AllocateNothing()
        {
            RegistrationReplyParser parser = new RegistrationReplyParser();
            RegistrationReply reply = new RegistrationReply();
            byte[] register = Encoding.ASCII.GetBytes("{\"productKey\": \"a1TestPK001\", \"deviceName\": \"dev-dyn-1\", \"deviceSecret\": \"DeviceSecretFromPlatform0001\"}");
            byte[] regnwl = Encoding.ASCII.GetBytes("{\"productKey\": \"a1TestPK001\", \"deviceName\": \"dev-dyn-2\", \"clientId\": \"a1TestPK001.dev-dyn-2|example-clientid-from-platform\", \"deviceToken\": \"TokenFromPlatform0002\"}");
            Assert.Equal(ErrorCode.Ok, parser.ParseRegister(register, 0, register.Length, "a1TestPK001", "dev-dyn-1", reply));
            Assert.Equal(ErrorCode.Ok, parser.ParseRegnwl(regnwl, 0, regnwl.Length, "a1TestPK001", "dev-dyn-2", reply));
            Allocations.AssertZero("ParseRegister", () => parser.ParseRegister(register, 0, register.Length, "a1TestPK001", "dev-dyn-1", reply));
            Allocations.AssertZero("ParseRegnwl", () => parser.ParseRegnwl(regnwl, 0, regnwl.Length, "a1TestPK001", "dev-dyn-2", reply));
        }

        [Fact]
        public void HttpsRegistrationFlow_AllocatesNothingBeyondTheConnector()
        {
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, SuccessBody), 64, true);
            RegistrationSigner signer = new RegistrationSigner("a1B2c3D4e5F", "device01", "ProductSecretABCDEF");
            HttpsRegistration flow = new HttpsRegistration(tls, FixedRandomSource.Spelling("AbCdEfGhIjKlMnO"), signer, "iot-auth.cn-shanghai.aliyuncs.com", 443, "ca");
            Assert.Equal(ErrorCode.Ok, flow.Register());
            Allocations.AssertZero("HttpsRegistration.Register", () =>
            {
                tls.Rewind();
                flow.Register();
            });
        }

        [Fact]
        public void RecordValidate_AllocatesNothing()
        {
            byte[] buffer = new byte[SecretRecordFormat.MaxLength];
            int length = SecretRecordFormat.Encode(SecretRecordFormatTests.DeviceTokenRecord(), 9, buffer, 0, buffer.Length);
            Allocations.AssertZero("SecretRecordFormat.Validate", () => SecretRecordFormat.Validate(buffer, 0, length, out uint _));
            Allocations.AssertZero("Crc32.Compute", () => Crc32.Compute(buffer, 0, length));
        }
    }
}
