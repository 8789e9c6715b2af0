using System;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Transport;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Identity
{
    [TestClass]
    public class MqttRegistrationTests
    {
        internal const string Host = "a1TestPK001.iot-as-mqtt.cn-shanghai.aliyuncs.com";
        internal const string ProductSecret = "ProductSecret0123456789";

        // The platform's pushes as captured (docs/test-vectors.md, The Python SDK wire capture, conn#4 and conn#5).
        internal const string RegisterPush = "{\"productKey\": \"a1TestPK001\", \"deviceName\": \"dev-dyn-1\", \"deviceSecret\": \"DeviceSecretFromPlatform0001\"}";
        internal const string RegnwlPush = "{\"productKey\": \"a1TestPK001\", \"deviceName\": \"dev-dyn-2\", \"clientId\": \"a1TestPK001.dev-dyn-2|example-clientid-from-platform\", \"deviceToken\": \"TokenFromPlatform0002\"}";

        // The connwl credentials this SDK builds from RegnwlPush (Python's conn#6 with lan=CSharp and this SDK's _v).
        internal const string ConnwlClientId = "a1TestPK001.dev-dyn-2|example-clientid-from-platform|authType=connwl,securemode=-2,_ss=1,ext=3,lan=CSharp,_v=linkkit-nano-0.1.0|";

        private static MqttRegistration Register(RecordingTransport transport, PushingClock clock, bool useTls)
        {
            // V3 (docs/test-vectors.md, wire conn#4): dev-dyn-1, nonce e6n2dRZmNCKrXBa.
            RegistrationSigner signer = new RegistrationSigner("a1TestPK001", "dev-dyn-1", ProductSecret);
            return new MqttRegistration(transport, signer, false, Host, 8883, useTls, AliyunRootCertificates.Pem,
                FixedRandomSource.Spelling("e6n2dRZmNCKrXBa"), clock);
        }

        private static MqttRegistration Regnwl(RecordingTransport transport, PushingClock clock)
        {
            // W3 (docs/test-vectors.md, wire conn#5): dev-dyn-2, nonce 24tBRPjAgGrj6zM, instance id in the clientId.
            RegistrationSigner signer = new RegistrationSigner("a1TestPK001", "dev-dyn-2", ProductSecret);
            MqttRegistration registration = new MqttRegistration(transport, signer, true, "iot-06z00test.mqtt.iothub.aliyuncs.com", 8883, true,
                AliyunRootCertificates.Pem, FixedRandomSource.Spelling("24tBRPjAgGrj6zM"), clock);
            registration.InstanceId = "iot-06z00test";
            return registration;
        }

        [TestMethod]
        public void Register_V3_ConnectsWithRegistrationCredentials_AndTakesThePushedSecret()
        {
            RecordingTransport transport = new RecordingTransport(64, 64);
            PushingClock clock = new PushingClock(transport);
            clock.Push("/ext/register", RegisterPush);
            MqttRegistration registration = Register(transport, clock, true);
            SecretRecord record = new SecretRecord();

            Assert.AreEqual(ErrorCode.Ok, registration.Register(record));

            MqttConnectRequest sent = transport.LastRequest;
            Assert.AreEqual("dev-dyn-1.a1TestPK001|random=e6n2dRZmNCKrXBa,authType=register,securemode=2,signmethod=hmacsha256|", sent.ClientId);
            Assert.AreEqual("dev-dyn-1&a1TestPK001", sent.Username);
            Assert.AreEqual("ffb081bb4f417b2b9fdd292d5dec3f7c03a052794371bd0000ededaa52772b73", sent.Password);
            Assert.AreEqual(Host, sent.Host);
            Assert.AreEqual(8883, sent.Port);
            Assert.IsTrue(sent.UseTls);
            Assert.AreEqual(AliyunRootCertificates.Pem, sent.CaCertificatesPem);
            Assert.AreEqual(60, sent.KeepAliveSeconds);
            Assert.IsTrue(sent.CleanSession);
            Assert.AreEqual((int)MqttProtocol.Mqtt311, (int)sent.Protocol);

            Assert.AreEqual((int)SecretKind.DeviceSecret, (int)record.Kind);
            Assert.AreEqual("a1TestPK001", record.ProductKey);
            Assert.AreEqual("dev-dyn-1", record.DeviceName);
            Assert.AreEqual("DeviceSecretFromPlatform0001", record.DeviceSecret);

            // One CONNECT, no SUBSCRIBE and no PUBLISH, one bounded wait, then DISCONNECT.
            Assert.AreEqual(1, transport.ConnectCount);
            Assert.AreEqual(0, transport.SubscribeCount);
            Assert.AreEqual(0, transport.PublishCount);
            Assert.AreEqual(1, clock.Waits);
            Assert.AreEqual(MqttRegistration.DefaultReplyTimeoutMilliseconds, clock.LastWaitMilliseconds);
            Assert.AreEqual(1, transport.DisconnectCount);
            Assert.AreEqual(ConnectResult.Accepted, registration.LastConnectResult);
            Assert.IsNull(registration.Reply.GetDeviceSecret()); // moved into the record, wiped from the reply
        }

        [TestMethod]
        public void Register_W3Regnwl_ConnectsWithInstanceId_AndBuildsConnwlCredentials()
        {
            RecordingTransport transport = new RecordingTransport(64, 64);
            PushingClock clock = new PushingClock(transport);
            clock.Push("/ext/regnwl", RegnwlPush);
            MqttRegistration registration = Regnwl(transport, clock);
            SecretRecord record = new SecretRecord();

            Assert.AreEqual(ErrorCode.Ok, registration.Register(record));

            Assert.AreEqual("dev-dyn-2.a1TestPK001|random=24tBRPjAgGrj6zM,authType=regnwl,securemode=2,signmethod=hmacsha256,instanceId=iot-06z00test|", transport.LastRequest.ClientId);
            Assert.AreEqual("dev-dyn-2&a1TestPK001", transport.LastRequest.Username);
            Assert.AreEqual("de38f3bcac2be9cfb1e7a1c93ab6884c4dc4c3dd69ff356b15170786f20edde0", transport.LastRequest.Password);
            Assert.AreEqual("iot-06z00test.mqtt.iothub.aliyuncs.com", transport.LastRequest.Host);

            Assert.AreEqual((int)SecretKind.DeviceToken, (int)record.Kind);
            Assert.AreEqual(ConnwlClientId, record.ClientId);
            Assert.AreEqual("dev-dyn-2&a1TestPK001", record.Username);
            Assert.AreEqual("TokenFromPlatform0002", record.DeviceToken);
            Assert.IsNull(record.DeviceSecret);
            Assert.AreEqual(0, transport.SubscribeCount);
            Assert.AreEqual(1, transport.DisconnectCount);
        }

        [TestMethod]
        public void Register_PlainTcpForEmulators_StillSaysSecuremode2()
        {
            RecordingTransport transport = new RecordingTransport(64, 64);
            PushingClock clock = new PushingClock(transport);
            clock.Push("/ext/register", RegisterPush);
            RegistrationSigner signer = new RegistrationSigner("a1TestPK001", "dev-dyn-1", ProductSecret);
            MqttRegistration registration = new MqttRegistration(transport, signer, false, "127.0.0.1", 1883, false, null,
                FixedRandomSource.Spelling("e6n2dRZmNCKrXBa"), clock);

            Assert.AreEqual(ErrorCode.Ok, registration.Register(new SecretRecord()));
            Assert.IsFalse(transport.LastRequest.UseTls);
            Assert.AreEqual(1883, transport.LastRequest.Port);
            Assert.AreEqual("dev-dyn-1.a1TestPK001|random=e6n2dRZmNCKrXBa,authType=register,securemode=2,signmethod=hmacsha256|", transport.LastRequest.ClientId);
        }

        [TestMethod]
        [DataRow(ConnectResult.BadUsernameOrPassword)]
        [DataRow(ConnectResult.NotAuthorized)]
        [DataRow(ConnectResult.NetworkError)]
        [DataRow(ConnectResult.TlsFailure)]
        public void Register_NoConnection_RegistrationConnectFailed_WithoutWaiting(int connectResult)
        {
            RecordingTransport transport = new RecordingTransport(64, 64);
            transport.EnqueueConnectResult(connectResult);
            PushingClock clock = new PushingClock(transport);
            MqttRegistration registration = Register(transport, clock, true);
            SecretRecord record = new SecretRecord();

            Assert.AreEqual(ErrorCode.RegistrationConnectFailed, registration.Register(record));
            Assert.AreEqual(connectResult, registration.LastConnectResult);
            Assert.AreEqual(0, clock.Waits);
            Assert.AreEqual(1, transport.CloseCount);
            Assert.AreEqual(0, transport.DisconnectCount);
            Assert.AreEqual((int)SecretKind.None, (int)record.Kind);
        }

        [TestMethod]
        public void Register_NoPush_RegistrationTimeout_AfterTheConfiguredWait()
        {
            RecordingTransport transport = new RecordingTransport(64, 64);
            PushingClock clock = new PushingClock(transport);
            MqttRegistration registration = Register(transport, clock, true);
            registration.ReplyTimeoutMilliseconds = 5000;
            SecretRecord record = new SecretRecord();

            Assert.AreEqual(ErrorCode.RegistrationTimeout, registration.Register(record));
            Assert.AreEqual(1, clock.Waits);
            Assert.AreEqual(5000, clock.LastWaitMilliseconds);
            Assert.AreEqual(1, transport.DisconnectCount);
            Assert.AreEqual(ConnectResult.Accepted, registration.LastConnectResult);
            Assert.AreEqual((int)SecretKind.None, (int)record.Kind);
        }

        [TestMethod]
        public void Register_PushOnTheOtherTopic_IsIgnored()
        {
            // A register attempt does not take a regnwl answer (nor any other message).
            RecordingTransport transport = new RecordingTransport(64, 64);
            PushingClock clock = new PushingClock(transport);
            clock.Push("/ext/regnwl", RegnwlPush);
            Assert.AreEqual(ErrorCode.RegistrationTimeout, Register(transport, clock, true).Register(new SecretRecord()));

            clock.Push("/ext/register/x", RegisterPush);
            Assert.AreEqual(ErrorCode.RegistrationTimeout, Register(transport, clock, true).Register(new SecretRecord()));
        }

        [TestMethod]
        public void Register_LinkDropsBeforeThePush_RegistrationConnectFailed_AndCloses()
        {
            RecordingTransport transport = new RecordingTransport(64, 64);
            PushingClock clock = new PushingClock(transport);
            clock.DropLink = true;
            MqttRegistration registration = Register(transport, clock, true);

            Assert.AreEqual(ErrorCode.RegistrationConnectFailed, registration.Register(new SecretRecord()));
            Assert.AreEqual(1, transport.CloseCount);
            Assert.AreEqual(0, transport.DisconnectCount);
        }

        [TestMethod]
        public void Register_LinkDropsAfterThePush_StillSucceeds()
        {
            RecordingTransport transport = new RecordingTransport(64, 64);
            PushingClock clock = new PushingClock(transport);
            clock.Push("/ext/register", RegisterPush);
            clock.DropLink = true;
            SecretRecord record = new SecretRecord();
            Assert.AreEqual(ErrorCode.Ok, Register(transport, clock, true).Register(record));
            Assert.AreEqual("DeviceSecretFromPlatform0001", record.DeviceSecret);
        }

        [TestMethod]
        public void Register_BadPushes_ReportTheParserError()
        {
            RecordingTransport transport = new RecordingTransport(64, 64);
            PushingClock clock = new PushingClock(transport);
            MqttRegistration registration = Register(transport, clock, true);
            SecretRecord record = new SecretRecord();

            clock.Push("/ext/register", "{\"deviceSecret\": \"abc\"");
            Assert.AreEqual(ErrorCode.Malformed, registration.Register(record));
            clock.Push("/ext/register", "{\"productKey\": \"a1TestPK001\", \"deviceName\": \"dev-dyn-9\", \"deviceSecret\": \"abc\"}");
            Assert.AreEqual(ErrorCode.IdentityMismatch, registration.Register(record));
            clock.Push("/ext/register", "{\"productKey\": \"a1TestPK001\", \"deviceName\": \"dev-dyn-1\"}");
            Assert.AreEqual(ErrorCode.MissingField, registration.Register(record));
            clock.Push("/ext/register", "{\"deviceSecret\": \"" + Harness.Repeat('s', MqttRegistration.PayloadCapacity) + "\"}");
            Assert.AreEqual(ErrorCode.BufferTooSmall, registration.Register(record));
            Assert.AreEqual((int)SecretKind.None, (int)record.Kind);
            Assert.AreEqual(4, transport.DisconnectCount);
        }

        [TestMethod]
        public void Register_PushAfterTheAttempt_IsIgnored_AndTheNextAttemptWaitsAgain()
        {
            RecordingTransport transport = new RecordingTransport(64, 64);
            PushingClock clock = new PushingClock(transport);
            MqttRegistration registration = Register(transport, clock, true);
            Assert.AreEqual(ErrorCode.RegistrationTimeout, registration.Register(new SecretRecord()));

            // A late push on the finished connection neither counts now nor wakes the next attempt.
            byte[] topic = Harness.Ascii("/ext/register");
            byte[] payload = Harness.Ascii(RegisterPush);
            transport.InjectMessage(topic, topic.Length, payload, payload.Length, 0);
            transport.Sink.OnConnectionLost();
            Assert.AreEqual(ErrorCode.RegistrationTimeout, registration.Register(new SecretRecord()));
            Assert.AreEqual(2, clock.Waits);
        }

        [TestMethod]
        public void Constructor_And_Settings_RejectMisuse()
        {
            RecordingTransport transport = new RecordingTransport(64, 64);
            PushingClock clock = new PushingClock(transport);
            RegistrationSigner signer = new RegistrationSigner("a1TestPK001", "dev-dyn-1", ProductSecret);
            IRandomSource random = FixedRandomSource.Spelling("e6n2dRZmNCKrXBa");
            Assert.ThrowsException(typeof(ArgumentNullException), () => new MqttRegistration(null, signer, false, Host, 8883, true, "pem", random, clock));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new MqttRegistration(transport, null, false, Host, 8883, true, "pem", random, clock));
            Assert.ThrowsException(typeof(ArgumentException), () => new MqttRegistration(transport, signer, false, "", 8883, true, "pem", random, clock));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => new MqttRegistration(transport, signer, false, Host, 0, true, "pem", random, clock));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new MqttRegistration(transport, signer, false, Host, 8883, true, null, random, clock));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new MqttRegistration(transport, signer, false, Host, 8883, true, "pem", null, clock));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new MqttRegistration(transport, signer, false, Host, 8883, true, "pem", random, null));

            MqttRegistration registration = new MqttRegistration(transport, signer, false, Host, 8883, true, "pem", random, clock);
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => registration.ReplyTimeoutMilliseconds = 0);
            Assert.ThrowsException(typeof(ArgumentNullException), () => registration.Register(null));
            registration.InstanceId = "iot|x";
            Assert.ThrowsException(typeof(ArgumentException), () => registration.Register(new SecretRecord()));
            Assert.AreEqual(0, transport.ConnectCount);
        }
    }
}
