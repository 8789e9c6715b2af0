using System;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Storage
{
    [TestClass]
    public class SecretStoreTests
    {
        private static SecretRecord Secret(string pk, string dn, string ds)
        {
            SecretRecord record = new SecretRecord();
            record.SetDeviceSecret(pk, dn, ds);
            return record;
        }

        // Compares every field but the sequence number, which the tests check on their own.
        private static void AssertSame(SecretRecord expected, SecretRecord actual, string message)
        {
            Assert.AreEqual((int)expected.Kind, (int)actual.Kind, message);
            Assert.AreEqual(expected.ProductKey, actual.ProductKey, message);
            Assert.AreEqual(expected.DeviceName, actual.DeviceName, message);
            Assert.AreEqual(expected.DeviceSecret, actual.DeviceSecret, message);
            Assert.AreEqual(expected.ClientId, actual.ClientId, message);
            Assert.AreEqual(expected.Username, actual.Username, message);
            Assert.AreEqual(expected.DeviceToken, actual.DeviceToken, message);
        }

        private static void Plant(FlashModelSlots slots, int slot, SecretRecord record, uint sequence)
        {
            byte[] buffer = new byte[SecretRecordFormat.MaxLength];
            int length = SecretRecordFormat.Encode(record, sequence, buffer, 0, buffer.Length);
            byte[] content = new byte[length];
            Array.Copy(buffer, content, length);
            slots.SetContent(slot, content);
        }

        [TestMethod]
        public void Load_EmptyStorage_NoRecordAndRecordUnchanged()
        {
            SecretStore store = new SecretStore(new FlashModelSlots());
            SecretRecord record = Secret("pk", "dn", "ds");
            Assert.AreEqual(ErrorCode.NoRecord, store.Load(record));
            Assert.AreEqual("ds", record.DeviceSecret);
        }

        [TestMethod]
        public void Load_BothSlotsGarbage_NoRecord()
        {
            FlashModelSlots slots = new FlashModelSlots();
            slots.SetContent(0, TestBytes.Filled(300, 0xFF));
            slots.SetContent(1, TestBytes.Ascii("LKSR not a record"));
            Assert.AreEqual(ErrorCode.NoRecord, new SecretStore(slots).Load(new SecretRecord()));
        }

        [TestMethod]
        public void SaveLoad_DeviceSecret_RoundTrips()
        {
            FlashModelSlots slots = new FlashModelSlots();
            SecretRecord saved = SecretRecordFormatTests.DeviceSecretRecord();
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Save(saved));
            Assert.AreEqual(1u, saved.Sequence);
            Assert.AreEqual(0, slots.LastWriteSlot);

            SecretRecord loaded = new SecretRecord();
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Load(loaded));
            Assert.AreEqual(1u, loaded.Sequence);
            AssertSame(saved, loaded, "");
        }

        [TestMethod]
        public void SaveLoad_DeviceToken_RoundTrips()
        {
            FlashModelSlots slots = new FlashModelSlots();
            SecretRecord saved = SecretRecordFormatTests.DeviceTokenRecord();
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Save(saved));
            SecretRecord loaded = new SecretRecord();
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Load(loaded));
            AssertSame(saved, loaded, "");
        }

        [TestMethod]
        public void Save_Alternates_SlotsAndIncrementsSequence()
        {
            FlashModelSlots slots = new FlashModelSlots();
            SecretStore store = new SecretStore(slots);
            for (int i = 1; i <= 5; i++)
            {
                SecretRecord record = Secret("pk", "dn", "secret" + i.ToString());
                Assert.AreEqual(ErrorCode.Ok, store.Save(record));
                Assert.AreEqual((uint)i, record.Sequence);
                Assert.AreEqual((i - 1) % 2, slots.LastWriteSlot);
                SecretRecord loaded = new SecretRecord();
                Assert.AreEqual(ErrorCode.Ok, store.Load(loaded));
                AssertSame(record, loaded, "save " + i.ToString());
            }
        }

        [TestMethod]
        public void Save_AfterOlderSlotIsNewest_WritesTheOtherSlot()
        {
            // The newest record may sit in slot B (after an odd number of saves): the next one goes to A.
            FlashModelSlots slots = new FlashModelSlots();
            Plant(slots, 0, Secret("pk", "dn", "old"), 4);
            Plant(slots, 1, Secret("pk", "dn", "newest"), 5);
            SecretRecord record = Secret("pk", "dn", "next");
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Save(record));
            Assert.AreEqual(0, slots.LastWriteSlot);
            Assert.AreEqual(6u, record.Sequence);
        }

        [TestMethod]
        public void Load_SequenceWrap_ZeroIsNewerThanMax()
        {
            FlashModelSlots slots = new FlashModelSlots();
            Plant(slots, 0, Secret("pk", "dn", "before-wrap"), 0xFFFFFFFF);
            Plant(slots, 1, Secret("pk", "dn", "after-wrap"), 0);
            SecretRecord loaded = new SecretRecord();
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Load(loaded));
            Assert.AreEqual("after-wrap", loaded.DeviceSecret);
            Assert.AreEqual(0u, loaded.Sequence);
        }

        [TestMethod]
        public void Save_AtMaxSequence_WrapsToZeroAndLoadsIt()
        {
            FlashModelSlots slots = new FlashModelSlots();
            Plant(slots, 0, Secret("pk", "dn", "older"), 0xFFFFFFFE);
            Plant(slots, 1, Secret("pk", "dn", "max"), 0xFFFFFFFF);
            SecretStore store = new SecretStore(slots);
            SecretRecord record = Secret("pk", "dn", "wrapped");
            Assert.AreEqual(ErrorCode.Ok, store.Save(record));
            Assert.AreEqual(0u, record.Sequence);
            Assert.AreEqual(0, slots.LastWriteSlot);
            SecretRecord loaded = new SecretRecord();
            Assert.AreEqual(ErrorCode.Ok, store.Load(loaded));
            Assert.AreEqual("wrapped", loaded.DeviceSecret);
        }

        [TestMethod]
        public void IsNewer_SerialArithmetic()
        {
            Assert.IsTrue(SecretStore.IsNewer(2, 1));
            Assert.IsFalse(SecretStore.IsNewer(1, 2));
            Assert.IsFalse(SecretStore.IsNewer(7, 7));
            Assert.IsTrue(SecretStore.IsNewer(0, 0xFFFFFFFF));
            Assert.IsFalse(SecretStore.IsNewer(0xFFFFFFFF, 0));
        }

        [TestMethod]
        public void Load_NewestSlotCorruptAtAnyByte_FallsBackToOlder()
        {
            SecretRecord older = Secret("a1B2c3D4e5F", "device01", "older-secret");
            SecretRecord newest = SecretRecordFormatTests.DeviceTokenRecord();
            FlashModelSlots slots = new FlashModelSlots();
            SecretStore store = new SecretStore(slots);
            Assert.AreEqual(ErrorCode.Ok, store.Save(older));
            Assert.AreEqual(ErrorCode.Ok, store.Save(newest));
            int length = slots.GetContent(1).Length;
            SecretRecord loaded = new SecretRecord();
            for (int i = 0; i < length; i++)
            {
                slots.Corrupt(1, i);
                Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Load(loaded), "byte " + i.ToString());
                AssertSame(older, loaded, "byte " + i.ToString());
                slots.Corrupt(1, i);
            }
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Load(loaded));
            AssertSame(newest, loaded, "restored");
        }

        [TestMethod]
        public void Save_TornAtEveryByte_LoadsPreviousOrNewNeverNothingOrMix()
        {
            // Record N in slot B, N-1 in slot A (the write target). N+1 is written to A and torn after k bytes,
            // for every k from 0 to its full length, under each tear model, with N+1 longer and shorter than N-1.
            string[] nextSecrets = new string[] { "next-secret-that-is-longer-than-the-old-one", "short" };
            for (int model = 0; model <= 2; model++)
            {
                for (int s = 0; s < nextSecrets.Length; s++)
                {
                    SecretRecord next = Secret("a1TestPK001", "dev-dyn-1", nextSecrets[s]);
                    byte[] scratch = new byte[SecretRecordFormat.MaxLength];
                    int length = SecretRecordFormat.Encode(next, 3, scratch, 0, scratch.Length);
                    for (int k = 0; k <= length; k++)
                    {
                        string where = "model " + model.ToString() + " secret " + s.ToString() + " tear " + k.ToString();
                        FlashModelSlots slots = new FlashModelSlots();
                        SecretStore store = new SecretStore(slots);
                        SecretRecord previous = Secret("a1TestPK001", "dev-dyn-1", "previous-secret-0001");
                        Assert.AreEqual(ErrorCode.Ok, store.Save(Secret("a1TestPK001", "dev-dyn-1", "oldest-secret-000000001")));
                        Assert.AreEqual(ErrorCode.Ok, store.Save(previous));

                        slots.Model = (TearModel)model;
                        slots.TearAfter = k;
                        SecretRecord attempt = Secret("a1TestPK001", "dev-dyn-1", nextSecrets[s]);
                        int saved = store.Save(attempt);
                        Assert.AreEqual(0, slots.LastWriteSlot, where);

                        // Power comes back: a fresh store over the same flash.
                        SecretRecord loaded = new SecretRecord();
                        Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Load(loaded), where);
                        if (k == length)
                        {
                            Assert.AreEqual(ErrorCode.Ok, saved, where);
                            Assert.AreEqual(3u, loaded.Sequence, where);
                            AssertSame(next, loaded, where);
                        }
                        else if (loaded.Sequence == 3)
                        {
                            // Only possible when the bytes left from before happen to complete the record exactly.
                            AssertSame(next, loaded, where);
                        }
                        else
                        {
                            Assert.AreEqual(ErrorCode.StorageVerifyFailed, saved, where);
                            Assert.AreEqual(2u, loaded.Sequence, where);
                            AssertSame(previous, loaded, where);
                        }
                    }
                }
            }
        }

        [TestMethod]
        public void Save_TornWrite_NextSaveSucceedsIntoSameSlot()
        {
            FlashModelSlots slots = new FlashModelSlots();
            SecretStore store = new SecretStore(slots);
            Assert.AreEqual(ErrorCode.Ok, store.Save(Secret("pk", "dn", "first")));
            slots.Model = TearModel.Garbage;
            slots.TearAfter = 20;
            Assert.AreEqual(ErrorCode.StorageVerifyFailed, store.Save(Secret("pk", "dn", "second")));
            Assert.AreEqual(1, slots.LastWriteSlot);
            SecretRecord retry = Secret("pk", "dn", "second");
            Assert.AreEqual(ErrorCode.Ok, store.Save(retry));
            Assert.AreEqual(1, slots.LastWriteSlot);
            Assert.AreEqual(2u, retry.Sequence);
        }

        [TestMethod]
        public void Load_OneSlotUnreadable_UsesTheOther()
        {
            FlashModelSlots slots = new FlashModelSlots();
            Plant(slots, 0, Secret("pk", "dn", "in-a"), 1);
            slots.FailReadSlot = 1;
            SecretRecord loaded = new SecretRecord();
            Assert.AreEqual(ErrorCode.Ok, new SecretStore(slots).Load(loaded));
            Assert.AreEqual("in-a", loaded.DeviceSecret);
        }

        [TestMethod]
        public void Load_UnreadableAndNoValidRecord_StorageFailedNotNoRecord()
        {
            // "Cannot read" must never look like "never registered": a second registration is refused (6289).
            FlashModelSlots slots = new FlashModelSlots();
            slots.FailReadSlot = 0;
            Assert.AreEqual(ErrorCode.StorageFailed, new SecretStore(slots).Load(new SecretRecord()));
        }

        [TestMethod]
        public void Save_SlotUnreadable_StorageFailedAndNothingWritten()
        {
            FlashModelSlots slots = new FlashModelSlots();
            Plant(slots, 0, Secret("pk", "dn", "in-a"), 1);
            slots.FailReadSlot = 1;
            Assert.AreEqual(ErrorCode.StorageFailed, new SecretStore(slots).Save(Secret("pk", "dn", "new")));
            Assert.AreEqual(0, slots.Writes);
        }

        [TestMethod]
        public void Save_WriteFails_StorageFailedAndPreviousStillLoads()
        {
            FlashModelSlots slots = new FlashModelSlots();
            SecretStore store = new SecretStore(slots);
            Assert.AreEqual(ErrorCode.Ok, store.Save(Secret("pk", "dn", "kept")));
            slots.FailWriteSlot = 1;
            SecretRecord record = Secret("pk", "dn", "lost");
            Assert.AreEqual(ErrorCode.StorageFailed, store.Save(record));
            Assert.AreEqual(0u, record.Sequence);
            SecretRecord loaded = new SecretRecord();
            Assert.AreEqual(ErrorCode.Ok, store.Load(loaded));
            Assert.AreEqual("kept", loaded.DeviceSecret);
        }

        [TestMethod]
        public void Save_TooLarge_BufferTooSmallAndNothingWritten()
        {
            FlashModelSlots slots = new FlashModelSlots();
            Assert.AreEqual(ErrorCode.BufferTooSmall, new SecretStore(slots).Save(Secret("pk", "dn", new string('x', 2000))));
            Assert.AreEqual(0, slots.Writes);
        }

        [TestMethod]
        public void Erase_BothSlots_NoRecord()
        {
            FlashModelSlots slots = new FlashModelSlots();
            SecretStore store = new SecretStore(slots);
            Assert.AreEqual(ErrorCode.Ok, store.Save(Secret("pk", "dn", "a")));
            Assert.AreEqual(ErrorCode.Ok, store.Save(Secret("pk", "dn", "b")));
            Assert.AreEqual(ErrorCode.Ok, store.Erase());
            Assert.AreEqual(ErrorCode.NoRecord, store.Load(new SecretRecord()));
        }

        [TestMethod]
        public void Misuse_Throws()
        {
            SecretStore store = new SecretStore(new FlashModelSlots());
            Assert.ThrowsException(typeof(ArgumentNullException), () => new SecretStore(null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => store.Load(null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => store.Save(null));
            Assert.ThrowsException(typeof(ArgumentException), () => store.Save(new SecretRecord()));
            Assert.ThrowsException(typeof(ArgumentException), () => new SecretRecord().SetDeviceSecret("pk", "dn", ""));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new SecretRecord().SetDeviceToken("pk", "dn", null, "u", "t"));
        }

        [TestMethod]
        public void ToString_NeverShowsSecrets()
        {
            SecretRecord secret = SecretRecordFormatTests.DeviceSecretRecord();
            Assert.AreEqual("SecretRecord(DeviceSecret, productKey=a1B2c3D4e5F, deviceName=device01, sequence=0)", secret.ToString());
            SecretRecord token = SecretRecordFormatTests.DeviceTokenRecord();
            string text = token.ToString();
            Assert.AreEqual("SecretRecord(DeviceToken, productKey=a1TestPK001, deviceName=dev-dyn-2, sequence=0)", text);
            Assert.DoesNotContains("TokenFromPlatform0002", text);
            Assert.DoesNotContains("example-clientid", text);
        }

        [TestMethod]
        public void Misuse_EmptyField_MessageDoesNotContainValue()
        {
            // The exception names the parameter only, never a value that could be a secret.
            try
            {
                new SecretRecord().SetDeviceToken("pk", "dn", "client", "user", "");
                Assert.IsTrue(false, "no exception");
            }
            catch (ArgumentException e)
            {
                Assert.DoesNotContains("client", e.Message);
                Assert.Contains("deviceToken", e.Message);
            }
        }
    }
}
