using System.Threading;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Ota;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Crypto;
using LinkKit.Nano.Tests.Storage;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Ota
{
    /// <summary>
    /// The OTA agent on a client over the recording transport: versions reported on connect, offers heard, downloads
    /// with progress in 10 % steps and the failure steps, the default policy.
    /// </summary>
    [TestClass]
    public class OtaAgentTests : ClientTestBase
    {
        private const string Pk = Harness.ProductKey;
        private const string Dn = Harness.DeviceName;
        private const string UpgradeTopic = "/ota/device/upgrade/" + Pk + "/" + Dn;
        private const string ProgressTopic = "/ota/device/progress/" + Pk + "/" + Dn;

        private sealed class Rig
        {
            public readonly RecordingTransport Transport = new RecordingTransport(256, 1024);
            public readonly TestClock Clock = new TestClock();
            public readonly LinkKitClient Client;
            public readonly byte[] File = new byte[25000];
            public readonly FirmwareServer Server;
            public readonly FlashSink Sink = new FlashSink(new Power());
            public readonly OtaAgent Agent;
            public readonly AutoResetEvent Completed = new AutoResetEvent(false);
            public int Result = 1;
            public int Offers;
            public string OfferedVersion;

            public Rig(bool autoDownload)
            {
                Transport.Log = new string[64];
                for (int i = 0; i < File.Length; i++) File[i] = (byte)(i * 7);
                Server = new FirmwareServer(File);
                Client = Harness.Client(Transport, Harness.Options(Clock));
                OtaDownloader downloader = new OtaDownloader(Server, "CA", new PoweredSlots(new Power()), Clock);
                downloader.CommitInterval = 4096;
                Agent = new OtaAgent(Client, downloader, Sink);
                Agent.AutoDownload = autoDownload;
                Agent.JobOffered += (sender, job) =>
                {
                    Offers++;
                    OfferedVersion = job.GetVersion();
                };
                Agent.DownloadCompleted += (sender, job, result) =>
                {
                    Result = result;
                    Completed.Set();
                };
            }

            public string Push(string version)
            {
                byte[] digest = new byte[16];
                new Md5().ComputeHash(File, 0, File.Length, digest, 0);
                return "{\"code\":\"1000\",\"data\":{\"size\":" + File.Length + ",\"sign\":\"" + TestBytes.ToHex(digest) + "\",\"version\":\"" + version +
                    "\",\"url\":\"https://ota.example.invalid/fw.bin\",\"signMethod\":\"Md5\",\"module\":\"default\"},\"id\":1,\"message\":\"success\"}";
            }

            public void Deliver(string topic, string payload)
            {
                byte[] t = Harness.Ascii(topic);
                byte[] p = Harness.Ascii(payload);
                Transport.InjectMessage(t, t.Length, p, p.Length, 1);
            }

            public string Published(int index)
            {
                return Transport.Log[index];
            }
        }

        [TestMethod]
        public void Connect_SubscribesTheOfferTopics_AndReportsEveryModulesVersion()
        {
            Rig rig = new Rig(false);
            Assert.AreEqual(ErrorCode.Ok, rig.Agent.SetVersion("default", "1.0.0"));
            Assert.AreEqual(ErrorCode.Ok, rig.Agent.SetVersion("mcu", "2.1"));
            Harness.Connect(rig.Client);
            Harness.WaitUntil(delegate { return rig.Transport.PublishCount == 2; }, "two version reports");

            Assert.AreEqual(UpgradeTopic, rig.Transport.GetSubscribedFilter(0));
            Assert.AreEqual(1, rig.Transport.GetSubscribedQos(0));
            Assert.AreEqual("/sys/" + Pk + "/" + Dn + "/thing/ota/firmware/get_reply", rig.Transport.GetSubscribedFilter(1));
            Assert.AreEqual("/ota/device/inform/" + Pk + "/" + Dn + " {\"id\":\"1\",\"params\":{\"version\":\"1.0.0\",\"module\":\"default\"}}", rig.Published(0));
            Assert.AreEqual("/ota/device/inform/" + Pk + "/" + Dn + " {\"id\":\"2\",\"params\":{\"version\":\"2.1\",\"module\":\"mcu\"}}", rig.Published(1));

            // A new version set while connected is reported at once.
            Assert.AreEqual(ErrorCode.Ok, rig.Agent.SetVersion("mcu", "2.2"));
            Assert.AreEqual("/ota/device/inform/" + Pk + "/" + Dn + " {\"id\":\"3\",\"params\":{\"version\":\"2.2\",\"module\":\"mcu\"}}", rig.Published(2));
            Assert.AreEqual("2.2", rig.Agent.GetVersion("mcu"));
        }

        [TestMethod]
        public void QueryFirmware_DefaultAndNamedModule_ExactPayloads()
        {
            Rig rig = new Rig(false);
            Harness.Connect(rig.Client);
            Assert.AreEqual(ErrorCode.Ok, rig.Agent.QueryFirmware(null));
            Assert.AreEqual("/sys/" + Pk + "/" + Dn + "/thing/ota/firmware/get {\"id\":\"1\",\"version\":\"1.0\",\"params\":{},\"method\":\"thing.ota.firmware.get\"}",
                rig.Published(0));
            Assert.AreEqual(ErrorCode.Ok, rig.Agent.QueryFirmware("mcu"));
            Assert.AreEqual("/sys/" + Pk + "/" + Dn + "/thing/ota/firmware/get {\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"module\":\"mcu\"},\"method\":\"thing.ota.firmware.get\"}",
                rig.Published(1));
        }

        [TestMethod]
        public void Offer_AppDownloads_ProgressInTenPercentSteps_ThenOneHundred()
        {
            Rig rig = new Rig(false);
            Harness.Connect(rig.Client);
            rig.Deliver(UpgradeTopic, rig.Push("2.0.0"));
            Assert.AreEqual(1, rig.Offers);
            Assert.AreEqual("2.0.0", rig.OfferedVersion);
            Assert.IsFalse(rig.Agent.IsBusy);                       // the application decides

            // The test's recorded offer job is the agent's lent one; download it as an application would.
            OtaJob job = new OtaJob();
            byte[] push = TestBytes.Ascii(rig.Push("2.0.0"));
            Assert.AreEqual(ErrorCode.Ok, new OtaJobReader(job.MaxFiles).Read(push, 0, push.Length, job));
            Assert.AreEqual(ErrorCode.Ok, rig.Agent.Download(job));
            Assert.AreEqual(ErrorCode.Ok, rig.Result);
            Assert.IsTrue(rig.Sink.Completed);

            string[] expected = new string[]
            {
                "{\"id\":\"1\",\"params\":{\"step\":\"0\",\"desc\":\"download started\",\"module\":\"default\"}}",
                "{\"id\":\"2\",\"params\":{\"step\":\"10\",\"desc\":\"downloading\",\"module\":\"default\"}}",
                "{\"id\":\"3\",\"params\":{\"step\":\"20\",\"desc\":\"downloading\",\"module\":\"default\"}}",
            };
            for (int i = 0; i < expected.Length; i++) Assert.AreEqual(ProgressTopic + " " + expected[i], rig.Published(i));
            int last = rig.Transport.PublishCount - 1;
            Assert.AreEqual(ProgressTopic + " {\"id\":\"" + (last + 1) + "\",\"params\":{\"step\":\"100\",\"desc\":\"downloaded and verified\",\"module\":\"default\"}}",
                rig.Published(last));
            Assert.AreEqual(11, rig.Transport.PublishCount);          // 0, 10 … 90, 100
        }

        [TestMethod]
        public void CorruptFile_ReportsMinusThree_ExpiredUrl_MinusTwoWithTheStatus()
        {
            Rig rig = new Rig(false);
            Harness.Connect(rig.Client);
            OtaJob job = new OtaJob();
            byte[] push = TestBytes.Ascii(rig.Push("2.0.0"));
            new OtaJobReader(job.MaxFiles).Read(push, 0, push.Length, job);

            rig.Server.CorruptAt = 100;
            Assert.AreEqual(ErrorCode.OtaDigestMismatch, rig.Agent.Download(job));
            Assert.AreEqual(ErrorCode.OtaDigestMismatch, rig.Result);
            Assert.IsFalse(rig.Sink.Completed);
            int last = rig.Transport.PublishCount - 1;
            Assert.AreEqual(ProgressTopic + " {\"id\":\"" + (last + 1) + "\",\"params\":{\"step\":\"-3\",\"desc\":\"OtaDigestMismatch\",\"module\":\"default\"}}",
                rig.Published(last));

            rig.Server.CorruptAt = -1;
            rig.Server.Status = 403;
            Assert.AreEqual(ErrorCode.OtaDownloadFailed, rig.Agent.Download(job));
            last = rig.Transport.PublishCount - 1;
            Assert.AreEqual(ProgressTopic + " {\"id\":\"" + (last + 1) + "\",\"params\":{\"step\":\"-2\",\"desc\":\"download failed (HTTP 403)\",\"module\":\"default\"}}",
                rig.Published(last));
        }

        [TestMethod]
        public void ExpiredUrl_AFreshOneIsAskedFor_TheFileResumes_NoFailureReported()
        {
            Rig rig = new Rig(false);
            Harness.Connect(rig.Client);
            OtaJob job = new OtaJob();
            byte[] push = TestBytes.Ascii(rig.Push("2.0.0"));
            new OtaJobReader(job.MaxFiles).Read(push, 0, push.Length, job);
            rig.Server.CutAfter = new int[] { 12000 };
            rig.Server.Status = 403;                                   // the retry after the cut meets an expired link
            rig.Server.StatusAfter = 1;
            rig.Server.StatusTimes = 1;

            int result = 1;
            Thread download = new Thread(() => { result = rig.Agent.Download(job); });
            download.Start();
            Harness.WaitUntil(delegate { return LogContains(rig, "/thing/ota/firmware/get "); }, "the fresh query");
            rig.Deliver("/sys/" + Pk + "/" + Dn + "/thing/ota/firmware/get_reply", Swap(rig.Push("2.0.0"), "\"code\":\"1000\"", "\"code\":200"));
            download.Join();

            Assert.AreEqual(ErrorCode.Ok, result);
            Assert.IsTrue(rig.Sink.Completed);
            Assert.AreEqual(3, rig.Server.RequestCount);               // cut, 403, resumed
            Assert.IsTrue(rig.Server.RangeStarts[2] >= 8192, "resumed at " + rig.Server.RangeStarts[2]);   // from a saved position
            Assert.AreEqual(0, rig.Offers);                            // the fresh links went to the download, not to the app
            Assert.AreEqual(1, rig.Agent.UrlRefreshes);
            Assert.IsFalse(LogContains(rig, "\"step\":\"-2\""));
        }

        private static bool LogContains(Rig rig, string text)
        {
            for (int i = 0; i < rig.Transport.PublishCount && i < rig.Transport.Log.Length; i++)
            {
                if (rig.Transport.Log[i] != null && rig.Transport.Log[i].IndexOf(text) >= 0) return true;
            }
            return false;
        }

        private static string Swap(string text, string from, string to)
        {
            int at = text.IndexOf(from);
            return text.Substring(0, at) + to + text.Substring(at + from.Length);
        }

        [TestMethod]
        public void DefaultPolicy_ANewVersionDownloadsAtOnce_TheRunningVersionDoesNot()
        {
            Rig rig = new Rig(true);
            rig.Agent.SetVersion("default", "1.0.0");
            Harness.Connect(rig.Client);
            Harness.WaitUntil(delegate { return rig.Transport.PublishCount == 1; }, "version report");

            rig.Deliver(UpgradeTopic, rig.Push("1.0.0"));
            Assert.AreEqual(1, rig.Offers);
            Assert.IsFalse(rig.Agent.IsBusy);

            rig.Deliver(UpgradeTopic, rig.Push("2.0.0"));
            Harness.WaitSignal(rig.Completed, "the automatic download");
            Assert.AreEqual(ErrorCode.Ok, rig.Result);
            Assert.IsTrue(rig.Sink.Completed);
            Assert.AreEqual(1, rig.Server.RequestCount);
        }

        [TestMethod]
        public void ConfigPush_AcknowledgedOffered_DownloadedWithoutOtaProgress()
        {
            Rig rig = new Rig(false);
            Harness.Connect(rig.Client);
            OtaJob offered = null;
            rig.Agent.ConfigOffered += (sender, job) =>
            {
                offered = new OtaJob();
                job.CopyTo(offered);
            };
            byte[] digest = new byte[32];
            new Sha256().ComputeHash(rig.File, 0, rig.File.Length, digest, 0);
            string push = "{\"id\":\"77\",\"version\":\"1.0\",\"params\":{\"configId\":\"cfg-1\",\"configSize\":" + rig.File.Length + ",\"sign\":\"" +
                TestBytes.ToHex(digest) + "\",\"signMethod\":\"Sha256\",\"url\":\"https://ota.example.invalid/config.json\",\"getType\":\"file\"},\"method\":\"thing.config.push\"}";
            rig.Deliver("/sys/" + Pk + "/" + Dn + "/thing/config/push", push);

            Assert.AreEqual("/sys/" + Pk + "/" + Dn + "/thing/config/push_reply {\"id\":\"77\",\"code\":200,\"data\":{}}", rig.Published(0));
            Assert.IsNotNull(offered);
            Assert.AreEqual("cfg-1", offered.GetVersion());
            FlashSink configSink = new FlashSink(new Power());
            Assert.AreEqual(ErrorCode.Ok, rig.Agent.DownloadConfig(offered, configSink));
            Assert.IsTrue(configSink.Completed);
            Assert.AreEqual(1, rig.Transport.PublishCount);          // the acknowledgement only: no OTA progress for a configuration

            Assert.AreEqual(ErrorCode.Ok, rig.Agent.QueryConfig());
            Assert.AreEqual("/sys/" + Pk + "/" + Dn + "/thing/config/get {\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"configScope\":\"product\",\"getType\":\"file\"},\"method\":\"thing.config.get\"}",
                rig.Published(1));
        }

        [TestMethod]
        public void MalformedOffer_CountedAndDropped_EmptyQueryAnswerIgnored()
        {
            Rig rig = new Rig(true);
            Harness.Connect(rig.Client);
            rig.Deliver(UpgradeTopic, "{\"code\":\"1000\",\"message\":\"success\",\"data\":{\"version\":\"2\"}}");
            rig.Deliver("/sys/" + Pk + "/" + Dn + "/thing/ota/firmware/get_reply", "{\"code\":200,\"data\":{},\"id\":\"1\",\"message\":\"success\"}");
            Assert.AreEqual(1, rig.Agent.DroppedOffers);
            Assert.AreEqual(0, rig.Offers);
            Assert.IsFalse(rig.Agent.IsBusy);
        }
    }
}
