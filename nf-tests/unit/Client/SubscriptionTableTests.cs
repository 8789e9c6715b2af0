using LinkKit.Nano.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Client
{
    [TestClass]
    public class SubscriptionTableTests
    {
        [TestMethod]
        public void Set_AddsThenUpdates()
        {
            SubscriptionTable table = new SubscriptionTable(2);
            Assert.AreEqual(ErrorCode.Ok, table.Set("/a", 0));
            Assert.AreEqual(ErrorCode.Ok, table.Set("/a", 1));
            Assert.AreEqual(1, table.Count);
            Assert.AreEqual(1, table.GetQos(0));
        }

        [TestMethod]
        public void Set_WhenFull_ReturnsTableFull_AndChangesNothing()
        {
            SubscriptionTable table = new SubscriptionTable(2);
            table.Set("/a", 0);
            table.Set("/b", 1);
            Assert.AreEqual(ErrorCode.TableFull, table.Set("/c", 0));
            Assert.AreEqual(2, table.Count);
            Assert.AreEqual(-1, table.IndexOf("/c"));
            Assert.AreEqual(ErrorCode.Ok, table.Set("/b", 0)); // an update still fits
        }

        [TestMethod]
        public void Remove_KeepsOrder()
        {
            SubscriptionTable table = new SubscriptionTable(3);
            table.Set("/a", 0);
            table.Set("/b", 1);
            table.Set("/c", 0);
            Assert.IsTrue(table.Remove("/a"));
            Assert.IsFalse(table.Remove("/a"));
            Assert.AreEqual(2, table.Count);
            Assert.AreEqual("/b", table.GetFilter(0));
            Assert.AreEqual(1, table.GetQos(0));
            Assert.AreEqual("/c", table.GetFilter(1));
        }

        [TestMethod]
        public void CountMissing_CountsNewFiltersOnce()
        {
            SubscriptionTable table = new SubscriptionTable(4);
            table.Set("/a", 0);
            Assert.AreEqual(2, table.CountMissing(new string[] { "/a", "/b", "/b", "/c" }, 4));
            Assert.AreEqual(1, table.CountMissing(new string[] { "/a", "/b", "/c" }, 2)); // only the first two count
        }
    }
}
