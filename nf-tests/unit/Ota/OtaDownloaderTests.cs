using LinkKit.Nano.Crypto;
using LinkKit.Nano.Ota;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Crypto;
using LinkKit.Nano.Tests.Storage;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Ota
{
    /// <summary>
    /// Downloading a firmware file against a scripted HTTPS server: Range resume after a cut connection, a reboot
    /// and a power cut at every durable write; digest mismatch, refusals, a server that ignores Range or changes the
    /// file; retries with back-off.
    /// </summary>
    [TestClass]
    public class OtaDownloaderTests
    {
        private const int FileSize = 10000;
        private const string Url = "https://ota.example.invalid/fw/2.0.0.bin?Expires=1700000000&Signature=abc%3D";

        private static byte[] Firmware()
        {
            byte[] file = new byte[FileSize];
            uint x = 2463534242;
            for (int i = 0; i < file.Length; i++)
            {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                file[i] = (byte)x;
            }
            return file;
        }

        internal static OtaJob Job(byte[] file, bool sha256, string url)
        {
            byte[] digest = new byte[32];
            HashAlgorithm hash = sha256 ? (HashAlgorithm)new Sha256() : new Md5();
            int n = hash.ComputeHash(file, 0, file.Length, digest, 0);
            string json = "{\"code\":\"1000\",\"message\":\"success\",\"id\":1,\"data\":{\"size\":" + file.Length + ",\"version\":\"2.0.0\"," +
                "\"url\":\"" + url + "\",\"signMethod\":\"" + (sha256 ? "SHA256" : "Md5") + "\",\"sign\":\"" + TestBytes.ToHex(digest, 0, n) + "\"}}";
            byte[] bytes = TestBytes.Ascii(json);
            OtaJob job = new OtaJob();
            Assert.AreEqual(ErrorCode.Ok, new OtaJobReader(job.MaxFiles).Read(bytes, 0, bytes.Length, job));
            return job;
        }

        private sealed class Rig
        {
            public readonly byte[] File = Firmware();
            public readonly FirmwareServer Server;
            public readonly Power Power = new Power();
            public readonly PoweredSlots Slots;
            public readonly FlashSink Sink;
            public readonly TestClock Clock = new TestClock();
            public OtaJob Job;

            public Rig(bool sha256)
            {
                Server = new FirmwareServer(File);
                Slots = new PoweredSlots(Power);
                Sink = new FlashSink(Power);
                Job = OtaDownloaderTests.Job(File, sha256, Url);
            }

            public OtaDownloader Downloader()
            {
                OtaDownloader downloader = new OtaDownloader(Server, "CA", Slots, Clock);
                downloader.CommitInterval = 2048;
                return downloader;
            }

            public void AssertInstalled()
            {
                Assert.IsTrue(Sink.Completed);
                byte[] content = Sink.Content();
                Assert.AreEqual(File.Length, content.Length);
                for (int i = 0; i < content.Length; i++)
                {
                    if (content[i] != File[i]) Assert.AreEqual(File[i], content[i], "byte " + i);
                }
                Assert.AreEqual(0, Slots.Flash.GetContent(0).Length + Slots.Flash.GetContent(1).Length, "position forgotten");
            }
        }

        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        public void OneConnection_WholeFile_ExactRequest_DigestChecked(bool sha256)
        {
            Rig rig = new Rig(sha256);
            OtaDownloader downloader = rig.Downloader();
            int progressCalls = 0;
            long lastReceived = 0;
            downloader.Progress += (sender, file, received, size) =>
            {
                progressCalls++;
                Assert.IsTrue(received > lastReceived);
                lastReceived = received;
                Assert.AreEqual((long)FileSize, size);
            };

            Assert.AreEqual(ErrorCode.Ok, downloader.Download(rig.Job, 0, rig.Sink));

            rig.AssertInstalled();
            Assert.AreEqual(1, rig.Server.RequestCount);
            Assert.AreEqual("GET /fw/2.0.0.bin?Expires=1700000000&Signature=abc%3D HTTP/1.1\r\nHost: ota.example.invalid\r\nRange: bytes=0-\r\n" +
                "User-Agent: LinkKit.Nano\r\nConnection: close\r\n\r\n", rig.Server.Requests[0]);
            Assert.AreEqual("ota.example.invalid", rig.Server.Host);
            Assert.AreEqual(443, rig.Server.Port);
            Assert.AreEqual((long)FileSize, lastReceived);
            Assert.IsTrue(progressCalls >= FileSize / OtaDownloader.ChunkBytes);
            Assert.AreEqual(206, downloader.LastHttpStatus);
            Assert.AreEqual(0, rig.Clock.WaitCount);
        }

        [TestMethod]
        public void ConnectionCutAtFortyPercent_ResumedWithRange_FromTheByteItStopped()
        {
            Rig rig = new Rig(false);
            rig.Server.CutAfter = new int[] { 4000 };
            OtaDownloader downloader = rig.Downloader();

            Assert.AreEqual(ErrorCode.Ok, downloader.Download(rig.Job, 0, rig.Sink));

            rig.AssertInstalled();
            Assert.AreEqual(2, rig.Server.RequestCount);
            Assert.AreEqual(0L, rig.Server.RangeStarts[0]);
            Assert.AreEqual(4000L, rig.Server.RangeStarts[1]);
            Assert.AreEqual(2, downloader.Attempts);
            Assert.AreEqual(1, rig.Clock.WaitCount);
            Assert.AreEqual(1000, rig.Clock.GetWait(0));
        }

        [TestMethod]
        public void Reboot_MidDownload_ANewDownloaderResumesFromTheLastDurableOffset()
        {
            Rig rig = new Rig(true);
            rig.Server.CutAfter = new int[] { 5000 };
            OtaDownloader first = rig.Downloader();
            first.MaxAttempts = 1;                                   // the device "dies" at the cut
            Assert.AreEqual(ErrorCode.OtaDownloadFailed, first.Download(rig.Job, 0, rig.Sink));
            rig.Sink.PowerCut();
            long durable = rig.Sink.Length;
            Assert.IsTrue(durable >= 2048 && durable <= 5000, "durable " + durable);

            // Reboot: new objects over the same flash; the job comes again with a freshly signed URL.
            OtaJob again = Job(rig.File, true, "https://ota.example.invalid/fw/2.0.0.bin?Expires=1800000000&Signature=new");
            Assert.AreEqual(ErrorCode.Ok, rig.Downloader().Download(again, 0, rig.Sink));

            rig.AssertInstalled();
            Assert.AreEqual(durable, rig.Server.RangeStarts[1]);
            Assert.AreEqual(durable, rig.Sink.LastResumeAt);
        }

        [TestMethod]
        public void PowerCut_AtEveryDurableWrite_TheNextBootCompletesTheSameFile()
        {
            // An uninterrupted run counts the durable writes (sink flushes and position saves).
            Rig clean = new Rig(false);
            Assert.AreEqual(ErrorCode.Ok, clean.Downloader().Download(clean.Job, 0, clean.Sink));
            int writes = clean.Power.DurableWrites;
            Assert.IsTrue(writes >= 8, "durable writes " + writes);

            for (int cut = 0; cut < writes; cut++)
            {
                for (int tear = 0; tear < 2; tear++)
                {
                    string where = "cut before durable write " + cut + (tear == 0 ? ", write lost" : ", write torn");
                    Rig rig = new Rig(false);
                    rig.Slots.TearAt = tear == 0 ? 0 : 30;
                    rig.Power.WritesLeft = cut;
                    int died = rig.Downloader().Download(rig.Job, 0, rig.Sink);
                    Assert.AreNotEqual(ErrorCode.Ok, died, where);

                    rig.Sink.PowerCut();
                    rig.Power.Restore();
                    long durable = rig.Sink.Length;
                    int requestsBefore = rig.Server.RequestCount;
                    Assert.AreEqual(ErrorCode.Ok, rig.Downloader().Download(rig.Job, 0, rig.Sink), where);
                    rig.AssertInstalled();
                    // Resumed from a recorded position the flash really held: never beyond it, and past 0 once a
                    // position was saved whole before the cut.
                    long resumedAt = rig.Server.RangeStarts[requestsBefore];
                    Assert.IsTrue(resumedAt <= durable, where + ": resumed at " + resumedAt + " with " + durable + " durable");
                    if (cut >= 3) Assert.IsTrue(resumedAt > 0, where + ": started again although a position was saved");
                }
            }
        }

        [TestMethod]
        public void CorruptedFile_DigestMismatch_DiscardedAndNothingCompleted()
        {
            Rig rig = new Rig(false);
            rig.Server.CorruptAt = 7777;
            Assert.AreEqual(ErrorCode.OtaDigestMismatch, rig.Downloader().Download(rig.Job, 0, rig.Sink));
            Assert.IsFalse(rig.Sink.Completed);
            Assert.AreEqual(1, rig.Sink.Discards);
            Assert.AreEqual(0L, rig.Sink.Length);
            Assert.AreEqual(0, rig.Slots.Flash.GetContent(0).Length + rig.Slots.Flash.GetContent(1).Length);
        }

        [TestMethod]
        public void ExpiredUrl_403_FailsAtOnce_PositionKeptForAFreshUrl()
        {
            Rig rig = new Rig(false);
            rig.Server.CutAfter = new int[] { 6000 };
            OtaDownloader downloader = rig.Downloader();
            downloader.MaxAttempts = 1;
            Assert.AreEqual(ErrorCode.OtaDownloadFailed, downloader.Download(rig.Job, 0, rig.Sink));
            long received = rig.Sink.Length;

            rig.Server.Status = 403;
            Assert.AreEqual(ErrorCode.OtaDownloadFailed, downloader.Download(rig.Job, 0, rig.Sink));
            Assert.AreEqual(403, downloader.LastHttpStatus);
            Assert.AreEqual(1, downloader.Attempts);                  // no retry: a new URL is needed

            rig.Server.Status = 0;
            Assert.AreEqual(ErrorCode.Ok, downloader.Download(rig.Job, 0, rig.Sink));
            rig.AssertInstalled();
            // From the last durable position: at least two commit intervals in, never beyond what was received.
            Assert.IsTrue(rig.Server.RangeStarts[2] >= 4096 && rig.Server.RangeStarts[2] <= received, "resumed at " + rig.Server.RangeStarts[2]);
        }

        [TestMethod]
        public void ServerIgnoresRange_200_TheFileStartsAgainCleanly()
        {
            Rig rig = new Rig(true);
            rig.Server.CutAfter = new int[] { 3000 };
            OtaDownloader downloader = rig.Downloader();
            rig.Server.IgnoreRange = true;
            Assert.AreEqual(ErrorCode.Ok, downloader.Download(rig.Job, 0, rig.Sink));
            rig.AssertInstalled();
            Assert.AreEqual(3000L, rig.Server.RangeStarts[1]);           // asked to resume, got the whole file
            Assert.AreEqual(200, downloader.LastHttpStatus);
        }

        [TestMethod]
        public void ETagChanges_BetweenConnections_TheFileStartsAgain()
        {
            Rig rig = new Rig(false);
            rig.Server.CutAfter = new int[] { 3000 };
            OtaDownloader downloader = rig.Downloader();
            downloader.Progress += (sender, file, received, size) =>
            {
                if (received >= 3000) rig.Server.ETag = "\"v2\"";
            };
            Assert.AreEqual(ErrorCode.Ok, downloader.Download(rig.Job, 0, rig.Sink));
            rig.AssertInstalled();
            Assert.AreEqual(3, rig.Server.RequestCount);
            Assert.AreEqual(3000L, rig.Server.RangeStarts[1]);            // answered with another ETag: restart
            Assert.AreEqual(0L, rig.Server.RangeStarts[2]);
        }

        [TestMethod]
        public void NoServer_RetriesWithDoublingBackoff_ThenGivesUp()
        {
            Rig rig = new Rig(false);
            rig.Server.RefuseConnects = 100;
            OtaDownloader downloader = rig.Downloader();
            downloader.MaxAttempts = 5;
            downloader.RetryMaxMilliseconds = 3000;
            Assert.AreEqual(ErrorCode.OtaDownloadFailed, downloader.Download(rig.Job, 0, rig.Sink));
            Assert.AreEqual(5, rig.Server.Connects);
            Assert.AreEqual(4, rig.Clock.WaitCount);
            Assert.AreEqual(1000, rig.Clock.GetWait(0));
            Assert.AreEqual(2000, rig.Clock.GetWait(1));
            Assert.AreEqual(3000, rig.Clock.GetWait(2));
            Assert.AreEqual(3000, rig.Clock.GetWait(3));
        }

        [TestMethod]
        public void SinkCannotWrite_WriteFailed()
        {
            Rig rig = new Rig(false);
            rig.Sink.FailWrites = true;
            Assert.AreEqual(ErrorCode.OtaWriteFailed, rig.Downloader().Download(rig.Job, 0, rig.Sink));
            Assert.AreEqual(1, rig.Server.RequestCount);
        }

        [TestMethod]
        public void UrlWithPortAndNoPath_RequestsRoot()
        {
            Rig rig = new Rig(false);
            rig.Job = Job(rig.File, false, "https://10.0.0.5:8443?token=x");
            Assert.AreEqual(ErrorCode.Ok, rig.Downloader().Download(rig.Job, 0, rig.Sink));
            Assert.AreEqual(8443, rig.Server.Port);
            Assert.AreEqual("10.0.0.5", rig.Server.Host);
            Assert.AreEqual(0, rig.Server.Requests[0].IndexOf("GET /?token=x HTTP/1.1\r\nHost: 10.0.0.5:8443\r\n"));
        }
    }
}
