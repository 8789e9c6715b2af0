using System;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Storage;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Identity
{
    /// <summary>A registration channel that counts its calls and returns a configured outcome.</summary>
    public sealed class FakeRegistrationChannel : IRegistrationChannel
    {
        public int Calls;
        public int Result = ErrorCode.Ok;
        public bool FillRecord = true;
        public bool WhitelistFree;
        /// <summary>When set, runs at registration time (e.g. to break the storage after registering).</summary>
        public FlashModelSlots BreakWritesOf;

        public int Register(SecretRecord record)
        {
            Calls++;
            if (BreakWritesOf != null) BreakWritesOf.FailWriteSlot = 0;
            if (Result == ErrorCode.Ok && FillRecord)
            {
                if (WhitelistFree)
                {
                    record.SetDeviceToken("a1TestPK001", "dev-dyn-2", "cid|authType=connwl|", "dev-dyn-2&a1TestPK001", "TokenFromPlatform0002");
                }
                else
                {
                    record.SetDeviceSecret("a1TestPK001", "dev-dyn-1", "DeviceSecretFromPlatform0001");
                }
            }
            return Result;
        }
    }

    [TestClass]
    public class DeviceProvisioningTests
    {
        // Handler observations (test classes keep static state only).
        private static int s_handlerCalls;
        private static int s_handlerResult;
        private static SecretRecord s_handlerIdentity;
        private static string s_storedWhenHandlerRan;
        private static FlashModelSlots s_slots;

        private static void Reset(FlashModelSlots slots)
        {
            s_handlerCalls = 0;
            s_handlerResult = 1;
            s_handlerIdentity = null;
            s_storedWhenHandlerRan = null;
            s_slots = slots;
        }

        private static void OnCompleted(DeviceProvisioning sender, int result, SecretRecord identity)
        {
            s_handlerCalls++;
            s_handlerResult = result;
            s_handlerIdentity = identity;
            SecretRecord stored = new SecretRecord();
            s_storedWhenHandlerRan = new SecretStore(s_slots).Load(stored) == ErrorCode.Ok ? stored.DeviceSecret ?? stored.DeviceToken : null;
        }

        private static DeviceProvisioning Create(FlashModelSlots slots, FakeRegistrationChannel channel)
        {
            Reset(slots);
            DeviceProvisioning provisioning = new DeviceProvisioning(new SecretStore(slots), channel);
            provisioning.RegistrationCompleted += OnCompleted;
            return provisioning;
        }

        [TestMethod]
        public void Provision_StoreHoldsRecord_NeverRegisters()
        {
            FlashModelSlots slots = new FlashModelSlots();
            SecretRecord stored = new SecretRecord();
            stored.SetDeviceSecret("a1TestPK001", "dev-dyn-1", "stored-secret");
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Save(stored));

            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            DeviceProvisioning provisioning = Create(slots, channel);
            Assert.AreEqual(ErrorCode.Ok, provisioning.Provision());
            Assert.AreEqual(ErrorCode.Ok, provisioning.Provision());
            Assert.AreEqual(0, channel.Calls);
            Assert.AreEqual(0, s_handlerCalls);
            Assert.IsTrue(provisioning.HasIdentity);
            Assert.AreEqual("stored-secret", provisioning.Identity.DeviceSecret);
        }

        [TestMethod]
        public void Provision_StoreHoldsToken_NeverRegisters()
        {
            FlashModelSlots slots = new FlashModelSlots();
            SecretRecord stored = new SecretRecord();
            stored.SetDeviceToken("pk", "dn", "cid", "dn&pk", "token");
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Save(stored));
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            Assert.AreEqual(ErrorCode.Ok, Create(slots, channel).Provision());
            Assert.AreEqual(0, channel.Calls);
        }

        [TestMethod]
        public void Provision_EmptyStore_RegistersOnceAndSavesBeforeHandler()
        {
            FlashModelSlots slots = new FlashModelSlots();
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            DeviceProvisioning provisioning = Create(slots, channel);
            Assert.AreEqual(ErrorCode.Ok, provisioning.Provision());
            Assert.AreEqual(1, channel.Calls);
            Assert.AreEqual(1, s_handlerCalls);
            Assert.AreEqual(ErrorCode.Ok, s_handlerResult);
            Assert.AreSame(provisioning.Identity, s_handlerIdentity);
            Assert.AreEqual("DeviceSecretFromPlatform0001", s_storedWhenHandlerRan);
            Assert.IsFalse(provisioning.IsSavePending);

            // Again, and after a reboot (a new object over the same flash): no second registration.
            Assert.AreEqual(ErrorCode.Ok, provisioning.Provision());
            DeviceProvisioning rebooted = Create(slots, channel);
            Assert.AreEqual(ErrorCode.Ok, rebooted.Provision());
            Assert.AreEqual("DeviceSecretFromPlatform0001", rebooted.Identity.DeviceSecret);
            Assert.AreEqual(1, channel.Calls);
        }

        [TestMethod]
        public void Provision_Whitelistfree_SavesTokenBeforeHandler()
        {
            FlashModelSlots slots = new FlashModelSlots();
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            channel.WhitelistFree = true;
            DeviceProvisioning provisioning = Create(slots, channel);
            Assert.AreEqual(ErrorCode.Ok, provisioning.Provision());
            Assert.AreEqual("TokenFromPlatform0002", s_storedWhenHandlerRan);
            Assert.AreEqual((int)SecretKind.DeviceToken, (int)provisioning.Identity.Kind);
        }

        [TestMethod]
        public void Provision_StoreUnreadable_DoesNotRegister()
        {
            FlashModelSlots slots = new FlashModelSlots();
            slots.FailReadSlot = 1;
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            DeviceProvisioning provisioning = Create(slots, channel);
            Assert.AreEqual(ErrorCode.StorageFailed, provisioning.Provision());
            Assert.AreEqual(0, channel.Calls);
            Assert.AreEqual(0, s_handlerCalls);
            Assert.IsFalse(provisioning.HasIdentity);
        }

        [TestMethod]
        public void Provision_RegistrationFails_HandlerGetsErrorAndNothingStored()
        {
            FlashModelSlots slots = new FlashModelSlots();
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            channel.Result = ErrorCode.RegistrationRefused;
            DeviceProvisioning provisioning = Create(slots, channel);
            Assert.AreEqual(ErrorCode.RegistrationRefused, provisioning.Provision());
            Assert.AreEqual(1, s_handlerCalls);
            Assert.AreEqual(ErrorCode.RegistrationRefused, s_handlerResult);
            Assert.IsNull(s_handlerIdentity);
            Assert.IsFalse(provisioning.HasIdentity);
            Assert.AreEqual(ErrorCode.NoRecord, new SecretStore(slots).Load(new SecretRecord()));
        }

        [TestMethod]
        public void Provision_ChannelOkWithoutIdentity_MissingField()
        {
            FlashModelSlots slots = new FlashModelSlots();
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            channel.FillRecord = false;
            DeviceProvisioning provisioning = Create(slots, channel);
            Assert.AreEqual(ErrorCode.MissingField, provisioning.Provision());
            Assert.AreEqual(ErrorCode.MissingField, s_handlerResult);
            Assert.IsFalse(provisioning.HasIdentity);
        }

        [TestMethod]
        public void Provision_SaveFails_IdentityKeptInMemoryAndSaveRetriedNotRegistration()
        {
            FlashModelSlots slots = new FlashModelSlots();
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            channel.BreakWritesOf = slots;
            DeviceProvisioning provisioning = Create(slots, channel);

            Assert.AreEqual(ErrorCode.StorageFailed, provisioning.Provision());
            Assert.AreEqual(1, s_handlerCalls);
            Assert.AreEqual(ErrorCode.StorageFailed, s_handlerResult);
            Assert.AreSame(provisioning.Identity, s_handlerIdentity);
            Assert.IsNull(s_storedWhenHandlerRan);
            Assert.IsTrue(provisioning.HasIdentity);
            Assert.IsTrue(provisioning.IsSavePending);
            Assert.AreEqual("DeviceSecretFromPlatform0001", provisioning.Identity.DeviceSecret);

            // Still failing: Provision retries the save only.
            Assert.AreEqual(ErrorCode.StorageFailed, provisioning.Provision());
            Assert.AreEqual(1, channel.Calls);

            // Storage back: the pending identity is persisted.
            slots.FailWriteSlot = -1;
            Assert.AreEqual(ErrorCode.Ok, provisioning.Provision());
            Assert.IsFalse(provisioning.IsSavePending);
            Assert.AreEqual(1, channel.Calls);
            SecretRecord stored = new SecretRecord();
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Load(stored));
            Assert.AreEqual("DeviceSecretFromPlatform0001", stored.DeviceSecret);
            Assert.AreEqual(ErrorCode.Ok, provisioning.RetrySave());
        }

        [TestMethod]
        public void Provision_HandlerThrows_RegistrationStillSaved()
        {
            FlashModelSlots slots = new FlashModelSlots();
            FakeRegistrationChannel channel = new FakeRegistrationChannel();
            DeviceProvisioning provisioning = new DeviceProvisioning(new SecretStore(slots), channel);
            provisioning.RegistrationCompleted += Throw;
            Assert.AreEqual(ErrorCode.Ok, provisioning.Provision());
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Load(new SecretRecord()));
        }

        private static void Throw(DeviceProvisioning sender, int result, SecretRecord identity)
        {
            throw new InvalidOperationException("application bug");
        }

        [TestMethod]
        public void Constructor_Misuse_Throws()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => new DeviceProvisioning(null, new FakeRegistrationChannel()));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new DeviceProvisioning(new SecretStore(new FlashModelSlots()), null));
        }
    }
}
