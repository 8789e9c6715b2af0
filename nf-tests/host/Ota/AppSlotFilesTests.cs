using System;
using System.IO;
using LinkKit.Nano.Ota;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Ota;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Ota
{
    /// <summary>
    /// The device's app-slot file adapters (FileFirmwareSink, AppSlotFiles) on real files in a temporary folder: what
    /// a resumed open keeps, failures reported and never thrown, and the whole loader path from an interrupted
    /// download to the verified bytes handed to Assembly.Load.
    /// </summary>
    public sealed class AppSlotFilesTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "linkkit-app-" + Guid.NewGuid().ToString("N"));
        private readonly AppSlotFiles _files;
        private readonly FileSecretSlots _record;

        public AppSlotFilesTests()
        {
            Directory.CreateDirectory(_folder);
            _files = new AppSlotFiles(Path.Combine(_folder, "app_a.pe"), Path.Combine(_folder, "app_b.pe"));
            _record = new FileSecretSlots(Path.Combine(_folder, "appboot_a.bin"), Path.Combine(_folder, "appboot_b.bin"));
        }

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
        }

        private AppSlots Boot()
        {
            AppSlots slots = new AppSlots(_record);
            Assert.Equal(ErrorCode.Ok, slots.BeginBoot());
            return slots;
        }

        private static byte[] Bytes(int length, int seed)
        {
            byte[] bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        [Fact]
        public void Sink_WritesTheInstallSlotFile_FlushesAndCompletes()
        {
            AppSlots slots = Boot();
            FileFirmwareSink sink = new FileFirmwareSink(_files, slots);
            byte[] data = Bytes(5000, 1);
            Assert.Equal(0L, sink.Open(0, data.Length, 0));
            Assert.Equal(AppSlots.B, sink.Slot);
            Assert.Equal(ErrorCode.Ok, sink.Write(data, 0, 3000));
            Assert.Equal(ErrorCode.Ok, sink.Flush());
            Assert.Equal(ErrorCode.Ok, sink.Write(data, 3000, 2000));
            Assert.Equal(ErrorCode.Ok, sink.Complete());
            Assert.Equal(data, File.ReadAllBytes(_files.PathOf(AppSlots.B)));
            Assert.False(File.Exists(_files.PathOf(AppSlots.A)));
            Assert.Equal(ErrorCode.OtaWriteFailed, sink.Write(data, 0, 1));   // closed
        }

        [Fact]
        public void Open_KeepsTheFirstResumeAtBytes_OrStartsEmpty()
        {
            AppSlots slots = Boot();
            string path = _files.PathOf(AppSlots.B);
            byte[] old = Bytes(4000, 2);
            File.WriteAllBytes(path, old);

            FileFirmwareSink sink = new FileFirmwareSink(_files, slots);
            Assert.Equal(2500L, sink.Open(0, 9000, 2500));
            Assert.Equal(ErrorCode.Ok, sink.Write(new byte[] { 1, 2, 3 }, 0, 3));
            Assert.Equal(ErrorCode.Ok, sink.Complete());
            byte[] kept = File.ReadAllBytes(path);
            Assert.Equal(2503, kept.Length);
            Assert.Equal(old.AsSpan(0, 2500).ToArray(), kept.AsSpan(0, 2500).ToArray());

            Assert.Equal(0L, sink.Open(0, 9000, 6000));                       // holds fewer: from the start
            Assert.Equal(ErrorCode.Ok, sink.Complete());
            Assert.Empty(File.ReadAllBytes(path));
        }

        [Fact]
        public void Discard_DeletesTheFile()
        {
            FileFirmwareSink sink = new FileFirmwareSink(_files, Boot());
            Assert.Equal(0L, sink.Open(0, 10, 0));
            Assert.Equal(ErrorCode.Ok, sink.Write(new byte[10], 0, 10));
            sink.Discard();
            Assert.False(File.Exists(_files.PathOf(AppSlots.B)));
            sink.Discard();                                                    // twice: harmless
        }

        [Fact]
        public void Open_Refused_ForAFurtherFile_BeforeBoot_DuringATrial_AndOnAnUnwritablePath()
        {
            AppSlots unbooted = new AppSlots(_record);
            Assert.Equal((long)ErrorCode.OtaWriteFailed, new FileFirmwareSink(_files, unbooted).Open(0, 10, 0));

            AppSlots slots = Boot();
            FileFirmwareSink sink = new FileFirmwareSink(_files, slots);
            Assert.Equal((long)ErrorCode.OtaWriteFailed, sink.Open(1, 10, 0));
            Assert.Equal(ErrorCode.OtaWriteFailed, sink.Write(new byte[1], 0, 1));
            Assert.Equal(ErrorCode.OtaWriteFailed, sink.Flush());

            Assert.Equal(ErrorCode.Ok, slots.Install(AppSlots.B, "2.0.0", 1, OtaSignMethod.Md5, new byte[16]));
            AppSlots trial = Boot();
            Assert.True(trial.IsTrial);
            Assert.Equal((long)ErrorCode.OtaWriteFailed, new FileFirmwareSink(_files, trial).Open(0, 10, 0));

            AppSlotFiles nowhere = new AppSlotFiles(Path.Combine(_folder, "no", "such", "a.pe"), Path.Combine(_folder, "no", "such", "b.pe"));
            AppSlots fresh = new AppSlots(new FileSecretSlots(Path.Combine(_folder, "r_a.bin"), Path.Combine(_folder, "r_b.bin")));
            Assert.Equal(ErrorCode.Ok, fresh.BeginBoot());
            Assert.Equal((long)ErrorCode.OtaWriteFailed, new FileFirmwareSink(nowhere, fresh).Open(0, 10, 0));
        }

        [Fact]
        public void ReadVerified_FactoryImageAsDeployed_MissingFileNull()
        {
            AppSlots slots = Boot();
            string error;
            Assert.Null(_files.ReadVerified(slots, AppSlots.A, out error));
            Assert.Contains("missing", error);

            byte[] factory = Bytes(1234, 3);
            File.WriteAllBytes(_files.PathOf(AppSlots.A), factory);
            Assert.Equal(factory, _files.ReadVerified(slots, AppSlots.A, out error));
            Assert.Null(error);
        }

        [Fact]
        public void InterruptedDownload_ResumedAfterAReboot_Installed_BootedAndVerified_ThenACorruptFileIsRejected()
        {
            byte[] firmware = Bytes(20000, 4);
            FirmwareServer server = new FirmwareServer(firmware);
            server.CutAfter = new int[] { 9000 };
            FileSecretSlots otaState = new FileSecretSlots(Path.Combine(_folder, "ota_a.bin"), Path.Combine(_folder, "ota_b.bin"));
            OtaJob job = OtaDownloaderTests.Job(firmware, true, "https://ota.example.invalid/app.pe");

            // Boot 1: the connection drops and the device reboots before any retry.
            AppSlots slots = Boot();
            OtaDownloader first = new OtaDownloader(server, "CA", otaState, new TestClock());
            first.CommitInterval = 4096;
            first.MaxAttempts = 1;
            Assert.Equal(ErrorCode.OtaDownloadFailed, first.Download(job, 0, new FileFirmwareSink(_files, slots)));

            // Boot 2: resumed from the last durable offset into the same slot file, then installed.
            slots = Boot();
            FileFirmwareSink sink = new FileFirmwareSink(_files, slots);
            Assert.Equal(ErrorCode.Ok, new OtaDownloader(server, "CA", otaState, new TestClock()).Download(job, 0, sink));
            Assert.InRange(server.RangeStarts[1], 4096L, 9000L);
            Assert.Equal(ErrorCode.Ok, slots.Install(sink.Slot, job));

            // Boot 3: the loader reads, verifies and would load it.
            slots = Boot();
            Assert.Equal(AppSlots.B, slots.BootSlot);
            Assert.True(slots.IsTrial);
            string error;
            Assert.Equal(firmware, _files.ReadVerified(slots, slots.BootSlot, out error));

            // The file rots: never handed to Assembly.Load; the loader falls back.
            byte[] bad = (byte[])firmware.Clone();
            bad[12345] ^= 1;
            File.WriteAllBytes(_files.PathOf(AppSlots.B), bad);
            Assert.Null(_files.ReadVerified(slots, AppSlots.B, out error));
            Assert.Contains("not the image recorded", error);
            File.WriteAllBytes(_files.PathOf(AppSlots.B), new byte[100]);
            Assert.Null(_files.ReadVerified(slots, AppSlots.B, out error));
            Assert.Contains("100 bytes, 20000 recorded", error);
            Assert.Equal(ErrorCode.Ok, slots.Reject());
            Assert.Equal(AppSlots.A, slots.BootSlot);
            Assert.Equal("2.0.0", slots.RolledBackVersion);
        }
    }
}
