using System;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Ota;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Ota;
using LinkKit.Nano.Tests.Storage;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Ota
{
    /// <summary>
    /// A download allocates per connection (the host name), never per chunk: downloading 900,000 bytes allocates exactly
    /// as much as downloading 200,000 over one connection each (sizes of as many digits, so the fake server's head
    /// strings are as long), through a server, a sink and state slots that allocate nothing per byte. Also prints what
    /// a downloader and a job hold on the heap.
    /// </summary>
    public class OtaAllocationTests
    {
        /// <summary>Two state slots in fixed arrays: no allocation per save.</summary>
        private sealed class FixedSlots : ISecretSlots
        {
            private readonly byte[][] _slots = { new byte[1024], new byte[1024] };
            private readonly int[] _lengths = new int[2];

            public int Read(int slot, byte[] buffer, int offset, int count)
            {
                int n = Math.Min(_lengths[slot], count);
                Array.Copy(_slots[slot], 0, buffer, offset, n);
                return n;
            }

            public int Write(int slot, byte[] buffer, int offset, int count)
            {
                Array.Copy(buffer, offset, _slots[slot], 0, count);
                _lengths[slot] = count;
                return ErrorCode.Ok;
            }

            public int Erase(int slot)
            {
                _lengths[slot] = 0;
                return ErrorCode.Ok;
            }
        }

        private static long Download(int size, out int chunks)
        {
            byte[] file = new byte[size];
            new Random(size).NextBytes(file);
            byte[] digest = new byte[32];
            new Sha256().ComputeHash(file, 0, file.Length, digest, 0);
            string json = "{\"code\":\"1000\",\"message\":\"success\",\"data\":{\"size\":" + size + ",\"version\":\"2\",\"url\":\"https://h/f\"," +
                "\"signMethod\":\"SHA256\",\"sign\":\"" + Convert.ToHexString(digest) + "\"}}";
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(json);
            OtaJob job = new OtaJob();
            Assert.Equal(ErrorCode.Ok, new OtaJobReader(job.MaxFiles).Read(bytes, 0, bytes.Length, job));
            FirmwareServer server = new FirmwareServer(file) { Piece = OtaDownloader.ChunkBytes };
            FlashSink sink = new FlashSink(new Power());
            OtaDownloader downloader = new OtaDownloader(server, "CA", new FixedSlots(), new TestClock());
            int count = 0;
            downloader.Progress += (sender, index, received, total) => count++;
            for (int i = 0; i < 5; i++) Assert.Equal(ErrorCode.Ok, downloader.Download(job, 0, sink));   // warm-up: sizes the sink, tiers the JIT

            long before = GC.GetAllocatedBytesForCurrentThread();
            int rc = downloader.Download(job, 0, sink);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(ErrorCode.Ok, rc);
            Assert.True(sink.Completed);
            chunks = count / 6;
            return allocated;
        }

        [Fact]
        public void PerChunk_ZeroBytes_NineTimesTheFileAllocatesTheSame()
        {
            long small = Download(200000, out int smallChunks);
            long large = Download(900000, out int largeChunks);
            Console.WriteLine("allocations: OTA download of 200,000 bytes (" + smallChunks + " chunks): " + small + " bytes; 900,000 (" + largeChunks
                + " chunks): " + large + " bytes; per extra chunk: " + (double)(large - small) / (largeChunks - smallChunks) + " bytes");
            Assert.True(largeChunks > 4 * smallChunks);
            Assert.Equal(small, large);
        }

        [Fact]
        public void HeapHeld_ByADownloaderAndAJob()
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            OtaDownloader downloader = new OtaDownloader(new FirmwareServer(new byte[1]), "CA", new FixedSlots(), new TestClock());
            long downloaderBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            OtaJob job = new OtaJob();
            long jobBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine("heap: OtaDownloader " + downloaderBytes + " bytes (FixedSlots included), OtaJob " + jobBytes + " bytes (desktop .NET object sizes)");
            GC.KeepAlive(downloader);
            Assert.True(jobBytes >= OtaJob.DefaultTextCapacity);
            Assert.True(downloaderBytes >= OtaDownloader.ChunkBytes);
        }
    }
}
