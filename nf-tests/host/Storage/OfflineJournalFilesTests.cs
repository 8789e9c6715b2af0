using System;
using System.IO;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.ThingModels;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Storage
{
    /// <summary>The device's journal files (nf/device/OfflineJournalFiles.cs) on real files, and the durable queue over them.</summary>
    public sealed class OfflineJournalFilesTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "linkkit-journal-" + Guid.NewGuid().ToString("N")) + Path.DirectorySeparatorChar;

        public OfflineJournalFilesTests()
        {
            Directory.CreateDirectory(_folder);
        }

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
            Harness.ReleaseAll();
        }

        private OfflineJournalFiles Files()
        {
            return new OfflineJournalFiles(_folder + OfflineJournalFiles.FileName0, _folder + OfflineJournalFiles.FileName1);
        }

        [Fact]
        public void Append_CreatesAndExtends_Read_FromAnyPosition()
        {
            OfflineJournalFiles files = Files();
            byte[] buffer = new byte[16];
            Assert.Equal(0, files.Read(0, 0, buffer, 0, buffer.Length));                 // no file yet
            Assert.Equal(ErrorCode.Ok, files.Append(0, new byte[] { 1, 2, 3 }, 0, 3));
            Assert.Equal(ErrorCode.Ok, files.Append(0, new byte[] { 9, 4, 5, 9 }, 1, 2));
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, File.ReadAllBytes(files.PathOf(0)));
            Assert.Equal(3, files.Read(0, 2, buffer, 4, 10));                             // fewer: the file ends
            Assert.Equal(new byte[] { 3, 4, 5 }, buffer.AsSpan(4, 3).ToArray());
            Assert.Equal(2, files.Read(0, 1, buffer, 0, 2));
            Assert.Equal(new byte[] { 2, 3 }, buffer.AsSpan(0, 2).ToArray());
            Assert.Equal(0, files.Read(0, 5, buffer, 0, 4));                              // at the end
            Assert.Equal(0, files.Read(0, 50, buffer, 0, 4));                             // past it
            Assert.Equal(0, files.Read(1, 0, buffer, 0, 4));                              // the other file
        }

        [Fact]
        public void Truncate_RemovesTheFile_AndAMissingOneIsFine()
        {
            OfflineJournalFiles files = Files();
            Assert.Equal(ErrorCode.Ok, files.Truncate(1));
            Assert.Equal(ErrorCode.Ok, files.Append(1, new byte[8], 0, 8));
            Assert.Equal(ErrorCode.Ok, files.Truncate(1));
            Assert.False(File.Exists(files.PathOf(1)));
            Assert.Equal(ErrorCode.Ok, files.Append(1, new byte[] { 7 }, 0, 1));
            Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(files.PathOf(1)));
        }

        [Fact]
        public void FileSystemFailures_AreStorageFailed_NotThrown()
        {
            OfflineJournalFiles files = Files();
            Directory.CreateDirectory(files.PathOf(0));                                   // a folder where the file should be
            Assert.Equal(ErrorCode.StorageFailed, files.Append(0, new byte[4], 0, 4));
            Assert.Equal(ErrorCode.Ok, files.Truncate(0));                                // no file there to remove
            Assert.Equal(0, files.Read(0, 0, new byte[4], 0, 4));                        // File.Exists is false for a folder
        }

        [Fact]
        public void Misuse_Throws()
        {
            OfflineJournalFiles files = Files();
            Assert.Throws<ArgumentOutOfRangeException>(() => files.Read(2, 0, new byte[1], 0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => files.Read(0, -1, new byte[1], 0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => files.Append(0, new byte[1], 0, 2));
            Assert.Throws<ArgumentNullException>(() => files.Append(0, null, 0, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => files.Truncate(-1));
            Assert.Throws<ArgumentNullException>(() => new OfflineJournalFiles(null, "b"));
            Assert.Throws<ArgumentNullException>(() => new OfflineJournalFiles("a", null));
            Assert.Throws<ArgumentNullException>(() => OfflineJournalFiles.InFolder(null));
            Assert.Throws<ArgumentNullException>(() => new OfflineJournalStorage(null, new FileSecretSlots()));
            Assert.Throws<ArgumentNullException>(() => new OfflineJournalStorage(files, null));
        }

        [Fact]
        public void OnDevice_FourFilesOnTheConfigVolume()
        {
            OfflineJournalStorage storage = OfflineJournalFiles.OnDevice();
            OfflineJournalFiles files = Assert.IsType<OfflineJournalFiles>(storage.Files);
            FileSecretSlots marker = Assert.IsType<FileSecretSlots>(storage.Marker);
            Assert.Equal("I:\\linkkit_q0.bin", files.PathOf(0));
            Assert.Equal("I:\\linkkit_q1.bin", files.PathOf(1));
            Assert.Equal("I:\\linkkit_qa.bin", marker.PathOf(0));
            Assert.Equal("I:\\linkkit_qb.bin", marker.PathOf(1));
        }

        [Fact]
        public void DurableQueue_OnRealFiles_ARestartSendsTheKeptPostsByteForByte_ATornTailIsIgnored()
        {
            RecordingTransport first = ThingHarness.Transport();
            first.Log = new string[8];
            LinkKitClient before = Client(first, 4096);
            try
            {
                JournalHarness.Connect(before);
                before.BeginPropertyPost().Write("Brightness", 7);
                Assert.Equal(ErrorCode.Ok, before.EndPropertyPost(out long id));
                before.BeginEventPost("alarm").Write("level", 2);
                Assert.Equal(ErrorCode.Ok, before.EndEventPost(out id));
                before.BeginPropertyPost().Write("LightSwitch", 1);
                Assert.Equal(ErrorCode.Ok, before.EndPropertyPost(out id));
                Assert.Equal(3, first.PublishCount);
                first.CompletePublish(1, true);                                           // the first is done; the third never acknowledged
            }
            finally
            {
                before.Destruct();
            }

            string journal = _folder + OfflineJournalFiles.FileName0;
            long length = new FileInfo(journal).Length;
            Assert.Equal(25, new FileInfo(_folder + OfflineJournalFiles.MarkerFileNameA).Length);
            using (FileStream torn = new FileStream(journal, FileMode.Append))
            {
                torn.Write(File.ReadAllBytes(journal), 0, 30);                            // a record cut short by a power cut
            }

            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitClient after = Client(transport, 4096);
            try
            {
                // All three come back (the marker advances lazily): in order, byte for byte; the torn tail is not read.
                Assert.Equal(3, after.OfflineQueuedCount);
                JournalHarness.Connect(after);
                Assert.Equal(new[] { first.Log[0], first.Log[1], first.Log[2] }, new[] { transport.Log[0], transport.Log[1], transport.Log[2] });

                after.BeginPropertyPost().Write("Brightness", 8);
                Assert.Equal(ErrorCode.Ok, after.EndPropertyPost(out long id));
                Assert.Equal(4L, id);
                // The torn tail made the next post compact first: file 1 is current, file 0 is gone.
                Assert.False(File.Exists(journal));
                Assert.True(new FileInfo(_folder + OfflineJournalFiles.FileName1).Length > length);
            }
            finally
            {
                after.Destruct();
            }
        }

        [Fact]
        public void DurableQueue_OnRealFiles_Compaction_KeepsOneBoundedFile()
        {
            LinkKitClient client = Client(ThingHarness.Transport(), 1024);
            long largest = 0;
            try
            {
                for (int i = 0; i < 200; i++)
                {
                    client.BeginPropertyPost().Write("Brightness", i % 101);
                    Assert.Equal(ErrorCode.Ok, client.EndPropertyPost(out long id));
                    long size0 = File.Exists(_folder + OfflineJournalFiles.FileName0) ? new FileInfo(_folder + OfflineJournalFiles.FileName0).Length : 0;
                    long size1 = File.Exists(_folder + OfflineJournalFiles.FileName1) ? new FileInfo(_folder + OfflineJournalFiles.FileName1).Length : 0;
                    Assert.True(size0 == 0 || size1 == 0, "one file at a time");
                    largest = Math.Max(largest, size0 + size1);
                }

                Assert.Equal(7, client.OfflineQueuedCount);                               // 7 × (22 + 121) bytes fit in 1024
            }
            finally
            {
                client.Destruct();
            }

            Assert.Equal(1976, largest);                                                  // within twice the ring (2048)

            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitClient after = Client(transport, 1024);
            try
            {
                JournalHarness.Connect(after);
                Assert.Equal(7, transport.PublishCount);
                Assert.Contains("{\"id\":\"194\",", transport.Log[0]);
                Assert.Contains("{\"id\":\"200\",", transport.Log[6]);
            }
            finally
            {
                after.Destruct();
            }
        }

        private LinkKitClient Client(RecordingTransport transport, int queueBytes)
        {
            LinkKitOptions options = ThingHarness.Options(new TestClock());
            options.OfflineQueueBytes = queueBytes;
            options.OfflineJournal = OfflineJournalFiles.InFolder(_folder);
            return ThingHarness.Client(transport, options, TestTsl.Load());
        }
    }
}
