using System;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Json;
using LinkKit.Nano.Ota;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Ota;
using LinkKit.Nano.Tests.Storage;
using LinkKit.Nano.Tests.ThingModels;
using LinkKit.Nano.Text;
using nanoFramework.TestFramework;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace LinkKit.Nano.Benchmarks.Interpreter
{
    /// <summary>
    /// What a vendor sizes a board by, measured on the nanoFramework interpreter: operations per second of the SDK's
    /// per-message paths, and the managed heap a set-up client holds. Each figure is printed as a "bench" line; nothing is
    /// asserted (timings never gate CI). The host is a PC, so absolute rates are higher than on an ESP32; the ratios and
    /// the heap figures hold.
    /// </summary>
    [TestClass]
    public class InterpreterBenchmarks : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;

        [TestMethod]
        public void PropertyPost_Reply_PropertySet()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            client.PropertySet += delegate (LinkKitClient s, long requestId, JsonReader p, ref int code) { };
            byte[] replyTopic = TestTsl.Bytes(Sys + "thing/event/property/post_reply");
            byte[] setTopic = TestTsl.Bytes(Sys + "thing/service/property/set");
            const int Rounds = 200;
            long postTicks = 0, replyTicks = 0, setTicks = 0;
            for (int i = 0; i < Rounds; i++)
            {
                long start = DateTime.UtcNow.Ticks;
                ThingWriter w = client.BeginPropertyPost();
                w.Write("temperature", 25.5);
                w.Write("LightSwitch", 1);
                long id;
                client.EndPropertyPost(out id);
                postTicks += DateTime.UtcNow.Ticks - start;
                transport.CompletePublish(transport.LastPublishId, true);   // acknowledged: the QoS 1 window never fills

                byte[] reply = TestTsl.Bytes("{\"code\":200,\"data\":{},\"id\":\"" + id.ToString()
                    + "\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}");
                start = DateTime.UtcNow.Ticks;
                transport.InjectMessage(replyTopic, replyTopic.Length, reply, reply.Length, 0);
                replyTicks += DateTime.UtcNow.Ticks - start;

                byte[] set = TestTsl.Bytes("{\"id\":\"" + (i + 1000).ToString() + "\",\"version\":\"1.0\",\"params\":{\"Mode\":1}}");
                start = DateTime.UtcNow.Ticks;
                transport.InjectMessage(setTopic, setTopic.Length, set, set.Length, 0);
                setTicks += DateTime.UtcNow.Ticks - start;
                transport.CompletePublish(transport.LastPublishId, true);   // the set reply's acknowledgement
            }
            client.Destruct();
            Report("property post built and sent", Rounds, postTicks);
            Report("post reply parsed and dispatched", Rounds, replyTicks);
            Report("property set handled and answered", Rounds, setTicks);
        }

        [TestMethod]
        public void ConnectPassword_HmacSha256()
        {
            byte[] key = TestTsl.Bytes(Harness.DeviceSecret);
            byte[] signed = TestTsl.Bytes("clientIda1X2bEnP82z.example1deviceNameexample1productKeya1X2bEnP82ztimestamp2524608000000");
            byte[] digest = new byte[32];
            byte[] hex = new byte[64];
            Hmac hmac = new Hmac(new Sha256());
            const int Rounds = 100;
            long start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Rounds; i++)
            {
                hmac.SetKey(key, 0, key.Length);
                int n = hmac.Compute(signed, 0, signed.Length, digest, 0);
                Hex.Encode(digest, 0, n, hex, 0, true);
            }
            Report("HMAC-SHA256 CONNECT password", Rounds, DateTime.UtcNow.Ticks - start);
        }

        // What resuming a download would cost if the digest were re-hashed from the partial file instead of restored
        // from the saved state (HashAlgorithm.ExportState): SHA-256 and MD5 over 64 KB, in 2 KB chunks as the downloader reads.
        [TestMethod]
        public void Digest_OverSixtyFourKilobytes()
        {
            const int Rounds = 4;
            byte[] chunk = new byte[2048];
            byte[] digest = new byte[32];
            HashAlgorithm[] hashes = new HashAlgorithm[] { new Sha256(), new Md5() };
            string[] names = new string[] { "SHA-256", "MD5" };
            for (int h = 0; h < hashes.Length; h++)
            {
                long start = DateTime.UtcNow.Ticks;
                for (int i = 0; i < Rounds; i++)
                {
                    for (int c = 0; c < 32; c++) hashes[h].Update(chunk, 0, chunk.Length);
                    hashes[h].Final(digest, 0);
                }
                Report(names[h] + " over 64 KB (re-hashing cost per 64 KB of a resumed download)", Rounds, DateTime.UtcNow.Ticks - start);
            }
        }

        [TestMethod]
        public void ThingModel_Load()
        {
            const int Rounds = 10;
            long start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Rounds; i++) TestTsl.Load();
            Report("TSL loaded (the test model, " + TestTsl.Bytes(TestTsl.Export).Length.ToString() + " bytes)", Rounds, DateTime.UtcNow.Ticks - start);
        }

        [TestMethod]
        public void Heap_HeldByAClientAfterThingSetup()
        {
            // Created first, so neither counts: the transport stands in for M2Mqtt's buffers, and the TSL bytes are the app's.
            RecordingTransport transport = ThingHarness.Transport();
            byte[] tsl = TestTsl.Bytes(TestTsl.Export);

            long free0 = FreeHeap();
            ThingModel model;
            string error;
            ThingModel.TryLoad(tsl, 0, tsl.Length, out model, out error);
            long free1 = FreeHeap();
            LinkKitClient client = new LinkKitClient(transport, "cn-shanghai", TestTsl.ProductKey, TestTsl.DeviceName, Harness.DeviceSecret, new LinkKitOptions());
            client.ThingSetup(model);
            long free2 = FreeHeap();

            OutputHelper.WriteLine("bench heap held by the loaded thing model (" + tsl.Length.ToString() + " bytes of TSL): " + (free0 - free1).ToString() + " bytes");
            OutputHelper.WriteLine("bench heap held by a client after ThingSetup (default options, model excluded): " + (free1 - free2).ToString() + " bytes");
            client.Destruct();
        }

        [TestMethod]
        public void Heap_HeldByTheOtaAgentAndTheBootSlots()
        {
            // The client, the slots' flash and the fake server are created first: they are not OTA's cost.
            LinkKitClient client = new LinkKitClient(ThingHarness.Transport(), "cn-shanghai", TestTsl.ProductKey, TestTsl.DeviceName, Harness.DeviceSecret, new LinkKitOptions());
            FlashModelSlots stateFlash = new FlashModelSlots(), bootFlash = new FlashModelSlots();
            FirmwareServer server = new FirmwareServer(new byte[1]);
            FlashSink sink = new FlashSink(new Power());
            TestClock clock = new TestClock();

            long free0 = FreeHeap();
            OtaAgent agent = new OtaAgent(client, new OtaDownloader(server, "CA", stateFlash, clock), sink);
            long free1 = FreeHeap();
            AppSlots slots = new AppSlots(bootFlash);
            slots.BeginBoot();
            long free2 = FreeHeap();

            OutputHelper.WriteLine("bench heap held by an OTA agent and its downloader: " + (free0 - free1).ToString() + " bytes");
            OutputHelper.WriteLine("bench heap held by the boot slots (AppSlots): " + (free1 - free2).ToString() + " bytes");
            agent.AutoDownload = slots.BootSlot == AppSlots.A;   // both still referenced here
            client.Destruct();
        }

        /// <summary>Free managed heap after a full collection. Not compacting: GC.Run(true) crashes the emulator build.</summary>
        private static long FreeHeap()
        {
            return NativeGC.Run(false);
        }

        private static void Report(string what, int rounds, long ticks)
        {
            long perSecond = ticks <= 0 ? 0 : rounds * TimeSpan.TicksPerSecond / ticks;
            OutputHelper.WriteLine("bench " + what + ": " + perSecond.ToString() + " ops/s (" + rounds.ToString() + " in "
                + (ticks / TimeSpan.TicksPerMillisecond).ToString() + " ms)");
        }
    }
}
