using System;
using System.IO;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Storage;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Storage
{
    /// <summary>The host file slots under the secret store, in a temporary folder.</summary>
    public sealed class FileSecretSlotsTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "linkkit-slots-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
        }

        [Fact]
        public void Store_RoundTripsThroughFiles_AndSurvivesANewInstance()
        {
            SecretStore store = new SecretStore(HostSlots.In(_folder));
            Assert.Equal(ErrorCode.NoRecord, store.Load(new SecretRecord()));
            Assert.Equal(ErrorCode.Ok, store.Save(SecretRecordFormatTests.DeviceSecretRecord()));
            Assert.Equal(ErrorCode.Ok, store.Save(SecretRecordFormatTests.DeviceTokenRecord()));

            SecretRecord loaded = new SecretRecord();
            Assert.Equal(ErrorCode.Ok, new SecretStore(HostSlots.In(_folder)).Load(loaded));
            Assert.Equal(SecretKind.DeviceToken, loaded.Kind);
            Assert.Equal("TokenFromPlatform0002", loaded.DeviceToken);
            Assert.Equal(2u, loaded.Sequence);
            Assert.True(File.Exists(Path.Combine(_folder, "linkkit_a.bin")));
            Assert.True(File.Exists(Path.Combine(_folder, "linkkit_b.bin")));
        }

        [Fact]
        public void SlotFile_HoldsExactlyTheRecordBytes()
        {
            // What the host writes is what the device reads: a file for nanoff --filedeployment.
            SecretStore store = new SecretStore(HostSlots.In(_folder));
            Assert.Equal(ErrorCode.Ok, store.Save(SecretRecordFormatTests.DeviceSecretRecord()));
            byte[] expected = new byte[SecretRecordFormat.MaxLength];
            int length = SecretRecordFormat.Encode(SecretRecordFormatTests.DeviceSecretRecord(), 1, expected, 0, expected.Length);
            Assert.Equal(expected.AsSpan(0, length).ToArray(), File.ReadAllBytes(Path.Combine(_folder, "linkkit_a.bin")));
        }

        [Fact]
        public void Write_Replaces_LongerOldContent()
        {
            FileSecretSlots slots = HostSlots.In(_folder);
            Assert.Equal(ErrorCode.Ok, slots.Write(0, new byte[100], 0, 100));
            Assert.Equal(ErrorCode.Ok, slots.Write(0, new byte[] { 1, 2, 3 }, 0, 3));
            byte[] buffer = new byte[10];
            Assert.Equal(3, slots.Read(0, buffer, 0, buffer.Length));
        }

        [Fact]
        public void Read_MissingFile_Zero_AndLongFileCappedAtCount()
        {
            FileSecretSlots slots = HostSlots.In(_folder);
            byte[] buffer = new byte[8];
            Assert.Equal(0, slots.Read(1, buffer, 0, buffer.Length));
            Assert.Equal(ErrorCode.Ok, slots.Write(1, new byte[20], 0, 20));
            Assert.Equal(8, slots.Read(1, buffer, 0, buffer.Length));
        }

        [Fact]
        public void Erase_RemovesFile_AndMissingIsFine()
        {
            FileSecretSlots slots = HostSlots.In(_folder);
            Assert.Equal(ErrorCode.Ok, slots.Erase(0));
            Assert.Equal(ErrorCode.Ok, slots.Write(0, new byte[5], 0, 5));
            Assert.Equal(ErrorCode.Ok, slots.Erase(0));
            Assert.False(File.Exists(slots.PathOf(0)));
        }

        [Fact]
        public void Read_SlotPathIsADirectory_StorageFailed()
        {
            FileSecretSlots slots = HostSlots.In(_folder);
            Directory.CreateDirectory(slots.PathOf(0));
            Assert.Equal(ErrorCode.StorageFailed, slots.Write(0, new byte[5], 0, 5));
            Assert.Equal(0, slots.Read(0, new byte[5], 0, 5));   // File.Exists is false for a directory
        }

        [Fact]
        public void Misuse_Throws()
        {
            FileSecretSlots slots = HostSlots.In(_folder);
            Assert.Throws<ArgumentOutOfRangeException>(() => slots.Read(2, new byte[1], 0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => slots.Write(0, new byte[1], 0, 2));
            Assert.Throws<ArgumentNullException>(() => new FileSecretSlots(null, "b"));
            Assert.Throws<ArgumentNullException>(() => new FileSecretSlots("a", null));
        }

        [Fact]
        public void DefaultSlots_AreOnTheDevicesConfigVolume()
        {
            FileSecretSlots slots = new FileSecretSlots();
            Assert.Equal("I:\\linkkit_a.bin", slots.PathOf(0));
            Assert.Equal("I:\\linkkit_b.bin", slots.PathOf(1));
        }
    }
}
