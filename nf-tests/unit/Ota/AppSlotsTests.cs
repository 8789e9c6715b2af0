using System;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Ota;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Crypto;
using LinkKit.Nano.Tests.Storage;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Ota
{
    /// <summary>
    /// Boot control of the loader pattern: the factory first boot, install → trial → confirm, rollback after N
    /// unconfirmed boots, an image that fails its digest at boot, the record's layout and consistency checks, a
    /// power cut at every durable write, sequence numbers wrapping, and a real download installed and booted.
    /// </summary>
    [TestClass]
    public class AppSlotsTests
    {
        private const string V2 = "2.0.0";
        private const string V3 = "3.0.0";

        private static byte[] Image(int length, int seed)
        {
            byte[] image = new byte[length];
            for (int i = 0; i < length; i++) image[i] = (byte)(i * 31 + seed + (i >> 8));
            return image;
        }

        private static byte[] Digest(byte[] image, int signMethod)
        {
            byte[] digest = new byte[32];
            HashAlgorithm hash = signMethod == OtaSignMethod.Sha256 ? (HashAlgorithm)new Sha256() : new Md5();
            hash.ComputeHash(image, 0, image.Length, digest, 0);
            return digest;
        }

        private static int Install(AppSlots slots, int slot, string version, byte[] image)
        {
            return slots.Install(slot, version, image.Length, OtaSignMethod.Sha256, Digest(image, OtaSignMethod.Sha256));
        }

        // A reboot: a new object over the same flash, then the loader's first call.
        private static AppSlots Boot(ISecretSlots flash)
        {
            AppSlots slots = new AppSlots(flash);
            Assert.AreEqual(ErrorCode.Ok, slots.BeginBoot());
            return slots;
        }

        // 2.0.0 installed in B and confirmed, then 3.0.0 installed in A over the factory image (pending, not yet booted).
        private static AppSlots UpdatedTwice(ISecretSlots flash, byte[] v2, byte[] v3)
        {
            AppSlots slots = Boot(flash);
            Assert.AreEqual(ErrorCode.Ok, Install(slots, AppSlots.B, V2, v2));
            slots = Boot(flash);
            Assert.AreEqual(ErrorCode.Ok, slots.ConfirmHealthy());
            Assert.AreEqual(ErrorCode.Ok, Install(slots, AppSlots.A, V3, v3));
            return slots;
        }

        [TestMethod]
        public void FirstBoot_NoRecord_FactoryImageInSlotA_NothingWritten()
        {
            FlashModelSlots flash = new FlashModelSlots();
            AppSlots slots = Boot(flash);

            Assert.AreEqual(AppSlots.A, slots.BootSlot);
            Assert.IsTrue(slots.IsFactory);
            Assert.IsFalse(slots.IsTrial);
            Assert.IsNull(slots.BootVersion);
            Assert.IsNull(slots.RolledBackVersion);
            Assert.AreEqual(AppSlots.B, slots.InstallSlot);
            Assert.AreEqual(AppSlots.None, slots.PendingSlot);
            Assert.IsTrue(slots.Verify(AppSlots.A, Image(100, 1), 0, 100));   // nothing recorded to check it against
            Assert.AreEqual(ErrorCode.Ok, slots.ConfirmHealthy());
            Assert.AreEqual(0, flash.Writes);
        }

        [TestMethod]
        public void Install_TrialBoot_Confirm_ThenTheNewImageIsActive()
        {
            FlashModelSlots flash = new FlashModelSlots();
            byte[] image = Image(3000, 7);
            AppSlots slots = Boot(flash);
            Assert.AreEqual(ErrorCode.Ok, Install(slots, AppSlots.B, V2, image));
            Assert.AreEqual(AppSlots.B, slots.PendingSlot);
            Assert.AreEqual(AppSlots.A, slots.BootSlot);                       // this boot goes on with the old app

            slots = Boot(flash);
            Assert.AreEqual(AppSlots.B, slots.BootSlot);
            Assert.IsTrue(slots.IsTrial);
            Assert.IsFalse(slots.IsFactory);
            Assert.AreEqual(1, slots.TrialBoots);
            Assert.AreEqual(V2, slots.BootVersion);
            Assert.AreEqual(AppSlots.None, slots.InstallSlot);                 // no download while on trial
            Assert.IsTrue(slots.Verify(AppSlots.B, image, 0, image.Length));
            Assert.AreEqual(ErrorCode.Ok, slots.ConfirmHealthy());
            Assert.IsFalse(slots.IsTrial);
            Assert.AreEqual(AppSlots.B, slots.ActiveSlot);
            Assert.AreEqual(AppSlots.A, slots.InstallSlot);

            int writes = flash.Writes;
            slots = Boot(flash);
            Assert.AreEqual(AppSlots.B, slots.BootSlot);
            Assert.IsFalse(slots.IsTrial);
            Assert.AreEqual(0, slots.TrialBoots);
            Assert.AreEqual(V2, slots.BootVersion);
            Assert.AreEqual(ErrorCode.Ok, slots.ConfirmHealthy());
            Assert.AreEqual(writes, flash.Writes, "a normal boot writes nothing");
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(3)]
        public void Install_NoConfirmationWithinMaxTrialBoots_RollsBackToThePreviousImage(int maxTrialBoots)
        {
            FlashModelSlots flash = new FlashModelSlots();
            byte[] image = Image(2000, 3);
            AppSlots slots = Boot(flash);
            Assert.AreEqual(ErrorCode.Ok, Install(slots, AppSlots.B, V2, image));

            for (int boot = 1; boot <= maxTrialBoots; boot++)
            {
                slots = new AppSlots(flash);
                slots.MaxTrialBoots = maxTrialBoots;
                Assert.AreEqual(ErrorCode.Ok, slots.BeginBoot());
                Assert.AreEqual(AppSlots.B, slots.BootSlot, "trial boot " + boot);
                Assert.AreEqual(boot, slots.TrialBoots);
                // ...the new app hangs or crashes before it reports healthy.
            }

            slots = new AppSlots(flash);
            slots.MaxTrialBoots = maxTrialBoots;
            Assert.AreEqual(ErrorCode.Ok, slots.BeginBoot());
            Assert.AreEqual(AppSlots.A, slots.BootSlot);
            Assert.IsFalse(slots.IsTrial);
            Assert.IsTrue(slots.IsFactory);
            Assert.AreEqual(V2, slots.RolledBackVersion);
            Assert.AreEqual(AppSlots.None, slots.PendingSlot);
            Assert.AreEqual(AppSlots.B, slots.InstallSlot);                    // the next download replaces it
            Assert.IsFalse(slots.Verify(AppSlots.B, image, 0, image.Length)); // never loaded again

            // Reported, then forgotten.
            Assert.AreEqual(ErrorCode.Ok, slots.ConfirmHealthy());
            Assert.IsNull(slots.RolledBackVersion);
            slots = Boot(flash);
            Assert.AreEqual(AppSlots.A, slots.BootSlot);
            Assert.IsNull(slots.RolledBackVersion);
        }

        [TestMethod]
        public void RollBack_AfterASecondUpdate_ReturnsToTheConfirmedVersion()
        {
            FlashModelSlots flash = new FlashModelSlots();
            byte[] v2 = Image(1500, 1), v3 = Image(1700, 2);
            UpdatedTwice(flash, v2, v3);

            for (int boot = 0; boot < AppSlots.DefaultMaxTrialBoots; boot++) Assert.AreEqual(AppSlots.A, Boot(flash).BootSlot);
            AppSlots slots = Boot(flash);
            Assert.AreEqual(AppSlots.B, slots.BootSlot);
            Assert.AreEqual(V2, slots.BootVersion);
            Assert.AreEqual(V3, slots.RolledBackVersion);
            Assert.IsTrue(slots.Verify(AppSlots.B, v2, 0, v2.Length));
            Assert.AreEqual(AppSlots.A, slots.InstallSlot);
        }

        [TestMethod]
        public void DigestMismatchAtBoot_TheImageIsRejected_AndTheLoaderFallsBack()
        {
            FlashModelSlots flash = new FlashModelSlots();
            byte[] image = Image(4000, 9);
            AppSlots slots = Boot(flash);
            Assert.AreEqual(ErrorCode.Ok, slots.Install(AppSlots.B, V2, image.Length, OtaSignMethod.Md5, Digest(image, OtaSignMethod.Md5)));

            slots = Boot(flash);
            Assert.AreEqual(AppSlots.B, slots.BootSlot);
            byte[] torn = Image(4000, 9);
            torn[3999] ^= 1;
            Assert.IsFalse(slots.Verify(AppSlots.B, torn, 0, torn.Length));
            Assert.IsFalse(slots.Verify(AppSlots.B, image, 0, image.Length - 1), "short");
            Assert.IsTrue(slots.Verify(AppSlots.B, image, 0, image.Length));
            Assert.AreEqual(ErrorCode.Ok, slots.Reject());
            Assert.AreEqual(AppSlots.A, slots.BootSlot);
            Assert.IsFalse(slots.IsTrial);
            Assert.AreEqual(V2, slots.RolledBackVersion);

            slots = Boot(flash);
            Assert.AreEqual(AppSlots.A, slots.BootSlot);
            Assert.IsFalse(slots.Verify(AppSlots.B, image, 0, image.Length), "a rejected slot never passes");
        }

        [TestMethod]
        public void BrokenActiveImage_FallsBackToThePreviousReadyImage_ThenToNone()
        {
            FlashModelSlots flash = new FlashModelSlots();
            UpdatedTwice(flash, Image(1000, 4), Image(1200, 5));
            AppSlots slots = Boot(flash);
            Assert.AreEqual(ErrorCode.Ok, slots.ConfirmHealthy());          // A (3.0.0) active, B (2.0.0) kept

            slots = Boot(flash);
            Assert.AreEqual(AppSlots.A, slots.BootSlot);
            Assert.AreEqual(ErrorCode.Ok, slots.Reject());                  // its file went bad
            Assert.AreEqual(AppSlots.B, slots.BootSlot);
            Assert.AreEqual(AppSlots.B, slots.ActiveSlot);
            Assert.AreEqual(V3, slots.RolledBackVersion);

            slots = Boot(flash);
            Assert.AreEqual(AppSlots.B, slots.BootSlot);
            Assert.AreEqual(ErrorCode.Ok, slots.Reject());                  // and this one too: nothing left
            Assert.AreEqual(AppSlots.None, slots.BootSlot);
            Assert.AreEqual(AppSlots.A, slots.InstallSlot);                  // an update can still arrive

            int writes = flash.Writes;
            slots = Boot(flash);
            Assert.AreEqual(AppSlots.None, slots.BootSlot);
            Assert.AreEqual(ErrorCode.Ok, slots.Reject());
            Assert.AreEqual(writes, flash.Writes, "nothing to reject, nothing written");
        }

        [TestMethod]
        public void BothImagesBad_AndNoWriteSucceeds_EachIsOfferedOnceThisBoot()
        {
            Power power = new Power();
            PoweredSlots flash = new PoweredSlots(power);
            UpdatedTwice(flash, Image(400, 1), Image(500, 2));
            AppSlots slots = Boot(flash);
            Assert.AreEqual(ErrorCode.Ok, slots.ConfirmHealthy());          // A active, B ready behind it

            power.Dead = true;                                               // the flash takes no more writes
            slots = Boot(flash);
            Assert.AreEqual(AppSlots.A, slots.BootSlot);
            Assert.AreEqual(ErrorCode.StorageFailed, slots.Reject());
            Assert.AreEqual(AppSlots.B, slots.BootSlot);
            Assert.AreEqual(ErrorCode.StorageFailed, slots.Reject());
            Assert.AreEqual(AppSlots.None, slots.BootSlot, "a rejected slot is not offered again");
        }

        [TestMethod]
        public void MissingFactoryImage_Rejected_TheLoaderRunsAloneUntilTheFirstUpdate()
        {
            FlashModelSlots flash = new FlashModelSlots();
            byte[] image = Image(800, 6);
            AppSlots slots = Boot(flash);
            Assert.AreEqual(ErrorCode.Ok, slots.Reject());
            Assert.AreEqual(AppSlots.None, slots.BootSlot);
            Assert.IsNull(slots.RolledBackVersion);                          // nothing was recorded to report
            Assert.AreEqual(AppSlots.B, slots.InstallSlot);

            Assert.AreEqual(ErrorCode.Ok, Install(slots, AppSlots.B, V2, image));
            slots = Boot(flash);
            Assert.AreEqual(AppSlots.B, slots.BootSlot);
            Assert.AreEqual(ErrorCode.Ok, slots.ConfirmHealthy());
            Assert.AreEqual(AppSlots.B, Boot(flash).BootSlot);
        }

        [TestMethod]
        public void Install_OnlyIntoTheInstallSlot()
        {
            FlashModelSlots flash = new FlashModelSlots();
            byte[] image = Image(500, 8);
            AppSlots before = new AppSlots(flash);
            Assert.ThrowsException(typeof(InvalidOperationException), () => Install(before, AppSlots.B, V2, image));   // before BeginBoot

            AppSlots slots = Boot(flash);
            Assert.ThrowsException(typeof(InvalidOperationException), () => Install(slots, AppSlots.A, V2, image));    // the active one
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => Install(slots, 2, V2, image));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => slots.Install(AppSlots.B, V2, 0, OtaSignMethod.Sha256, new byte[32]));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => slots.Install(AppSlots.B, V2, 10, OtaSignMethod.None, new byte[32]));
            Assert.AreEqual(ErrorCode.BufferTooSmall, Install(slots, AppSlots.B, new string('9', AppSlots.MaxVersionBytes + 1), image));
            Assert.AreEqual(0, flash.Writes);

            Assert.AreEqual(ErrorCode.Ok, Install(slots, AppSlots.B, V2, image));
            AppSlots trial = Boot(flash);
            Assert.ThrowsException(typeof(InvalidOperationException), () => Install(trial, AppSlots.A, V3, image));    // on trial
            Assert.ThrowsException(typeof(InvalidOperationException), () => Install(trial, AppSlots.B, V3, image));
        }

        [TestMethod]
        public void UnreadableRecord_NothingIsLoaded_AndNothingInstalled()
        {
            FlashModelSlots flash = new FlashModelSlots();
            flash.FailReadSlot = 1;
            AppSlots slots = new AppSlots(flash);
            Assert.AreEqual(ErrorCode.StorageFailed, slots.BeginBoot());
            Assert.AreEqual(AppSlots.None, slots.BootSlot);
            Assert.AreEqual(AppSlots.None, slots.InstallSlot);
            Assert.AreEqual(ErrorCode.StorageFailed, slots.ConfirmHealthy());
        }

        [TestMethod]
        public void TrialCountNotSaved_TheNewImageIsNotTried_ThisBoot()
        {
            FlashModelSlots flash = new FlashModelSlots();
            AppSlots slots = Boot(flash);
            Assert.AreEqual(ErrorCode.Ok, Install(slots, AppSlots.B, V2, Image(600, 1)));
            Assert.AreEqual(0, flash.LastWriteSlot);

            flash.FailWriteSlot = 1;                                        // where the trial count goes
            slots = new AppSlots(flash);
            Assert.AreEqual(ErrorCode.StorageFailed, slots.BeginBoot());
            Assert.AreEqual(AppSlots.A, slots.BootSlot);
            Assert.IsFalse(slots.IsTrial);
            Assert.AreEqual(AppSlots.B, slots.PendingSlot);                  // still pending for the next boot

            flash.FailWriteSlot = -1;
            slots = Boot(flash);
            Assert.AreEqual(AppSlots.B, slots.BootSlot);
            Assert.AreEqual(1, slots.TrialBoots);
        }

        [TestMethod]
        public void Record_Layout()
        {
            FlashModelSlots flash = new FlashModelSlots();
            byte[] image = Image(0x10203, 2);
            byte[] digest = Digest(image, OtaSignMethod.Sha256);
            Assert.AreEqual(ErrorCode.Ok, Install(Boot(flash), AppSlots.B, V2, image));

            byte[] r = flash.GetContent(0);
            int length = 12 + 4 + 39 + 39 + V2.Length + 4;
            Assert.AreEqual(length, r.Length);
            Assert.AreEqual("LKBC", TestBytes.AsciiString(r, 0, 4));
            Assert.AreEqual(1, (int)r[4]);                                  // format version
            Assert.AreEqual(1, (int)r[5]);                                  // kind
            Assert.AreEqual(length, r[6] | (r[7] << 8));
            Assert.AreEqual(1u, RecordFrame.ReadUInt32(r, 8));              // sequence
            Assert.AreEqual(0, (int)r[12]);                                 // active A
            Assert.AreEqual(1, (int)r[13]);                                 // pending B
            Assert.AreEqual(0, (int)r[14]);                                 // trial boots
            Assert.AreEqual(0xFF, (int)r[15]);                              // nothing to report
            Assert.AreEqual(0, (int)r[16]);                                 // A: nothing recorded
            Assert.AreEqual(0, (int)r[16 + 38]);                            // A: no version
            int b = 16 + 39;
            Assert.AreEqual(1, (int)r[b]);                                  // B: ready
            Assert.AreEqual(OtaSignMethod.Sha256, (int)r[b + 1]);
            Assert.AreEqual(0x10203u, RecordFrame.ReadUInt32(r, b + 2));
            Assert.AreEqual(TestBytes.ToHex(digest), TestBytes.ToHex(r, b + 6, 32));
            Assert.AreEqual(V2.Length, (int)r[b + 38]);
            Assert.AreEqual(V2, TestBytes.AsciiString(r, b + 39, V2.Length));
            Assert.AreEqual(Crc32.Compute(r, 0, length - 4), RecordFrame.ReadUInt32(r, length - 4));
        }

        [TestMethod]
        public void Record_WithAValidCrcButInconsistentFields_IsNotBelieved()
        {
            FlashModelSlots flash = new FlashModelSlots();
            Assert.AreEqual(ErrorCode.Ok, Install(Boot(flash), AppSlots.B, V2, Image(300, 1)));
            byte[] r = flash.GetContent(0);
            r[13] = 0;                                                      // pending = active
            Reseal(r, 1);
            flash.SetContent(0, r);

            AppSlots slots = Boot(flash);
            Assert.IsTrue(slots.IsFactory);                                  // as if nothing were recorded
            Assert.AreEqual(AppSlots.None, slots.PendingSlot);
        }

        [TestMethod]
        public void SequenceWrap_TheRecordAfter0xFFFFFFFF_IsTheNewest()
        {
            FlashModelSlots flash = new FlashModelSlots();
            AppSlots slots = Boot(flash);
            Assert.AreEqual(ErrorCode.Ok, Install(slots, AppSlots.B, V2, Image(700, 3)));    // slot 0
            Assert.AreEqual(AppSlots.B, Boot(flash).BootSlot);                                 // slot 1, trial 1
            byte[] older = flash.GetContent(0), newer = flash.GetContent(1);
            Reseal(older, 0xFFFFFFFE);
            Reseal(newer, 0xFFFFFFFF);
            flash.SetContent(0, older);
            flash.SetContent(1, newer);

            slots = Boot(flash);                                                              // writes sequence 0 to slot 0
            Assert.AreEqual(2, slots.TrialBoots);
            Assert.AreEqual(0u, RecordFrame.ReadUInt32(flash.GetContent(0), 8));
            slots = Boot(flash);                                                              // sequence 0 beat 0xFFFFFFFF
            Assert.AreEqual(3, slots.TrialBoots);
            Assert.AreEqual(ErrorCode.Ok, slots.ConfirmHealthy());
            slots = Boot(flash);
            Assert.AreEqual(AppSlots.B, slots.BootSlot);
            Assert.IsFalse(slots.IsTrial);
        }

        // The scenario the cut tests interrupt: a factory board updated to 2.0.0 (confirmed), then to 3.0.0, which
        // never confirms and is rolled back. Each step is one loader call; files[] is what the slot files hold.
        private static bool RunScenario(ISecretSlots flash, Power power, byte[][] files, byte[] v2, byte[] v3)
        {
            AppSlots slots = new AppSlots(flash);
            slots.BeginBoot();
            if (power.Dead) return false;
            files[AppSlots.B] = v2;                                         // the download, flushed before Install
            Install(slots, AppSlots.B, V2, v2);
            if (power.Dead) return false;
            slots = new AppSlots(flash);
            slots.BeginBoot();
            if (power.Dead) return false;
            slots.ConfirmHealthy();
            if (power.Dead) return false;
            files[AppSlots.A] = v3;
            Install(slots, AppSlots.A, V3, v3);
            if (power.Dead) return false;
            for (int boot = 0; boot <= AppSlots.DefaultMaxTrialBoots; boot++)
            {
                slots = new AppSlots(flash);
                slots.BeginBoot();
                if (power.Dead) return false;
            }
            slots.ConfirmHealthy();
            return !power.Dead;
        }

        [TestMethod]
        public void PowerCut_AtEveryDurableWrite_TheNextBootLoadsAGoodImage_AndStaysThere()
        {
            byte[] factory = Image(900, 11), v2 = Image(1100, 12), v3 = Image(1300, 13);
            Power clean = new Power();
            byte[][] cleanFiles = new byte[][] { factory, null };
            Assert.IsTrue(RunScenario(new PoweredSlots(clean), clean, cleanFiles, v2, v3));
            int writes = clean.DurableWrites;
            Assert.AreEqual(AppSlots.DefaultMaxTrialBoots + 6, writes);     // install, trial, confirm, install, 3 trials, rollback, report cleared

            for (int cut = 0; cut < writes; cut++)
            {
                for (int tear = 0; tear < 3; tear++)
                {
                    string where = "cut at durable write " + cut + (tear == 0 ? ", lost" : tear == 1 ? ", torn" : ", all but the last byte");
                    Power power = new Power();
                    PoweredSlots flash = new PoweredSlots(power);
                    flash.TearAt = tear == 0 ? 0 : tear == 1 ? 30 : 1000;
                    power.WritesLeft = cut;
                    byte[][] files = new byte[][] { factory, null };
                    Assert.IsFalse(RunScenario(flash, power, files, v2, v3), where);

                    power.Restore();
                    AppSlots slots = new AppSlots(flash);
                    Assert.AreEqual(ErrorCode.Ok, slots.BeginBoot(), where);
                    int slot = slots.BootSlot;
                    Assert.IsTrue(slot == AppSlots.A || slot == AppSlots.B, where + ": boot slot " + slot);
                    byte[] file = files[slot];
                    Assert.IsNotNull(file, where + ": nothing in slot " + slot);
                    Assert.IsTrue(slots.Verify(slot, file, 0, file.Length), where + ": slot " + slot + " does not verify");
                    Assert.IsTrue(slots.IsFactory ? file == factory : (file == v2 && V2.Equals(slots.BootVersion)) || (file == v3 && V3.Equals(slots.BootVersion)), where);

                    // The board settles: confirmed, then the same image without a trial.
                    Assert.AreEqual(ErrorCode.Ok, slots.ConfirmHealthy(), where);
                    AppSlots next = new AppSlots(flash);
                    Assert.AreEqual(ErrorCode.Ok, next.BeginBoot(), where);
                    Assert.AreEqual(slot, next.BootSlot, where);
                    Assert.IsFalse(next.IsTrial, where);
                }
            }
        }

        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        public void RealDownload_InstalledFromTheJob_BootsAndVerifies(bool sha256)
        {
            byte[] firmware = Image(10000, 21);
            Power power = new Power();
            FlashSink sink = new FlashSink(power);
            OtaJob job = OtaDownloaderTests.Job(firmware, sha256, "https://ota.example.invalid/app.pe");
            OtaDownloader downloader = new OtaDownloader(new FirmwareServer(firmware), "CA", new PoweredSlots(power), new TestClock());
            FlashModelSlots flash = new FlashModelSlots();

            AppSlots slots = Boot(flash);
            Assert.AreEqual(ErrorCode.Ok, downloader.Download(job, 0, sink));
            Assert.AreEqual(ErrorCode.Ok, slots.Install(slots.InstallSlot, job));

            slots = Boot(flash);
            Assert.AreEqual(AppSlots.B, slots.BootSlot);
            Assert.AreEqual(V2, slots.BootVersion);
            byte[] stored = sink.Content();
            Assert.IsTrue(slots.Verify(slots.BootSlot, stored, 0, stored.Length));
            stored[5000] ^= 0x80;
            Assert.IsFalse(slots.Verify(slots.BootSlot, stored, 0, stored.Length));
        }

        [TestMethod]
        public void Install_FromAJobOfSeveralFiles_Refused()
        {
            byte[] json = TestBytes.Ascii("{\"code\":\"1000\",\"message\":\"success\",\"id\":1,\"data\":{\"version\":\"2.0.0\",\"signMethod\":\"SHA256\","
                + "\"files\":[{\"fileName\":\"a\",\"fileSize\":10,\"fileUrl\":\"https://h/a\",\"fileSign\":\"" + new string('a', 64) + "\"},"
                + "{\"fileName\":\"b\",\"fileSize\":10,\"fileUrl\":\"https://h/b\",\"fileSign\":\"" + new string('b', 64) + "\"}]}}");
            OtaJob job = new OtaJob();
            Assert.AreEqual(ErrorCode.Ok, new OtaJobReader(job.MaxFiles).Read(json, 0, json.Length, job));
            Assert.AreEqual(2, job.FileCount);
            FlashModelSlots flash = new FlashModelSlots();
            AppSlots slots = Boot(flash);
            Assert.AreEqual(ErrorCode.OutOfRange, slots.Install(AppSlots.B, job));
            Assert.AreEqual(0, flash.Writes);
        }

        // Gives a record another sequence number, with a CRC to match.
        private static void Reseal(byte[] record, uint sequence)
        {
            int length = record[6] | (record[7] << 8);
            RecordFrame.WriteUInt32(sequence, record, 8);
            RecordFrame.WriteUInt32(Crc32.Compute(record, 0, length - 4), record, length - 4);
        }
    }
}
