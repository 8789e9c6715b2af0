using System;
using LinkKit.Nano.Storage;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Storage;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>
    /// The durable store-and-forward queue (LinkKitOptions.OfflineJournal) through the client: kept posts survive a
    /// restart and are sent in order with their original bytes; a power cut at any durable write loses no post whose
    /// End… returned Ok and brings back nothing else; torn tails, failing storage and compaction.
    /// </summary>
    [TestClass]
    public class DurableQueueTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;
        private const int FlashBytes = 16384;
        private static ThingModel s_model;

        [TestMethod]
        public void KeptPosts_SurviveARestart_SentInOrder_WithTheirOriginalBytes_NewIdsAboveTheirs()
        {
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            TestClock clock = new TestClock();
            RecordingTransport first = ThingHarness.Transport();
            LinkKitClient before = Client(first, clock, flash, 4096);
            long id;
            try
            {
                clock.ExtraMilliseconds = 123;
                before.BeginPropertyPost().Write("Brightness", 40);
                Assert.AreEqual(ErrorCode.Ok, before.EndPropertyPost(out id));
                Assert.AreEqual(1L, id);
                before.BeginEventPost("alarm").Write("level", 3);
                Assert.AreEqual(ErrorCode.Ok, before.EndEventPost(out id));
                byte[] raw = new byte[] { 0x01, 0x00, 0x7F };
                Assert.AreEqual(ErrorCode.Ok, before.PostRawData(raw, 0, raw.Length));
                before.BeginPropertyPost().Write("Brightness", 41);
                Assert.AreEqual(ErrorCode.Ok, before.EndPropertyPost(out id));
                Assert.AreEqual(3L, id);
                Assert.AreEqual(4, before.OfflineQueuedCount);
            }
            finally
            {
                before.Destruct();                                            // the power goes: nothing was sent
            }

            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitClient after = Client(transport, new TestClock(), flash, 4096);
            try
            {
                Assert.AreEqual(4, after.OfflineQueuedCount);                 // read back at ThingSetup
                JournalHarness.Connect(after);
                Assert.AreEqual(4, transport.PublishCount);
                Assert.AreEqual(Sys + "thing/event/property/post {\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"Brightness\":{\"value\":40,\"time\":1700000000123}},"
                    + "\"method\":\"thing.event.property.post\"}", transport.Log[0]);
                Assert.AreEqual(Sys + "thing/event/alarm/post {\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"value\":{\"level\":3},\"time\":1700000000123},"
                    + "\"method\":\"thing.event.alarm.post\"}", transport.Log[1]);
                Assert.AreEqual(Sys + "thing/model/up_raw \u0001\u0000\u007F", transport.Log[2]);
                Assert.AreEqual(Sys + "thing/event/property/post {\"id\":\"3\",\"version\":\"1.0\",\"params\":{\"Brightness\":{\"value\":41,\"time\":1700000000123}},"
                    + "\"method\":\"thing.event.property.post\"}", transport.Log[3]);

                after.BeginPropertyPost().Write("Brightness", 42);
                Assert.AreEqual(ErrorCode.Ok, after.EndPropertyPost(out id));
                Assert.AreEqual(4L, id);                                      // above the ids read back
                Assert.AreEqual(5, transport.PublishCount);
            }
            finally
            {
                after.Destruct();
            }
        }

        [TestMethod]
        public void AnUnacknowledgedPost_IsSentAgainAfterARestart_ByteForByte()
        {
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            RecordingTransport first = ThingHarness.Transport();
            LinkKitClient before = Client(first, new TestClock(), flash, 4096);
            string sent;
            try
            {
                JournalHarness.Connect(before);
                before.BeginPropertyPost().Write("LightSwitch", 1);
                long id;
                Assert.AreEqual(ErrorCode.Ok, before.EndPropertyPost(out id));
                Assert.AreEqual(1, first.PublishCount);
                sent = first.LastPublishTopic + " " + first.LastPublishPayload;
            }
            finally
            {
                before.Destruct();                                            // no PUBACK came
            }

            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient after = Client(transport, new TestClock(), flash, 4096);
            try
            {
                JournalHarness.Connect(after);
                Assert.AreEqual(1, transport.PublishCount);
                Assert.AreEqual(sent, transport.LastPublishTopic + " " + transport.LastPublishPayload);
                transport.CompletePublish(transport.LastPublishId, true);
                Assert.AreEqual(0, after.OfflineQueuedCount);
            }
            finally
            {
                after.Destruct();
            }
        }

        [TestMethod]
        public void DonePosts_ARestartSendsAgainOnlyThoseSinceTheMarkerLastAdvanced()
        {
            // 20 posts, each acknowledged: the marker advances when the 17th is kept (16 done behind it), so a restart
            // sends posts 17 to 20 again (done, but the marker did not say so yet), and nothing older.
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            RecordingTransport first = ThingHarness.Transport();
            LinkKitClient before = Client(first, new TestClock(), flash, 4096);
            int markerWrites;
            try
            {
                JournalHarness.Connect(before);
                markerWrites = flash.Marker.Writes;
                for (int i = 1; i <= 20; i++)
                {
                    before.BeginPropertyPost().Write("Brightness", i);
                    long id;
                    Assert.AreEqual(ErrorCode.Ok, before.EndPropertyPost(out id));
                    first.CompletePublish(first.LastPublishId, true);
                }

                Assert.AreEqual(0, before.OfflineQueuedCount);
                Assert.AreEqual(1, flash.Marker.Writes - markerWrites);
                Assert.AreEqual(20, flash.Appends);
            }
            finally
            {
                before.Destruct();
            }

            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitClient after = Client(transport, new TestClock(), flash, 4096);
            try
            {
                Assert.AreEqual(4, after.OfflineQueuedCount);
                JournalHarness.Connect(after);
                Assert.AreEqual(4, transport.PublishCount);
                Assert.IsTrue(transport.Log[0].IndexOf("{\"id\":\"17\",") > 0, transport.Log[0]);
                Assert.IsTrue(transport.Log[3].IndexOf("{\"id\":\"20\",") > 0, transport.Log[3]);
            }
            finally
            {
                after.Destruct();
            }
        }

        [TestMethod]
        public void ATornTail_IsIgnored_AndCompactedAwayBeforeTheNextAppend()
        {
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            Post3Offline(flash);
            int length = flash.Length(0);
            byte[] header = flash.Content(0);
            flash.AppendRaw(0, header, 40);                               // the first 40 bytes of a record: torn
            flash.AppendRaw(0, new byte[] { 0x00, 0xFF }, 2);

            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitClient client = Client(transport, new TestClock(), flash, 4096);
            try
            {
                Assert.AreEqual(3, client.OfflineQueuedCount);
                client.BeginPropertyPost().Write("Brightness", 4);
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual(4L, id);
                Assert.AreEqual(0, flash.Length(0));                        // compacted into file 1 first
                Assert.IsTrue(flash.Length(1) > length);
            }
            finally
            {
                client.Destruct();
            }

            AssertRestartSends(flash, 1, 4);
        }

        [TestMethod]
        public void ABadCrc_EndsTheFile_NothingAfterItIsRead()
        {
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            Post3Offline(flash);
            flash.Corrupt(0, flash.Length(0) - 10);                         // a payload byte of the third record
            AssertRestartSends(flash, 1, 2);

            flash = new JournalFlash(new Power(), FlashBytes);
            Post3Offline(flash);
            flash.Corrupt(0, 8);                                            // the first record's sequence number
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = Client(transport, new TestClock(), flash, 4096);
            try
            {
                Assert.AreEqual(0, client.OfflineQueuedCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void ARecordOutOfSequenceOrder_EndsTheFile()
        {
            // A whole record of this generation with a good CRC, but numbered before the one it follows (a copy of the
            // first): not written by this journal there, so the file ends before it.
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            Post3Offline(flash);
            byte[] content = flash.Content(0);
            flash.AppendRaw(0, content, content.Length / 3);
            AssertRestartSends(flash, 1, 3);
        }

        [TestMethod]
        public void AFailedAppend_RefusesThePost_StorageFailed_TheNextOneIsKept()
        {
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitClient client = Client(transport, new TestClock(), flash, 4096);
            long id;
            try
            {
                client.BeginPropertyPost().Write("Brightness", 1);
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                flash.FailAppends = true;
                client.BeginPropertyPost().Write("Brightness", 2);
                Assert.AreEqual(ErrorCode.StorageFailed, client.EndPropertyPost(out id));
                Assert.AreEqual(0L, id);
                byte[] raw = new byte[] { 0x02 };
                Assert.AreEqual(ErrorCode.StorageFailed, client.PostRawData(raw, 0, raw.Length));
                Assert.AreEqual(1, client.OfflineQueuedCount);
                flash.FailAppends = false;
                client.BeginPropertyPost().Write("Brightness", 3);
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual(3L, id);
                Assert.AreEqual(0, flash.Length(0));                        // after a failed append: compacted first
                JournalHarness.Connect(client);
                Assert.AreEqual(2, transport.PublishCount);
                Assert.IsTrue(transport.Log[0].IndexOf("\"value\":1,") > 0, transport.Log[0]);
                Assert.IsTrue(transport.Log[1].IndexOf("\"value\":3,") > 0, transport.Log[1]);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void AnUnreadableMarker_RefusesPosts_UntilItCanBeRead_ThenTheOldPostsGoFirst()
        {
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            Post3Offline(flash);                                            // ids 1 to 3
            flash.Marker.FailReads = true;
            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitClient client = Client(transport, new TestClock(), flash, 4096);
            long id;
            try
            {
                Assert.AreEqual(0, client.OfflineQueuedCount);
                client.BeginPropertyPost().Write("Brightness", 50);          // id 1
                Assert.AreEqual(ErrorCode.StorageFailed, client.EndPropertyPost(out id));
                flash.Marker.FailReads = false;
                client.BeginPropertyPost().Write("Brightness", 51);          // id 2: read back now, but ids up to 3 are taken
                Assert.AreEqual(ErrorCode.StorageFailed, client.EndPropertyPost(out id));
                Assert.AreEqual(3, client.OfflineQueuedCount);
                client.BeginPropertyPost().Write("Brightness", 52);
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual(4L, id);
                JournalHarness.Connect(client);
                Assert.AreEqual(4, transport.PublishCount);
                Assert.IsTrue(transport.Log[0].IndexOf("{\"id\":\"1\",") > 0, transport.Log[0]);
                Assert.IsTrue(transport.Log[3].IndexOf("{\"id\":\"4\",") > 0, transport.Log[3]);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Compaction_KeepsTheFileBounded_ARestartSendsWhatTheRingHeld()
        {
            // 300 posts offline through a 600-byte ring (4 posts) that drops the oldest: the file is compacted into the
            // other one whenever the next post would take it past 1200 bytes; a restart sends exactly the 4 newest posts.
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            LinkKitClient client = Client(ThingHarness.Transport(), new TestClock(), flash, 600);
            long id = 0;
            int largest = 0;
            try
            {
                for (int i = 1; i <= 300; i++)
                {
                    client.BeginPropertyPost().Write("Brightness", i % 101);
                    Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                    int length = flash.Length(0) > flash.Length(1) ? flash.Length(0) : flash.Length(1);
                    if (length > largest) largest = length;
                    Assert.IsTrue(flash.Length(0) == 0 || flash.Length(1) == 0, "one file at a time");
                }

                Assert.AreEqual(4, client.OfflineQueuedCount);
                Assert.AreEqual(296, client.OfflineDroppedCount);
            }
            finally
            {
                client.Destruct();
            }

            Assert.AreEqual(1200, largest);                                  // the bound, reached: 8 records
            Assert.AreEqual(1 + 73, flash.Marker.Writes);                   // the first marker, then 73 compactions (every 4 posts)
            Assert.AreEqual(2 + 2 * 73, flash.Truncates);
            Assert.AreEqual(300 + 73, flash.Appends);                       // each post, and each compaction's 4 records in one batch
            AssertRestartSends(flash, 297, 300);
        }

        [TestMethod]
        public void AnEventThatMoved_GoesToItsTopic_OneTheModelNoLongerHas_IsSkipped()
        {
            // The journal keeps an event's identifier, not its index: under a TSL whose events moved, "alarm" still goes
            // to …/alarm/post; under one without it, the post is skipped (counted as dropped).
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            LinkKitClient before = Client(ThingHarness.Transport(), new TestClock(), flash, 4096);
            long id;
            try
            {
                before.BeginEventPost("alarm").Write("level", 2);
                Assert.AreEqual(ErrorCode.Ok, before.EndEventPost(out id));
            }
            finally
            {
                before.Destruct();
            }

            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient moved = ThingHarness.Client(transport, Options(new TestClock(), flash, 4096), Model(Fault + "," + Alarm));
            try
            {
                Assert.AreEqual(1, moved.OfflineQueuedCount);
                JournalHarness.Connect(moved);
                Assert.AreEqual(1, transport.PublishCount);
                Assert.AreEqual(Sys + "thing/event/alarm/post", transport.LastPublishTopic);
                Assert.IsTrue(transport.LastPublishPayload.IndexOf("{\"id\":\"1\",") == 0, transport.LastPublishPayload);
            }
            finally
            {
                moved.Destruct();
            }

            LinkKitClient gone = ThingHarness.Client(ThingHarness.Transport(), Options(new TestClock(), flash, 4096), Model(Fault));
            try
            {
                Assert.AreEqual(0, gone.OfflineQueuedCount);
                Assert.AreEqual(1, gone.OfflineDroppedCount);
            }
            finally
            {
                gone.Destruct();
            }
        }

        private const string Fault = "{\"identifier\":\"fault\",\"name\":\"f\",\"type\":\"alert\",\"method\":\"thing.event.fault.post\",\"outputData\":[]}";
        private const string Alarm = "{\"identifier\":\"alarm\",\"name\":\"a\",\"type\":\"alert\",\"method\":\"thing.event.alarm.post\",\"outputData\":"
            + "[{\"identifier\":\"level\",\"name\":\"l\",\"dataType\":{\"type\":\"int\",\"specs\":{\"min\":\"1\",\"max\":\"5\"}}}]}";

        private static ThingModel Model(string events)
        {
            byte[] bytes = TestTsl.Bytes("{\"profile\":{\"productKey\":\"a1TestPK001\"},\"properties\":[],\"services\":[],\"events\":[" + events + "]}");
            ThingModel model;
            string error;
            Assert.AreEqual(ErrorCode.Ok, ThingModel.TryLoad(bytes, 0, bytes.Length, out model, out error), error);
            return model;
        }

        [TestMethod]
        public void MoreRecordsThanTheRingHolds_TheNewestAreReadBack_EvenUnderRefuseNewest()
        {
            // Posts 1-3 acknowledged (done, but the marker has not advanced), 4-7 sent and not acknowledged: the 600-byte
            // ring holds 4. A restart reads back 4-7 (the newest that fit), not 1-4.
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            RecordingTransport first = ThingHarness.Transport();
            LinkKitClient before = Client(first, new TestClock(), flash, 600, OfflineOverflow.RefuseNewest);
            try
            {
                JournalHarness.Connect(before);
                for (int i = 1; i <= 7; i++)
                {
                    before.BeginPropertyPost().Write("Brightness", i);
                    long id;
                    Assert.AreEqual(ErrorCode.Ok, before.EndPropertyPost(out id));
                    if (i <= 3) first.CompletePublish(first.LastPublishId, true);
                }

                Assert.AreEqual(4, before.OfflineQueuedCount);
            }
            finally
            {
                before.Destruct();
            }

            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitClient after = Client(transport, new TestClock(), flash, 600, OfflineOverflow.RefuseNewest);
            try
            {
                Assert.AreEqual(4, after.OfflineQueuedCount);
                Assert.AreEqual(3, after.OfflineDroppedCount);              // the done ones that did not fit
                JournalHarness.Connect(after);
                Assert.AreEqual(4, transport.PublishCount);
                Assert.IsTrue(transport.Log[0].IndexOf("{\"id\":\"4\",") > 0, transport.Log[0]);
                Assert.IsTrue(transport.Log[3].IndexOf("{\"id\":\"7\",") > 0, transport.Log[3]);
            }
            finally
            {
                after.Destruct();
            }
        }

        [TestMethod]
        public void TruncationsThatTakeNoEffect_OlderGenerationsAreSteppedOver_TheRestartIsTheSame()
        {
            // Two runs over a file system whose truncations do nothing, so every compaction appends behind the records of
            // older generations: a restart sends exactly what it sends over honest truncations. Connected, 60 posts
            // each acknowledged one post later; offline, 7 property posts then 150 one-byte raw posts through a
            // 1024-byte ring, so that a property post is still kept when the file it was first written to is reused.
            string honest = PostsThenRestart(false, false);
            Assert.AreEqual(honest, PostsThenRestart(true, false));
            honest = PostsThenRestart(false, true);
            Assert.AreEqual(honest, PostsThenRestart(true, true));
        }

        private static string PostsThenRestart(bool truncatesLie, bool offline)
        {
            JournalFlash flash = new JournalFlash(new Power(), FlashBytes);
            flash.TruncatesLie = truncatesLie;
            RecordingTransport first = ThingHarness.Transport();
            LinkKitClient before = Client(first, new TestClock(), flash, offline ? 1024 : 600);
            int previousPublish = 0;
            byte[] raw = new byte[] { (byte)'r' };
            try
            {
                if (!offline) JournalHarness.Connect(before);
                for (int i = 1; i <= (offline ? 157 : 60); i++)
                {
                    long id;
                    if (offline && i > 7)
                    {
                        Assert.AreEqual(ErrorCode.Ok, before.PostRawData(raw, 0, raw.Length));
                        continue;
                    }

                    before.BeginPropertyPost().Write("Brightness", i);
                    Assert.AreEqual(ErrorCode.Ok, before.EndPropertyPost(out id));
                    if (offline) continue;
                    if (previousPublish > 0) first.CompletePublish(previousPublish, true);
                    previousPublish = first.LastPublishId;
                }

                Assert.AreEqual(offline ? 2 + 2 * 4 : 2 + 2 * 10, flash.Truncates);
                Assert.IsTrue(truncatesLie ? flash.Length(0) > 0 && flash.Length(1) > 0 : flash.Length(0) == 0 || flash.Length(1) == 0);
            }
            finally
            {
                before.Destruct();
            }

            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[64];
            LinkKitClient after = Client(transport, new TestClock(), flash, offline ? 1024 : 600);
            try
            {
                JournalHarness.Connect(after);
                Assert.IsTrue(transport.PublishCount > 0);
                string sent = transport.PublishCount.ToString() + " sent\n";
                for (int j = 0; j < transport.PublishCount; j++) sent += transport.Log[j] + "\n";
                return sent;
            }
            finally
            {
                after.Destruct();
            }
        }

        [TestMethod]
        public void OfflineJournal_WithoutOfflineQueueBytes_IsRefused()
        {
            LinkKitOptions options = ThingHarness.Options(new TestClock());
            options.OfflineJournal = new JournalFlash(new Power(), 64).Storage();
            bool thrown = false;
            try
            {
                new LinkKitClient(ThingHarness.Transport(), "cn-shanghai", TestTsl.ProductKey, TestTsl.DeviceName, Harness.DeviceSecret, options);
            }
            catch (ArgumentException)
            {
                thrown = true;
            }

            Assert.IsTrue(thrown);
        }

        [TestMethod]
        public void RawDataLargerThanThePayloadBuffer_Refused_PayloadTooLarge_NotKept()
        {
            LinkKitOptions options = ThingHarness.Options(new TestClock());
            options.OfflineQueueBytes = 8192;
            LinkKitClient client = ThingHarness.Client(ThingHarness.Transport(), options, null);
            try
            {
                byte[] raw = new byte[client.PayloadBufferCapacity + 1];
                Assert.AreEqual(ErrorCode.PayloadTooLarge, client.PostRawData(raw, 0, raw.Length));
                Assert.AreEqual(0, client.OfflineQueuedCount);
                Assert.AreEqual(ErrorCode.Ok, client.PostRawData(raw, 0, raw.Length - 1));
            }
            finally
            {
                client.Destruct();
            }
        }

        // ---- A power cut at every durable write of a scripted run ----

        private const int Posts = 50;
        private const int ScriptQueueBytes = 1024;
        private const int ScriptFlashBytes = 4096;

        /// <summary>What a run did: each post's End… result, id and expected publish ("topic payload"), and which were done.</summary>
        private sealed class Run
        {
            public readonly int[] Result = new int[Posts + 1];
            public readonly long[] Ids = new long[Posts + 1];
            public readonly string[] Expected = new string[Posts + 1];
            public readonly bool[] Done = new bool[Posts + 1];
            public readonly int[] AckId = new int[Posts + 1];
            public int Made;
            public int Seen;
        }

        /// <summary>0 property post, 1 event post, 2 raw data: offline an even mix; once connected mostly raw data,
        /// so that 16 posts leave the ring (a lazy marker write) between two compactions.</summary>
        private static int KindOf(int i)
        {
            if (i <= 6) return i == 2 || i == 6 ? 1 : i == 4 ? 2 : 0;
            return i % 3 == 0 ? 0 : i % 9 == 1 ? 1 : 2;
        }

        /// <summary>
        /// Six posts offline; connect (they are sent); then one post at a time, connected: events and raw data are done
        /// once sent, property posts when acknowledged three posts later (so one is always pending). Stops at the cut.
        /// </summary>
        private static void Script(JournalFlash flash, Run run)
        {
            TestClock clock = new TestClock();
            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[Posts + 8];
            LinkKitClient client = Client(transport, clock, flash, ScriptQueueBytes);
            try
            {
                if (flash.Power.Dead) return;
                for (int i = 1; i <= Posts; i++)
                {
                    if (i == 7)
                    {
                        JournalHarness.Connect(client);
                        Settle(transport, run, 6);
                    }

                    MakePost(client, clock, run, i);
                    if (flash.Power.Dead) return;                            // nothing runs after the cut
                    if (i >= 7) Settle(transport, run, i);
                }
            }
            finally
            {
                client.Destruct();
            }
        }

        private static void MakePost(LinkKitClient client, TestClock clock, Run run, int i)
        {
            clock.ExtraMilliseconds = i;
            string time = (1700000000000L + i).ToString();
            long id = 0;
            int kind = KindOf(i);
            if (kind == 0)
            {
                client.BeginPropertyPost().Write("Brightness", i);
                run.Result[i] = client.EndPropertyPost(out id);
                run.Expected[i] = Sys + "thing/event/property/post {\"id\":\"" + id.ToString() + "\",\"version\":\"1.0\",\"params\":{\"Brightness\":{\"value\":"
                    + i.ToString() + ",\"time\":" + time + "}},\"method\":\"thing.event.property.post\"}";
            }
            else if (kind == 1)
            {
                client.BeginEventPost("alarm").Write("level", 1 + i % 5);
                run.Result[i] = client.EndEventPost(out id);
                run.Expected[i] = Sys + "thing/event/alarm/post {\"id\":\"" + id.ToString() + "\",\"version\":\"1.0\",\"params\":{\"value\":{\"level\":"
                    + (1 + i % 5).ToString() + "},\"time\":" + time + "},\"method\":\"thing.event.alarm.post\"}";
            }
            else
            {
                byte[] raw = TestTsl.Bytes("raw-" + i.ToString());
                run.Result[i] = client.PostRawData(raw, 0, raw.Length);
                run.Expected[i] = Sys + "thing/model/up_raw raw-" + i.ToString();
            }

            run.Ids[i] = id;
            run.Made = i;
        }

        /// <summary>Marks what was published: events and raw data are done; property posts are acknowledged three posts later.</summary>
        private static void Settle(RecordingTransport transport, Run run, int current)
        {
            for (; run.Seen < transport.PublishCount; run.Seen++)
            {
                int i = Find(run, transport.Log[run.Seen]);
                Assert.IsTrue(i > 0, "published but never posted: " + transport.Log[run.Seen]);
                if (KindOf(i) == 0) run.AckId[i] = run.Seen + 1;         // the recording transport numbers publishes from 1
                else run.Done[i] = true;
            }

            for (int i = 1; i <= current - 3; i++)
            {
                if (run.AckId[i] > 0 && !run.Done[i])
                {
                    transport.CompletePublish(run.AckId[i], true);
                    run.Done[i] = true;
                }
            }
        }

        private static int Find(Run run, string line)
        {
            for (int i = 1; i <= run.Made; i++)
            {
                if (run.Expected[i] == line) return i;
            }

            return 0;
        }

        [TestMethod]
        public void PowerCut_AtEveryDurableWrite_NoPostWhoseEndReturnedOkIsLost_NothingElseComesBack()
        {
            JournalFlash clean = new JournalFlash(new Power(), FlashBytes);
            Run cleanRun = new Run();
            Script(clean, cleanRun);
            for (int i = 1; i <= Posts; i++) Assert.AreEqual(ErrorCode.Ok, cleanRun.Result[i], "post " + i.ToString());
            int writes = clean.Power.DurableWrites;
            // 3 to start (both files emptied, the first marker), one append per post, 2 compactions (the other file
            // emptied, the records not done appended in one batch, the marker switched, the old file emptied) and
            // 2 lazy marker writes.
            Assert.AreEqual(Posts + 2, clean.Appends);
            Assert.AreEqual(2 + 2 * 2, clean.Truncates);
            Assert.AreEqual(1 + 2 + 2, clean.Marker.Writes);
            Assert.AreEqual(3 + Posts + 2 * 4 + 2, writes);

            for (int cut = 0; cut < writes; cut++)
            {
                for (int tear = 0; tear < 3; tear++)
                {
                    string where = "cut at durable write " + cut.ToString() + " tear " + tear.ToString();
                    JournalFlash flash = new JournalFlash(new Power(), ScriptFlashBytes);
                    flash.Tear = tear;
                    flash.Power.WritesLeft = cut;
                    Run run = new Run();
                    Script(flash, run);
                    Assert.IsTrue(flash.Power.Dead, where);
                    flash.Power.Restore();
                    AssertRecovered(flash, run, where);
                    Harness.ReleaseAll();                                   // forgets the clients started (and destructed): memory
                }
            }
        }

        /// <summary>
        /// The reboot: a new client over the same flash sends, in post order and byte for byte, every post whose End…
        /// returned Ok and that was not done, possibly some that were done, and nothing else; its new ids are above.
        /// </summary>
        private static void AssertRecovered(JournalFlash flash, Run run, string where)
        {
            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[Posts + 8];
            LinkKitClient client = Client(transport, new TestClock(), flash, ScriptQueueBytes);
            try
            {
                int kept = client.OfflineQueuedCount;
                JournalHarness.Connect(client);
                Assert.AreEqual(kept, transport.PublishCount, where);
                bool[] sent = new bool[Posts + 1];
                int previous = 0;
                long largestId = 0;
                for (int j = 0; j < transport.PublishCount; j++)
                {
                    int i = Find(run, transport.Log[j]);
                    Assert.IsTrue(i > 0, where + ": garbage sent: " + transport.Log[j]);
                    Assert.AreEqual(ErrorCode.Ok, run.Result[i], where + ": post " + i.ToString() + " was never accepted");
                    Assert.IsTrue(i > previous, where + ": post " + i.ToString() + " after post " + previous.ToString());
                    previous = i;
                    sent[i] = true;
                    if (run.Ids[i] > largestId) largestId = run.Ids[i];
                }

                for (int i = 1; i <= run.Made; i++)
                {
                    if (run.Result[i] == ErrorCode.Ok && !run.Done[i]) Assert.IsTrue(sent[i], where + ": post " + i.ToString() + " lost");
                }

                client.BeginPropertyPost().Write("Brightness", 100);
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id), where);
                Assert.IsTrue(id > largestId, where + ": new id " + id.ToString() + " not above " + largestId.ToString());
            }
            finally
            {
                client.Destruct();
            }
        }

        // ---- Helpers ----

        private static void Post3Offline(JournalFlash flash)
        {
            LinkKitClient client = Client(ThingHarness.Transport(), new TestClock(), flash, 4096);
            try
            {
                for (int i = 1; i <= 3; i++)
                {
                    client.BeginPropertyPost().Write("Brightness", i);
                    long id;
                    Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                }
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>A restart over <paramref name="flash"/> sends exactly the property posts with ids <paramref name="firstId"/> to <paramref name="lastId"/>, in order.</summary>
        private static void AssertRestartSends(JournalFlash flash, long firstId, long lastId)
        {
            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[8];
            LinkKitClient client = Client(transport, new TestClock(), flash, 4096);
            try
            {
                JournalHarness.Connect(client);
                Assert.AreEqual((int)(lastId - firstId + 1), transport.PublishCount);
                for (long id = firstId; id <= lastId; id++)
                {
                    string line = transport.Log[(int)(id - firstId)];
                    Assert.IsTrue(line.IndexOf("{\"id\":\"" + id.ToString() + "\",") > 0, line);
                }
            }
            finally
            {
                client.Destruct();
            }
        }

        private static LinkKitOptions Options(TestClock clock, JournalFlash flash, int bytes)
        {
            return Options(clock, flash, bytes, OfflineOverflow.DropOldest);
        }

        private static LinkKitOptions Options(TestClock clock, JournalFlash flash, int bytes, OfflineOverflow overflow)
        {
            LinkKitOptions options = ThingHarness.Options(clock);
            options.OfflineOverflow = overflow;
            options.OfflineQueueBytes = bytes;
            options.OfflineJournal = flash.Storage();
            return options;
        }

        private static LinkKitClient Client(RecordingTransport transport, TestClock clock, JournalFlash flash, int bytes)
        {
            return Client(transport, clock, flash, bytes, OfflineOverflow.DropOldest);
        }

        private static LinkKitClient Client(RecordingTransport transport, TestClock clock, JournalFlash flash, int bytes, OfflineOverflow overflow)
        {
            if (s_model == null) s_model = TestTsl.Load();
            return ThingHarness.Client(transport, Options(clock, flash, bytes, overflow), s_model);
        }
    }
}
