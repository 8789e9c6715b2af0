using LinkKit.Nano.Things;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    [TestClass]
    public class TablesTests
    {
        [TestMethod]
        public void RequestTable_MatchesByIdAndKind()
        {
            RequestTable t = new RequestTable(4);
            Assert.AreEqual(ErrorCode.Ok, t.Add(1, AlinkKind.PropertyPost, -1, 10000));
            Assert.AreEqual(ErrorCode.Ok, t.Add(2, AlinkKind.EventPost, 3, 10000));
            int tag;
            Assert.IsFalse(t.Remove(2, AlinkKind.PropertyPost, out tag));   // same id, other kind
            Assert.IsTrue(t.Remove(2, AlinkKind.EventPost, out tag));
            Assert.AreEqual(3, tag);
            Assert.IsFalse(t.Remove(2, AlinkKind.EventPost, out tag));      // only once
            Assert.AreEqual(1, t.Count);
        }

        [TestMethod]
        public void RequestTable_FullIsAStatus()
        {
            RequestTable t = new RequestTable(2);
            Assert.AreEqual(ErrorCode.Ok, t.Add(1, AlinkKind.PropertyPost, 0, 0));
            Assert.AreEqual(ErrorCode.Ok, t.Add(2, AlinkKind.PropertyPost, 0, 0));
            Assert.AreEqual(ErrorCode.RequestTableFull, t.Add(3, AlinkKind.PropertyPost, 0, 0));
            Assert.AreEqual(2, t.Count);
            Assert.AreEqual(2, t.Capacity);
        }

        [TestMethod]
        public void RequestTable_ExpiresByDeadline_WrapSafe()
        {
            RequestTable t = new RequestTable(4);
            t.Add(1, AlinkKind.PropertyPost, 0, 1000);
            t.Add(2, AlinkKind.PropertyPost, 0, 2000);
            t.Add(3, AlinkKind.PropertyPost, 0, long.MinValue + 5);                  // a deadline past the wrap of the clock
            Assert.AreEqual(0L, t.TimeToNextDeadline(long.MaxValue));
            long id;
            int tag;
            AlinkKind kind;
            Assert.IsFalse(t.RemoveExpired(999, out id, out kind, out tag));
            Assert.AreEqual(1L, t.TimeToNextDeadline(999));
            Assert.IsTrue(t.RemoveExpired(1000, out id, out kind, out tag));
            Assert.AreEqual(1, id);
            Assert.IsFalse(t.RemoveExpired(1999, out id, out kind, out tag));
            Assert.IsTrue(t.RemoveExpired(long.MaxValue, out id, out kind, out tag));
            Assert.AreEqual(2, id);
            Assert.IsFalse(t.RemoveExpired(long.MaxValue, out id, out kind, out tag)); // MaxValue is before MinValue+5
            Assert.IsTrue(t.RemoveExpired(long.MinValue + 5, out id, out kind, out tag));
            Assert.AreEqual(3, id);
            Assert.AreEqual(-1L, t.TimeToNextDeadline(0));
        }

        [TestMethod]
        public void RrpcTable_StoresTheReplyTopic_AndRemembersAnsweredIds()
        {
            RrpcTable t = new RrpcTable(2, 64, 2);
            byte[] topic = TestTsl.Bytes("/ext/rrpc/7/a1TestPK001/dev-001/user/rrpc_demo");
            Assert.AreEqual(ErrorCode.Ok, t.Add(AlinkKind.CustomRrpc, 7, 7, topic, 0, topic.Length, 100));
            Assert.IsTrue(t.IsKnown(7));                           // pending: a duplicate
            int slot = t.Find(AlinkKind.CustomRrpc, 7);
            Assert.AreEqual(-1, t.Find(AlinkKind.SystemRrpc, 7));
            Assert.AreEqual("/ext/rrpc/7/a1TestPK001/dev-001/user/rrpc_demo", TestTsl.Text(t.TopicAt(slot), 0, t.TopicLengthAt(slot)));
            t.Complete(slot);
            Assert.AreEqual(0, t.Count);
            Assert.IsTrue(t.IsKnown(7));                           // answered: its echo is recognised
            t.RememberAnswered(8);
            t.RememberAnswered(9);                                 // the ring holds 2: 7 is forgotten
            Assert.IsFalse(t.IsKnown(7));
            Assert.IsTrue(t.IsKnown(8));
            Assert.IsTrue(t.IsKnown(9));
        }

        [TestMethod]
        public void RrpcTable_Full_DropsTheEarliestDeadline()
        {
            RrpcTable t = new RrpcTable(2, 16, 4);
            byte[] topic = new byte[0];
            t.Add(AlinkKind.SyncService, 100, 1, topic, 0, 0, 500);
            t.Add(AlinkKind.SyncService, 101, 2, topic, 0, 0, 300);
            t.Add(AlinkKind.SyncService, 102, 3, topic, 0, 0, 900);
            Assert.AreEqual(2, t.Count);
            Assert.AreEqual(-1, t.Find(AlinkKind.SyncService, 101));
            Assert.IsTrue(t.Find(AlinkKind.SyncService, 100) >= 0);
            Assert.AreEqual(1, t.RemoveExpired(500));
            Assert.AreEqual(3L, t.MessageIdAt(t.Find(AlinkKind.SyncService, 102)));
        }

        [TestMethod]
        public void RrpcTable_TopicTooLong_IsRefused()
        {
            RrpcTable t = new RrpcTable(2, 4, 4);
            byte[] topic = TestTsl.Bytes("/abcd");
            Assert.AreEqual(ErrorCode.BufferTooSmall, t.Add(AlinkKind.CustomRrpc, 1, 1, topic, 0, 5, 0));
            Assert.AreEqual(0, t.Count);
        }
    }
}
