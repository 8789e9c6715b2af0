using LinkKit.Nano.Things;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>The store-and-forward ring: order, wrapping, the two overflow policies, acknowledgements and rewinds.</summary>
    [TestClass]
    public class OfflineQueueTests
    {
        [TestMethod]
        public void Records_ComeOutInOrder_WithTheirFields_UntilDone()
        {
            OfflineQueue q = new OfflineQueue(512, true);
            Assert.IsTrue(Add(q, AlinkKind.PropertyPost, -1, 1, "one"));
            Assert.IsTrue(Add(q, AlinkKind.EventPost, 3, 2, "two"));
            Assert.IsTrue(Add(q, AlinkKind.RawUp, -1, 0, "three"));
            Assert.AreEqual(3, q.Count);

            AssertWaiting(q, AlinkKind.PropertyPost, -1, 1, "one");
            q.MarkSent(0u, 41);                 // awaits acknowledgement 41
            AssertWaiting(q, AlinkKind.EventPost, 3, 2, "two");
            q.MarkSent(1u, 0);                  // QoS 0: done once sent, but behind the unacknowledged first
            AssertWaiting(q, AlinkKind.RawUp, -1, 0, "three");
            Assert.AreEqual(3, q.Count);

            Assert.IsFalse(q.Acknowledge(40));
            Assert.IsTrue(q.Acknowledge(41));
            Assert.AreEqual(1, q.Count);      // the first and the done second are gone
            q.MarkSent(2u, 0);
            Assert.AreEqual(0, q.Count);
            AssertNoneWaiting(q);
        }

        [TestMethod]
        public void MarkSent_ForARecordNoLongerTheOldestWaiting_ChangesNothing()
        {
            OfflineQueue q = new OfflineQueue(512, true);
            Add(q, AlinkKind.PropertyPost, -1, 7, "seven");
            q.MarkSent(1u, 5);
            AssertWaiting(q, AlinkKind.PropertyPost, -1, 7, "seven");
        }

        [TestMethod]
        public void MarkSent_AfterTheRawPostBeingSentWasDropped_LeavesTheNextRawPostWaiting()
        {
            // 42-byte records in 100 bytes; raw posts all have request id 0, so only the number tells them apart.
            OfflineQueue q = new OfflineQueue(100, true);
            Add(q, AlinkKind.RawUp, -1, 0, "aaaaaaaaaaaaaaaaaaaa");
            Add(q, AlinkKind.RawUp, -1, 0, "bbbbbbbbbbbbbbbbbbbb");
            AssertWaiting(q, AlinkKind.RawUp, -1, 0, "aaaaaaaaaaaaaaaaaaaa");   // being sent, number 0
            Add(q, AlinkKind.RawUp, -1, 0, "cccccccccccccccccccc");              // drops it meanwhile
            q.MarkSent(0u, 0);
            AssertWaiting(q, AlinkKind.RawUp, -1, 0, "bbbbbbbbbbbbbbbbbbbb");
            Assert.AreEqual(2, q.Count);
        }

        [TestMethod]
        public void Acknowledgements_OutOfOrder_RemoveOnlyFromTheOldest()
        {
            OfflineQueue q = new OfflineQueue(512, true);
            Add(q, AlinkKind.PropertyPost, -1, 1, "a");
            Add(q, AlinkKind.PropertyPost, -1, 2, "b");
            q.MarkSent(0u, 7);
            q.MarkSent(1u, 8);
            Assert.IsTrue(q.Acknowledge(8));
            Assert.AreEqual(2, q.Count);
            Assert.IsTrue(q.Acknowledge(7));
            Assert.AreEqual(0, q.Count);
        }

        [TestMethod]
        public void Rewind_SentButUnacknowledged_WaitAgain_InOrder()
        {
            OfflineQueue q = new OfflineQueue(512, true);
            Add(q, AlinkKind.PropertyPost, -1, 1, "a");
            Add(q, AlinkKind.EventPost, 0, 2, "b");
            Add(q, AlinkKind.PropertyPost, -1, 3, "c");
            q.MarkSent(0u, 11);
            q.MarkSent(1u, 0);
            q.MarkSent(2u, 12);
            AssertNoneWaiting(q);

            long[] ids = new long[4];
            Assert.AreEqual(2, q.Rewind(ids));
            Assert.AreEqual(1L, ids[0]);
            Assert.AreEqual(3L, ids[1]);
            AssertWaiting(q, AlinkKind.PropertyPost, -1, 1, "a");
            q.MarkSent(0u, 21);
            AssertWaiting(q, AlinkKind.PropertyPost, -1, 3, "c"); // the event was sent once and is not sent again
            Assert.IsFalse(q.Acknowledge(11));                    // an acknowledgement from the lost connection
        }

        [TestMethod]
        public void Wraps_ToTheStart_WhenTheEndHasNoRoom_OrderKept()
        {
            // 22-byte header + 20-byte payload = 42: two fit in 100 bytes, the third goes to 0 once the first is done.
            OfflineQueue q = new OfflineQueue(100, false);
            Assert.IsTrue(Add(q, AlinkKind.RawUp, -1, 1, "aaaaaaaaaaaaaaaaaaaa"));
            Assert.IsTrue(Add(q, AlinkKind.RawUp, -1, 2, "bbbbbbbbbbbbbbbbbbbb"));
            Assert.IsFalse(Add(q, AlinkKind.RawUp, -1, 3, "cccccccccccccccccccc"));
            Assert.AreEqual(1, q.RefusedCount);

            q.MarkSent(0u, 0);
            Assert.IsTrue(Add(q, AlinkKind.RawUp, -1, 3, "cccccccccccccccccccc"));
            Assert.IsFalse(Add(q, AlinkKind.RawUp, -1, 4, "dddddddddddddddddddd"));
            AssertWaiting(q, AlinkKind.RawUp, -1, 2, "bbbbbbbbbbbbbbbbbbbb");
            q.MarkSent(1u, 0);
            AssertWaiting(q, AlinkKind.RawUp, -1, 3, "cccccccccccccccccccc");
            Assert.IsTrue(Add(q, AlinkKind.RawUp, -1, 4, "dddddddddddddddddddd"));
            q.MarkSent(2u, 0);
            AssertWaiting(q, AlinkKind.RawUp, -1, 4, "dddddddddddddddddddd");
            q.MarkSent(3u, 0);
            Assert.AreEqual(0, q.Count);
        }

        [TestMethod]
        public void DropOldest_MakesRoom_CountsEachDrop()
        {
            OfflineQueue q = new OfflineQueue(100, true);
            Add(q, AlinkKind.RawUp, -1, 1, "aaaaaaaaaaaaaaaaaaaa");
            Add(q, AlinkKind.RawUp, -1, 2, "bbbbbbbbbbbbbbbbbbbb");
            Assert.IsTrue(Add(q, AlinkKind.RawUp, -1, 3, "cccccccccccccccccccc"));
            Assert.AreEqual(1, q.DroppedCount);
            Assert.AreEqual(2, q.Count);
            AssertWaiting(q, AlinkKind.RawUp, -1, 2, "bbbbbbbbbbbbbbbbbbbb");
            Assert.IsTrue(Add(q, AlinkKind.RawUp, -1, 4, "dddddddddddddddddddd")); // drops 2
            Assert.AreEqual(2, q.DroppedCount);
            AssertWaiting(q, AlinkKind.RawUp, -1, 3, "cccccccccccccccccccc");
            q.MarkSent(2u, 0);
            AssertWaiting(q, AlinkKind.RawUp, -1, 4, "dddddddddddddddddddd");
        }

        [TestMethod]
        public void ARecordLargerThanTheRing_RefusedUnderEitherPolicy()
        {
            OfflineQueue q = new OfflineQueue(40, true);
            Assert.IsFalse(Add(q, AlinkKind.RawUp, -1, 1, "this payload is longer than twenty-two"));
            Assert.AreEqual(1, q.RefusedCount);
            Assert.AreEqual(0, q.DroppedCount);
            Assert.AreEqual(0, q.Count);
        }

        [TestMethod]
        public void SequenceNumbers_OnePerRecord_KeptThroughDropsAndDone()
        {
            OfflineQueue q = new OfflineQueue(100, true);
            q.NextSequence = 0xFFFFFFFE;                           // they wrap
            Assert.AreEqual(0xFFFFFFFEu, q.FirstSequence);         // none held: the next one's
            Add(q, AlinkKind.RawUp, -1, 1, "aaaaaaaaaaaaaaaaaaaa");
            Add(q, AlinkKind.RawUp, -1, 2, "bbbbbbbbbbbbbbbbbbbb");
            Assert.AreEqual(0xFFFFFFFEu, q.FirstSequence);
            Assert.AreEqual(0u, q.NextSequence);
            Assert.IsTrue(Add(q, AlinkKind.RawUp, -1, 3, "cccccccccccccccccccc"));   // drops the first
            Assert.AreEqual(0xFFFFFFFFu, q.FirstSequence);
            Assert.IsTrue(q.Holds(0xFFFFFFFF));
            Assert.IsTrue(q.Holds(0));
            Assert.IsFalse(q.Holds(0xFFFFFFFE));
            Assert.IsFalse(q.Holds(1));
            q.MarkSent(0xFFFFFFFFu, 0);
            Assert.AreEqual(0u, q.FirstSequence);
            q.MarkSent(0u, 0);
            Assert.AreEqual(1u, q.FirstSequence);
            Assert.AreEqual(0, q.Count);
        }

        [TestMethod]
        public void Add_WithASequenceNumber_TheNextOneFollowsIt()
        {
            OfflineQueue q = new OfflineQueue(512, true);
            byte[] bytes = TestTsl.Bytes("loaded");
            Assert.IsTrue(q.Add(AlinkKind.PropertyPost, -1, 9, 40u, bytes, 0, bytes.Length));
            Assert.AreEqual(41u, q.NextSequence);
            Add(q, AlinkKind.PropertyPost, -1, 10, "new");
            int at = q.FindNotDoneAfter(true, 0);
            AlinkKind kind;
            int tag, count;
            long id;
            uint sequence;
            q.Describe(at, out kind, out tag, out id, out sequence, out count);
            Assert.AreEqual(40u, sequence);
            Assert.AreEqual(9L, id);
            at = q.NextNotDone(at);
            q.Describe(at, out kind, out tag, out id, out sequence, out count);
            Assert.AreEqual(41u, sequence);
            Assert.AreEqual(10L, id);
            Assert.AreEqual(3, count);
            Assert.AreEqual(-1, q.NextNotDone(at));
        }

        [TestMethod]
        public void NotDoneIteration_SkipsDoneRecords_AcrossTheWrap()
        {
            // 42-byte records in 130 bytes: the third starts at 0 once the first left.
            OfflineQueue q = new OfflineQueue(130, false);
            Add(q, AlinkKind.RawUp, -1, 1, "aaaaaaaaaaaaaaaaaaaa");
            Add(q, AlinkKind.PropertyPost, -1, 2, "bbbbbbbbbbbbbbbbbbbb");
            Add(q, AlinkKind.RawUp, -1, 3, "cccccccccccccccccccc");
            q.MarkSent(0u, 0);                                      // done and gone
            q.MarkSent(1u, 7);                                      // awaits acknowledgement 7
            q.MarkSent(2u, 0);                                      // done, behind the second
            Assert.IsTrue(Add(q, AlinkKind.RawUp, -1, 4, "dddddddddddddddddddd"));
            Assert.AreEqual(3, q.Count);

            AlinkKind kind;
            int tag, count;
            long id;
            uint sequence;
            int at = q.FindNotDoneAfter(true, 0);
            q.Describe(at, out kind, out tag, out id, out sequence, out count);
            Assert.AreEqual(2L, id);
            Assert.AreEqual(1u, sequence);
            at = q.NextNotDone(at);                                // skips the done third
            Assert.AreEqual(0, at);
            q.Describe(at, out kind, out tag, out id, out sequence, out count);
            Assert.AreEqual(4L, id);
            Assert.AreEqual(3u, sequence);
            Assert.AreEqual(-1, q.NextNotDone(at));
            Assert.AreEqual(0, q.FindNotDoneAfter(false, 1u));     // resumed after the second, by number
            Assert.AreEqual(-1, q.FindNotDoneAfter(false, 3u));
        }

        [TestMethod]
        public void MakeRoom_DropsOrRefusesAsAddWould_AndTheRoomStays()
        {
            OfflineQueue refuse = new OfflineQueue(100, false);
            Add(refuse, AlinkKind.RawUp, -1, 1, "aaaaaaaaaaaaaaaaaaaa");
            Add(refuse, AlinkKind.RawUp, -1, 2, "bbbbbbbbbbbbbbbbbbbb");
            Assert.IsFalse(refuse.MakeRoom(20));
            Assert.AreEqual(1, refuse.RefusedCount);

            OfflineQueue drop = new OfflineQueue(100, true);
            Add(drop, AlinkKind.RawUp, -1, 1, "aaaaaaaaaaaaaaaaaaaa");
            Add(drop, AlinkKind.RawUp, -1, 2, "bbbbbbbbbbbbbbbbbbbb");
            Assert.IsTrue(drop.MakeRoom(20));
            Assert.AreEqual(1, drop.DroppedCount);
            drop.MarkSent(1u, 0);                                   // records leaving meanwhile take no room away
            Assert.IsTrue(Add(drop, AlinkKind.RawUp, -1, 3, "cccccccccccccccccccc"));
            Assert.AreEqual(1, drop.DroppedCount);
            Assert.AreEqual(0, drop.RefusedCount);
        }

        private static bool Add(OfflineQueue q, AlinkKind kind, int tag, long id, string payload)
        {
            byte[] bytes = TestTsl.Bytes(payload);
            return q.Add(kind, tag, id, bytes, 0, bytes.Length);
        }

        private static void AssertWaiting(OfflineQueue q, AlinkKind kind, int tag, long id, string payload)
        {
            AlinkKind k;
            int t, offset, count;
            long i;
            uint sequence;
            Assert.IsTrue(q.PeekWaiting(out k, out t, out i, out sequence, out offset, out count));
            Assert.IsTrue(k == kind);
            Assert.AreEqual(tag, t);
            Assert.AreEqual(id, i);
            Assert.AreEqual(payload, LinkKit.Nano.Text.Utf8.GetString(q.Buffer, offset, count));
        }

        private static void AssertNoneWaiting(OfflineQueue q)
        {
            AlinkKind k;
            int t, offset, count;
            long i;
            uint sequence;
            Assert.IsFalse(q.PeekWaiting(out k, out t, out i, out sequence, out offset, out count));
        }
    }
}
