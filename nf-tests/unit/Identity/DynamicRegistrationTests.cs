using System;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Storage;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Identity
{
    /// <summary>Records <see cref="DynamicRegistration.DeviceRegistered"/> and what the store and transport held at that moment.</summary>
    public sealed class RegistrationObserver
    {
        private readonly ISecretSlots _slots;
        private readonly RecordingTransport _transport;

        public int Calls;
        public int Result = 1;
        public LinkKitClient Client;
        public bool IdentityWasNull;
        public string Secret;            // the identity's device secret or token, copied during the call
        public string StoredSecret;      // what a fresh store over the same slots held during the call
        public int ConnectsBefore = -1;  // transport connects (any) before the event

        public RegistrationObserver(DynamicRegistration registration, ISecretSlots slots, RecordingTransport transport)
        {
            _slots = slots;
            _transport = transport;
            registration.DeviceRegistered += OnRegistered;
        }

        /// <summary>When set, the handler throws after recording.</summary>
        public bool Throw;

        private void OnRegistered(LinkKitClient client, int result, SecretRecord identity)
        {
            Calls++;
            Client = client;
            Result = result;
            IdentityWasNull = identity == null;
            Secret = identity == null ? null : identity.Kind == SecretKind.DeviceSecret ? identity.DeviceSecret : identity.DeviceToken;
            SecretRecord stored = new SecretRecord();
            if (new SecretStore(_slots).Load(stored) == ErrorCode.Ok)
            {
                StoredSecret = stored.Kind == SecretKind.DeviceSecret ? stored.DeviceSecret : stored.DeviceToken;
            }

            ConnectsBefore = _transport.ConnectCount;
            if (Throw) throw new InvalidOperationException("application handler failure");
        }
    }

    [TestClass]
    public class DynamicRegistrationTests : ClientTestBase
    {
        private const string Secret = "DeviceSecretFromPlatform0001";
        private const string Token = "TokenFromPlatform0002";

        // HMAC-SHA256 (fixed timestamp) CONNECT password of a1TestPK001/dev-dyn-1 with Secret (recomputed with Python hmac).
        private const string SecretPassword = "86BE5C7A6173197E9BFE2E2F6A191E0EEF5BFEFB89BEDD9D76A007E25F653B9C";

        private static LinkKitClient Client(RecordingTransport transport, string deviceName, DynamicRegistration registration, LinkKitOptions options)
        {
            return new LinkKitClient(transport, "cn-shanghai", "a1TestPK001", deviceName, MqttRegistrationTests.ProductSecret, registration, options);
        }

        private static SecretRecord Load(ISecretSlots slots)
        {
            SecretRecord record = new SecretRecord();
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Load(record));
            return record;
        }

        private static void AssertStoreEmpty(ISecretSlots slots)
        {
            Assert.AreEqual(ErrorCode.NoRecord, new SecretStore(slots).Load(new SecretRecord()));
        }

        [TestMethod]
        public void FakeChannel_RegistersOnce_SavesBeforeTheEvent_ThenConnectsWithTheSecret()
        {
            FlashModelSlots slots = new FlashModelSlots();
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            DynamicRegistration registration = new DynamicRegistration(new SecretStore(slots), channel);
            RecordingTransport transport = new RecordingTransport(256, 2048);
            RegistrationObserver observer = new RegistrationObserver(registration, slots, transport);
            LinkKitClient client = Client(transport, "dev-dyn-1", registration, Harness.Options(new TestClock()));

            Harness.Connect(client);

            Assert.AreEqual(1, channel.Calls);
            Assert.AreEqual(1, observer.Calls);
            Assert.AreEqual(ErrorCode.Ok, observer.Result);
            Assert.AreSame(client, observer.Client);
            Assert.AreEqual(Secret, observer.Secret);
            Assert.AreEqual(Secret, observer.StoredSecret);   // persisted BEFORE the event
            Assert.AreEqual(0, observer.ConnectsBefore);      // and the event came before the client's CONNECT
            Assert.AreEqual("a1TestPK001.dev-dyn-1|timestamp=2524608000000,_ss=1,_v=linkkit-nano-0.1.0,lan=CSharp,securemode=3,signmethod=hmacsha256,ext=3|", transport.LastRequest.ClientId);
            Assert.AreEqual("dev-dyn-1&a1TestPK001", transport.LastRequest.Username);
            Assert.AreEqual(SecretPassword, transport.LastRequest.Password);
            Assert.AreEqual(1, transport.ConnectCount);
            client.Destruct();
        }

        [TestMethod]
        public void SecondClient_OnTheSameStore_NeverRegisters()
        {
            FlashModelSlots slots = new FlashModelSlots();
            DynamicRegistration first = new DynamicRegistration(new SecretStore(slots), new FakeRegistrationChannel());
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Client(transport, "dev-dyn-1", first, Harness.Options(new TestClock()));
            Harness.Connect(client);
            client.Destruct();

            // A reboot: new store object, new registration, new client, same slots.
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            DynamicRegistration second = new DynamicRegistration(new SecretStore(slots), channel);
            RecordingTransport transport2 = new RecordingTransport(256, 2048);
            RegistrationObserver observer = new RegistrationObserver(second, slots, transport2);
            LinkKitClient client2 = Client(transport2, "dev-dyn-1", second, Harness.Options(new TestClock()));
            Harness.Connect(client2);

            Assert.AreEqual(0, channel.Calls);
            Assert.AreEqual(0, observer.Calls);
            Assert.AreEqual(SecretPassword, transport2.LastRequest.Password);
            Assert.AreEqual(1, slots.Writes); // only the first registration's save
            client2.Destruct();
        }

        [TestMethod]
        public void FakeChannel_Regnwl_ConnwlCredentialsAreUsedVerbatim_NowAndAfterReboot()
        {
            FlashModelSlots slots = new FlashModelSlots();
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            channel.WhitelistFree = true;
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Client(transport, "dev-dyn-2", new DynamicRegistration(new SecretStore(slots), channel), Harness.Options(new TestClock()));
            Harness.Connect(client);
            Assert.AreEqual("cid|authType=connwl|", transport.LastRequest.ClientId);
            Assert.AreEqual("dev-dyn-2&a1TestPK001", transport.LastRequest.Username);
            Assert.AreEqual(Token, transport.LastRequest.Password);
            client.Destruct();

            RecordingTransport transport2 = new RecordingTransport(256, 2048);
            FakeRegistrationChannel unused = new FakeRegistrationChannel();
            LinkKitClient client2 = Client(transport2, "dev-dyn-2", new DynamicRegistration(new SecretStore(slots), unused), Harness.Options(new TestClock()));
            Harness.Connect(client2);
            Assert.AreEqual(0, unused.Calls);
            Assert.AreEqual("cid|authType=connwl|", transport2.LastRequest.ClientId);
            Assert.AreEqual(Token, transport2.LastRequest.Password);
            client2.Destruct();
        }

        [TestMethod]
        public void Failure_RegistrationFailed_Disconnected_AndTheNextConnectTriesAgain()
        {
            FlashModelSlots slots = new FlashModelSlots();
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            channel.Result = ErrorCode.RegistrationTimeout;
            DynamicRegistration registration = new DynamicRegistration(new SecretStore(slots), channel);
            RecordingTransport transport = new RecordingTransport(256, 2048);
            RegistrationObserver observer = new RegistrationObserver(registration, slots, transport);
            LinkKitClient client = Client(transport, "dev-dyn-1", registration, Harness.Options(new TestClock()));
            int connectResult = -1;
            client.ConnectCompleted += delegate (LinkKitClient sender, bool sessionPresent, int rc) { connectResult = rc; };

            Harness.Start(client);
            Harness.WaitForState(client, LinkKitState.Disconnected);

            Assert.AreEqual(ConnectResult.RegistrationFailed, connectResult);
            Assert.AreEqual(0, transport.ConnectCount);
            Assert.AreEqual(1, observer.Calls);
            Assert.AreEqual(ErrorCode.RegistrationTimeout, observer.Result);
            Assert.IsTrue(observer.IdentityWasNull);
            AssertStoreEmpty(slots);

            channel.Result = ErrorCode.Ok;
            Harness.Connect(client);
            Assert.AreEqual(2, channel.Calls);
            Assert.AreEqual(ConnectResult.Accepted, connectResult);
            Assert.AreEqual(Secret, Load(slots).DeviceSecret);
            client.Destruct();
        }

        [TestMethod]
        public void SaveFails_TheIdentityIsUsedFromMemory_AndReported()
        {
            FlashModelSlots slots = new FlashModelSlots();
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            channel.BreakWritesOf = slots;
            DynamicRegistration registration = new DynamicRegistration(new SecretStore(slots), channel);
            RecordingTransport transport = new RecordingTransport(256, 2048);
            RegistrationObserver observer = new RegistrationObserver(registration, slots, transport);
            LinkKitClient client = Client(transport, "dev-dyn-1", registration, Harness.Options(new TestClock()));
            CapturingLogSink log = new CapturingLogSink();
            client.EnableLogger(LogLevel.Debug, log);

            Harness.Connect(client);

            Assert.AreEqual(ErrorCode.StorageFailed, observer.Result);
            Assert.AreEqual(Secret, observer.Secret);
            Assert.IsTrue(registration.Provisioning.IsSavePending);
            Assert.AreEqual(SecretPassword, transport.LastRequest.Password);
            Assert.IsNotNull(log.FindLineContaining("WARNING device registered; saving the identity failed (-41), using it from memory"));
            client.Destruct();
        }

        [TestMethod]
        public void UnreadableStore_IsNotAnEmptyStore_NothingRegisters()
        {
            FlashModelSlots slots = new FlashModelSlots();
            slots.FailReadSlot = 0;
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            DynamicRegistration registration = new DynamicRegistration(new SecretStore(slots), channel);
            RecordingTransport transport = new RecordingTransport(256, 2048);
            RegistrationObserver observer = new RegistrationObserver(registration, slots, transport);
            LinkKitClient client = Client(transport, "dev-dyn-1", registration, Harness.Options(new TestClock()));
            CapturingLogSink log = new CapturingLogSink();
            client.EnableLogger(LogLevel.Info, log);

            Harness.Start(client);
            Harness.WaitForState(client, LinkKitState.Disconnected);

            Assert.AreEqual(0, channel.Calls);
            Assert.AreEqual(0, observer.Calls);
            Assert.AreEqual(0, transport.ConnectCount);
            Assert.IsNotNull(log.FindLineContaining("ERROR dynamic registration failed (-41)"));
            client.Destruct();
        }

        [TestMethod]
        public void StoredIdentityOfAnotherDevice_IdentityMismatch_NothingRegisters()
        {
            FlashModelSlots slots = new FlashModelSlots();
            SecretRecord other = new SecretRecord();
            other.SetDeviceSecret("a1TestPK001", "dev-other", "other-secret");
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Save(other));
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitClient client = Client(transport, "dev-dyn-1", new DynamicRegistration(new SecretStore(slots), channel), Harness.Options(new TestClock()));
            CapturingLogSink log = new CapturingLogSink();
            client.EnableLogger(LogLevel.Info, log);

            Harness.Start(client);
            Harness.WaitForState(client, LinkKitState.Disconnected);

            Assert.AreEqual(0, channel.Calls);
            Assert.AreEqual(0, transport.ConnectCount);
            Assert.IsNotNull(log.FindLineContaining("ERROR dynamic registration failed (-55)"));
            Assert.IsNull(log.FindLineContaining("other-secret"));
            client.Destruct();
        }

        [TestMethod]
        public void ThrowingHandler_IsCounted_AndTheClientStillConnects()
        {
            FlashModelSlots slots = new FlashModelSlots();
            DynamicRegistration registration = new DynamicRegistration(new SecretStore(slots), new FakeRegistrationChannel());
            RecordingTransport transport = new RecordingTransport(256, 2048);
            RegistrationObserver observer = new RegistrationObserver(registration, slots, transport);
            observer.Throw = true;
            LinkKitClient client = Client(transport, "dev-dyn-1", registration, Harness.Options(new TestClock()));
            Harness.Connect(client);
            Assert.AreEqual(1, observer.Calls);
            Assert.AreEqual(1, client.HandlerExceptionCount);
            Assert.AreEqual(SecretPassword, transport.LastRequest.Password);
            client.Destruct();
        }

        [TestMethod]
        public void OverHttps_SendsV4ToTheRegionHost_WithTheClientsRoots_ThenConnects()
        {
            // docs/test-vectors.md V4: the nonce comes from the client's LinkKitOptions.Random.
            FlashModelSlots slots = new FlashModelSlots();
            string body = "{\"code\":200,\"data\":{\"productKey\":\"a1B2c3D4e5F\",\"deviceName\":\"device01\",\"deviceSecret\":\"0123456789abcdef0123456789abcdef\"},\"message\":\"success\"}";
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, body), 1000, false);
            DynamicRegistration registration = DynamicRegistration.OverHttps(new SecretStore(slots), tls);
            RecordingTransport transport = new RecordingTransport(256, 2048);
            LinkKitOptions options = Harness.Options(new TestClock());
            options.Random = FixedRandomSource.Spelling("AbCdEfGhIjKlMnO");
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", "a1B2c3D4e5F", "device01", "ProductSecretABCDEF", registration, options);

            Harness.Connect(client);

            Assert.AreEqual(
                "POST /auth/register/device HTTP/1.1\r\nHost: iot-auth.cn-shanghai.aliyuncs.com\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 157\r\nConnection: close\r\n\r\n"
                + "productKey=a1B2c3D4e5F&deviceName=device01&random=AbCdEfGhIjKlMnO&sign=e354fcf236a04beda05b7f3e11003aa1895e86f361f7a6470bd390c8b04d8c5e&signMethod=hmacsha256",
                tls.Sent);
            Assert.AreEqual("iot-auth.cn-shanghai.aliyuncs.com", tls.Host);
            Assert.AreEqual(443, tls.Port);
            Assert.AreEqual(AliyunRootCertificates.Pem, tls.CaPem);
            Assert.AreEqual("0123456789abcdef0123456789abcdef", Load(slots).DeviceSecret);
            Assert.AreEqual(200, registration.Reply.HttpStatus);
            Assert.IsNull(registration.Reply.GetDeviceSecret());
            Assert.AreEqual("8B7FFA0E48AB9C4017D14454B0037247CFA069FF3A75D51D987FEE1BEDE6A8BF", transport.LastRequest.Password);
            client.Destruct();
        }

        [TestMethod]
        public void OverHttps_EmulatorHostPortAndRoots_AndRefusalCodeInReply()
        {
            FlashModelSlots slots = new FlashModelSlots();
            ScriptedTls tls = new ScriptedTls(RegistrationReplyParserTests.Http(200, "{\"code\":6289,\"message\":\"device already active\"}"), 1000, false);
            string ca = "-----BEGIN CERTIFICATE-----\nEMULATOR\n-----END CERTIFICATE-----\n";
            DynamicRegistration registration = DynamicRegistration.OverHttps(new SecretStore(slots), tls, "localhost", 8443, ca);
            RecordingTransport transport = new RecordingTransport(256, 2048);
            RegistrationObserver observer = new RegistrationObserver(registration, slots, transport);
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", "a1B2c3D4e5F", "device01", "ProductSecretABCDEF", registration, Harness.Options(new TestClock()));

            Harness.Start(client);
            Harness.WaitForState(client, LinkKitState.Disconnected);

            Assert.AreEqual("localhost", tls.Host);
            Assert.AreEqual(8443, tls.Port);
            Assert.AreEqual(ca, tls.CaPem);
            Assert.IsTrue(tls.Sent.IndexOf("\r\nHost: localhost:8443\r\n") > 0);
            Assert.AreEqual(ErrorCode.RegistrationRefused, observer.Result);
            Assert.AreEqual(6289, registration.Reply.Code);
            Assert.AreEqual("device already active", registration.Reply.GetMessage());
            Assert.AreEqual(0, transport.ConnectCount);
            AssertStoreEmpty(slots);
            client.Destruct();
        }

        [TestMethod]
        public void OverMqtt_Register_OnTheClientsOwnTransport_ThenConnectsWithTheSecret()
        {
            FlashModelSlots slots = new FlashModelSlots();
            RecordingTransport transport = new RecordingTransport(256, 2048);
            DynamicRegistration registration = DynamicRegistration.OverMqtt(new SecretStore(slots), transport, false);
            RegistrationObserver observer = new RegistrationObserver(registration, slots, transport);
            TestClock clock = new TestClock();
            clock.BlockWaits = true; // the reply wait ends only when the push arrives
            LinkKitOptions options = Harness.Options(clock);
            options.UseTls = true;
            options.Port = 8883;
            options.Random = FixedRandomSource.Spelling("e6n2dRZmNCKrXBa");
            LinkKitClient client = Client(transport, "dev-dyn-1", registration, options);
            CapturingLogSink log = new CapturingLogSink();
            client.EnableLogger(LogLevel.Debug, log);

            Harness.Start(client);
            Harness.WaitSignal(transport.ConnectReturned, "the registration CONNECT");
            Assert.AreEqual("dev-dyn-1.a1TestPK001|random=e6n2dRZmNCKrXBa,authType=register,securemode=2,signmethod=hmacsha256|", transport.LastRequest.ClientId);
            Assert.AreEqual("ffb081bb4f417b2b9fdd292d5dec3f7c03a052794371bd0000ededaa52772b73", transport.LastRequest.Password);
            Assert.AreEqual(MqttRegistrationTests.Host, transport.LastRequest.Host);
            Assert.AreEqual(8883, transport.LastRequest.Port);
            Assert.IsTrue(transport.LastRequest.UseTls);
            byte[] topic = Harness.Ascii("/ext/register");
            byte[] payload = Harness.Ascii(MqttRegistrationTests.RegisterPush);
            transport.InjectMessage(topic, topic.Length, payload, payload.Length, 0);
            Harness.WaitForState(client, LinkKitState.Connected);

            Assert.AreEqual(MqttRegistration.DefaultReplyTimeoutMilliseconds, clock.GetWait(0));
            Assert.AreEqual(2, transport.ConnectCount);
            Assert.AreEqual(1, transport.DisconnectCount);
            Assert.AreEqual(0, transport.SubscribeCount);
            Assert.AreEqual(1, observer.ConnectsBefore); // the event came after the registration CONNECT, before the client's
            Assert.AreEqual(Secret, observer.StoredSecret);
            Assert.AreEqual("a1TestPK001.dev-dyn-1|timestamp=2524608000000,_ss=1,_v=linkkit-nano-0.1.0,lan=CSharp,securemode=2,signmethod=hmacsha256,ext=3|", transport.LastRequest.ClientId);
            Assert.AreEqual(SecretPassword, transport.LastRequest.Password);
            Assert.AreEqual(Secret, Load(slots).DeviceSecret);
            client.Destruct();

            // Secrets never reach the log: not the product secret, the registration sign, the secret or its password.
            Assert.IsNull(log.FindLineContaining(MqttRegistrationTests.ProductSecret));
            Assert.IsNull(log.FindLineContaining("ffb081bb"));
            Assert.IsNull(log.FindLineContaining(Secret));
            Assert.IsNull(log.FindLineContaining("86BE5C7A"));
            Assert.IsNotNull(log.FindLineContaining("INFO dynamic registration started"));
            Assert.IsNotNull(log.FindLineContaining("INFO device registered; identity saved"));
            Assert.IsNotNull(log.FindLineContaining("INFO connected"));
        }

        [TestMethod]
        public void OverMqtt_Regnwl_ConnectsWithTheConnwlCredentials()
        {
            FlashModelSlots slots = new FlashModelSlots();
            RecordingTransport transport = new RecordingTransport(256, 2048);
            DynamicRegistration registration = DynamicRegistration.OverMqtt(new SecretStore(slots), transport, true, 10000);
            TestClock clock = new TestClock();
            clock.BlockWaits = true;
            LinkKitOptions options = Harness.Options(clock);
            options.UseTls = true;
            options.Port = 8883;
            options.InstanceId = "iot-06z00test";
            options.Random = FixedRandomSource.Spelling("24tBRPjAgGrj6zM");
            LinkKitClient client = Client(transport, "dev-dyn-2", registration, options);
            CapturingLogSink log = new CapturingLogSink();
            client.EnableLogger(LogLevel.Debug, log);

            Harness.Start(client);
            Harness.WaitSignal(transport.ConnectReturned, "the registration CONNECT");
            Assert.AreEqual("dev-dyn-2.a1TestPK001|random=24tBRPjAgGrj6zM,authType=regnwl,securemode=2,signmethod=hmacsha256,instanceId=iot-06z00test|", transport.LastRequest.ClientId);
            Assert.AreEqual("iot-06z00test.mqtt.iothub.aliyuncs.com", transport.LastRequest.Host);
            byte[] topic = Harness.Ascii("/ext/regnwl");
            byte[] payload = Harness.Ascii(MqttRegistrationTests.RegnwlPush);
            transport.InjectMessage(topic, topic.Length, payload, payload.Length, 0);
            Harness.WaitForState(client, LinkKitState.Connected);

            Assert.AreEqual(10000, clock.GetWait(0));
            Assert.AreEqual(MqttRegistrationTests.ConnwlClientId, transport.LastRequest.ClientId);
            Assert.AreEqual("dev-dyn-2&a1TestPK001", transport.LastRequest.Username);
            Assert.AreEqual(Token, transport.LastRequest.Password);
            Assert.AreEqual(Token, Load(slots).DeviceToken);
            client.Destruct();
            Assert.IsNull(log.FindLineContaining(Token));
            Assert.IsNull(log.FindLineContaining("example-clientid-from-platform"));
        }

        [TestMethod]
        public void OverMqtt_Refused_RegistrationFailed_Disconnected_NothingStored()
        {
            FlashModelSlots slots = new FlashModelSlots();
            RecordingTransport transport = new RecordingTransport(256, 2048);
            transport.EnqueueConnectResult(ConnectResult.NotAuthorized);
            DynamicRegistration registration = DynamicRegistration.OverMqtt(new SecretStore(slots), transport, false);
            RegistrationObserver observer = new RegistrationObserver(registration, slots, transport);
            LinkKitClient client = Client(transport, "dev-dyn-1", registration, Harness.Options(new TestClock()));
            int connectResult = -1;
            client.ConnectCompleted += delegate (LinkKitClient sender, bool sessionPresent, int rc) { connectResult = rc; };
            CapturingLogSink log = new CapturingLogSink();
            client.EnableLogger(LogLevel.Info, log);

            Harness.Start(client);
            Harness.WaitForState(client, LinkKitState.Disconnected);

            Assert.AreEqual(ConnectResult.RegistrationFailed, connectResult);
            Assert.AreEqual(ErrorCode.RegistrationConnectFailed, observer.Result);
            Assert.IsTrue(observer.IdentityWasNull);
            Assert.AreEqual(1, transport.ConnectCount); // the registration attempt only, no retry
            Assert.AreEqual(1, transport.CloseCount);
            Assert.IsNotNull(log.FindLineContaining("ERROR dynamic registration failed (-58)"));
            AssertStoreEmpty(slots);
            client.Destruct();
        }

        [TestMethod]
        public void Factories_RejectMisuse()
        {
            SecretStore store = new SecretStore(new FlashModelSlots());
            ScriptedTls tls = new ScriptedTls("", 1, true);
            RecordingTransport transport = new RecordingTransport(16, 16);
            Assert.ThrowsException(typeof(ArgumentNullException), () => new DynamicRegistration(null, new FakeRegistrationChannel()));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new DynamicRegistration(store, null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => DynamicRegistration.OverHttps(store, null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => DynamicRegistration.OverHttps(null, tls));
            Assert.ThrowsException(typeof(ArgumentException), () => DynamicRegistration.OverHttps(store, tls, "", 443, null));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => DynamicRegistration.OverHttps(store, tls, null, 0, null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => DynamicRegistration.OverMqtt(store, null, false));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => DynamicRegistration.OverMqtt(store, transport, false, 0));

            // Without a client there is nothing to build the platform channel from.
            Assert.ThrowsException(typeof(InvalidOperationException), () => DynamicRegistration.OverMqtt(store, transport, false).Provisioning.Provision());
        }
    }
}
