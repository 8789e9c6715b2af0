using System;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Tests.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Identity
{
    [TestClass]
    public class HttpsRegistrationRequestTests
    {
        // docs/test-vectors.md V4 body; headers per docs/protocol.md, Dynamic registration / Over HTTPS and the brief (Content-Length 157 = body bytes).
        private const string V4Request =
            "POST /auth/register/device HTTP/1.1\r\n" +
            "Host: iot-auth.cn-shanghai.aliyuncs.com\r\n" +
            "Content-Type: application/x-www-form-urlencoded\r\n" +
            "Content-Length: 157\r\n" +
            "Connection: close\r\n" +
            "\r\n" +
            "productKey=a1B2c3D4e5F&deviceName=device01&random=AbCdEfGhIjKlMnO&sign=e354fcf236a04beda05b7f3e11003aa1895e86f361f7a6470bd390c8b04d8c5e&signMethod=hmacsha256";

        public static HttpsRegistrationRequest V4Writer()
        {
            RegistrationSigner signer = new RegistrationSigner("a1B2c3D4e5F", "device01", "ProductSecretABCDEF");
            return new HttpsRegistrationRequest(signer, HttpsRegistrationRequest.GetRegionHost("cn-shanghai"));
        }

        [TestMethod]
        public void GetRegionHost_FormatsAuthHost()
        {
            Assert.AreEqual("iot-auth.cn-shanghai.aliyuncs.com", HttpsRegistrationRequest.GetRegionHost("cn-shanghai"));
        }

        [TestMethod]
        public void Write_V4_ExactRequest()
        {
            byte[] random = TestBytes.Ascii("AbCdEfGhIjKlMnO");
            byte[] buffer = TestBytes.Filled(V4Request.Length + 2, 0xEE);
            int length = V4Writer().Write(random, 0, buffer, 1, V4Request.Length);
            Assert.AreEqual(326, length);
            Assert.AreEqual(V4Request, TestBytes.AsciiString(buffer, 1, length));
            Assert.AreEqual((byte)0xEE, buffer[0]);
            Assert.AreEqual((byte)0xEE, buffer[V4Request.Length + 1]);
        }

        [TestMethod]
        public void Write_OneByteShort_BufferTooSmallAndNothingWritten()
        {
            byte[] random = TestBytes.Ascii("AbCdEfGhIjKlMnO");
            byte[] buffer = TestBytes.Filled(V4Request.Length + 1, 0xEE);
            Assert.AreEqual(ErrorCode.BufferTooSmall, V4Writer().Write(random, 0, buffer, 1, V4Request.Length - 1));
            TestBytes.AssertAll(buffer, 0xEE);
        }

        [TestMethod]
        public void Write_DeviceNameWithReservedCharacters_FormEncodedButSignedRaw()
        {
            // Python: urlencode gives deviceName=dev%40x%3A1; hmac.new(b'ProductSecretABCDEF',
            // b'deviceNamedev@x:1productKeya1B2c3D4e5FrandomAbCdEfGhIjKlMnO', sha256).hexdigest()
            RegistrationSigner signer = new RegistrationSigner("a1B2c3D4e5F", "dev@x:1", "ProductSecretABCDEF");
            HttpsRegistrationRequest writer = new HttpsRegistrationRequest(signer, "127.0.0.1:8443");
            byte[] random = TestBytes.Ascii("AbCdEfGhIjKlMnO");
            byte[] buffer = new byte[512];
            int length = writer.Write(random, 0, buffer, 0, buffer.Length);
            string expectedBody = "productKey=a1B2c3D4e5F&deviceName=dev%40x%3A1&random=AbCdEfGhIjKlMnO&sign=" + DeviceNameWithReservedSign + "&signMethod=hmacsha256";
            string expected = "POST /auth/register/device HTTP/1.1\r\nHost: 127.0.0.1:8443\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + expectedBody.Length.ToString() + "\r\nConnection: close\r\n\r\n" + expectedBody;
            Assert.AreEqual(expected, TestBytes.AsciiString(buffer, 0, length));
        }

        private const string DeviceNameWithReservedSign = "2dea6b16e3ba97099157dc431783ac94b6e8b8358db22883471df354cfaed183";

        [TestMethod]
        public void Write_Misuse_Throws()
        {
            HttpsRegistrationRequest writer = V4Writer();
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => writer.Write(new byte[14], 0, new byte[400], 0, 400));
            Assert.ThrowsException(typeof(ArgumentNullException), () => writer.Write(new byte[15], 0, null, 0, 0));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => writer.Write(new byte[15], 0, new byte[10], 5, 6));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new HttpsRegistrationRequest(null, "host"));
            Assert.ThrowsException(typeof(ArgumentException), () => new HttpsRegistrationRequest(new RegistrationSigner("p", "d", "s"), ""));
        }
    }
}
