using LinkKit.Nano.Things;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>Topic bytes the device publishes to and the classification of what it receives (topics from the wire capture).</summary>
    [TestClass]
    public class ThingTopicsTests
    {
        private const string Sys = "/sys/a1TestPK001/dev-001/";

        private static ThingTopics Topics()
        {
            return new ThingTopics(TestTsl.ProductKey, TestTsl.DeviceName);
        }

        [TestMethod]
        [DataRow(0, "/sys/a1TestPK001/dev-001/thing/event/property/post")]
        [DataRow(1, "/sys/a1TestPK001/dev-001/thing/event/alarm/post")]
        [DataRow(2, "/sys/a1TestPK001/dev-001/thing/service/property/set_reply")]
        [DataRow(3, "/sys/a1TestPK001/dev-001/thing/service/reboot_reply")]
        [DataRow(4, "/sys/a1TestPK001/dev-001/thing/service/reboot_reply")]
        [DataRow(5, "/sys/a1TestPK001/dev-001/thing/model/up_raw")]
        [DataRow(6, "/sys/a1TestPK001/dev-001/thing/model/down_raw_reply")]
        [DataRow(7, "/sys/a1TestPK001/dev-001/thing/deviceinfo/update")]
        [DataRow(8, "/sys/a1TestPK001/dev-001/thing/deviceinfo/delete")]
        [DataRow(9, "/shadow/update/a1TestPK001/dev-001")]
        [DataRow(10, "/sys/a1TestPK001/dev-001/rrpc/response/1700000000000000006")]
        public void Builder_ExactTopic_ExactFit_OneByteShort(int which, string expected)
        {
            byte[] buffer = new byte[256];
            int n = Write(which, buffer, 0, buffer.Length);
            Assert.AreEqual(expected, TestTsl.Text(buffer, 0, n));

            byte[] exact = TestTsl.Filled(n + 2, 0xEE);
            Assert.AreEqual(n, Write(which, exact, 1, n));
            Assert.AreEqual((byte)0xEE, exact[0]);
            Assert.AreEqual((byte)0xEE, exact[n + 1]);

            byte[] small = TestTsl.Filled(n + 1, 0xEE);
            Assert.AreEqual(ErrorCode.BufferTooSmall, Write(which, small, 1, n - 1));
            Assert.IsTrue(TestTsl.AllBytes(small, 0xEE), "nothing written");
        }

        private static int Write(int which, byte[] b, int o, int c)
        {
            ThingTopics t = Topics();
            byte[] alarm = TestTsl.Bytes("alarm");
            byte[] reboot = TestTsl.Bytes("reboot");
            switch (which)
            {
                case 0: return t.WritePropertyPostTopic(b, o, c);
                case 1: return t.WriteEventPostTopic(alarm, 0, alarm.Length, b, o, c);
                case 2: return t.WritePropertySetReplyTopic(b, o, c);
                case 3: return t.WriteServiceReplyTopic(reboot, 0, reboot.Length, b, o, c);
                case 4: return t.WriteServiceReplyTopic("reboot", b, o, c);
                case 5: return t.WriteUpRawTopic(b, o, c);
                case 6: return t.WriteDownRawReplyTopic(b, o, c);
                case 7: return t.WriteTagsUpdateTopic(b, o, c);
                case 8: return t.WriteTagsRemoveTopic(b, o, c);
                case 9: return t.WriteShadowUpdateTopic(b, o, c);
                default: return t.WriteSystemRrpcResponseTopic(1700000000000000006L, b, o, c);
            }
        }

        [TestMethod]
        [DataRow(Sys + "thing/service/property/set", (int)AlinkKind.PropertySet, "")]
        [DataRow(Sys + "thing/service/property/get", (int)AlinkKind.PropertyGet, "")]
        [DataRow(Sys + "thing/event/property/post_reply", (int)AlinkKind.PropertyPost, "")]
        [DataRow(Sys + "thing/event/alarm/post_reply", (int)AlinkKind.EventPost, "alarm")]
        [DataRow(Sys + "thing/service/reboot", (int)AlinkKind.Service, "reboot")]
        [DataRow(Sys + "thing/model/down_raw", (int)AlinkKind.RawDown, "")]
        [DataRow(Sys + "thing/model/up_raw_reply", (int)AlinkKind.RawUp, "")]
        [DataRow(Sys + "thing/deviceinfo/update_reply", (int)AlinkKind.TagsUpdate, "")]
        [DataRow(Sys + "thing/deviceinfo/delete_reply", (int)AlinkKind.TagsRemove, "")]
        [DataRow("/shadow/get/a1TestPK001/dev-001", (int)AlinkKind.Shadow, "")]
        [DataRow(Sys + "thing/event/property/post", (int)AlinkKind.Uplink, "")]          // own uplinks echoed
        [DataRow(Sys + "thing/event/alarm/post", (int)AlinkKind.Uplink, "")]
        [DataRow(Sys + "thing/service/reboot_reply", (int)AlinkKind.Uplink, "")]
        [DataRow(Sys + "thing/service/property/set_reply", (int)AlinkKind.Uplink, "")]
        [DataRow(Sys + "thing/model/up_raw", (int)AlinkKind.Uplink, "")]
        [DataRow(Sys + "thing/model/down_raw_reply", (int)AlinkKind.Uplink, "")]
        [DataRow(Sys + "thing/deviceinfo/update", (int)AlinkKind.Uplink, "")]
        [DataRow(Sys + "thing/deviceinfo/delete", (int)AlinkKind.Uplink, "")]
        [DataRow("/shadow/update/a1TestPK001/dev-001", (int)AlinkKind.Uplink, "")]
        [DataRow(Sys + "rrpc/response/17", (int)AlinkKind.Uplink, "")]
        [DataRow(Sys + "thing/service/", (int)AlinkKind.UnknownThing, "")]                // empty service id
        [DataRow(Sys + "thing/service/a/b", (int)AlinkKind.UnknownThing, "")]
        [DataRow(Sys + "thing/event//post_reply", (int)AlinkKind.UnknownThing, "")]
        [DataRow(Sys + "thing/topo/change", (int)AlinkKind.UnknownThing, "")]
        [DataRow(Sys + "thing/ota/firmware/get_reply", (int)AlinkKind.UnknownThing, "")]
        [DataRow(Sys + "rrpc/request/", (int)AlinkKind.Malformed, "")]
        [DataRow(Sys + "rrpc/request/12a", (int)AlinkKind.Malformed, "")]
        [DataRow(Sys + "rrpc/request/99999999999999999999", (int)AlinkKind.Malformed, "")] // 20 digits
        [DataRow("/ext/rrpc/17", (int)AlinkKind.Malformed, "")]                             // no topic after the id
        [DataRow("/ext/rrpc/17/", (int)AlinkKind.Malformed, "")]
        [DataRow("/ext/rrpc/x/a1TestPK001/dev-001/user/rrpc_demo", (int)AlinkKind.Malformed, "")]
        [DataRow("/a1TestPK001/dev-001/user/get", (int)AlinkKind.None, "")]                  // custom topic
        [DataRow("/sys/a1TestPK001/dev-002/thing/service/property/set", (int)AlinkKind.None, "")] // another device
        [DataRow("/sys/a1TestPK002/dev-001/thing/service/property/set", (int)AlinkKind.None, "")]
        [DataRow("/sys/a1TestPK001/dev-001", (int)AlinkKind.None, "")]                       // truncated
        [DataRow("/shadow/get/a1TestPK001/dev-0012", (int)AlinkKind.None, "")]
        [DataRow("/ota/device/upgrade/a1TestPK001/dev-001", (int)AlinkKind.None, "")]
        [DataRow("", (int)AlinkKind.None, "")]
        public void Classify(string topic, int kind, string identifier)
        {
            byte[] t = TestTsl.Bytes(topic);
            int idOffset, idCount;
            long messageId;
            Assert.AreEqual(kind, (int)Topics().Classify(t, 0, t.Length, out idOffset, out idCount, out messageId));
            Assert.AreEqual(identifier, TestTsl.Text(t, idOffset, idCount));
        }

        [TestMethod]
        public void Classify_SyncService_FromTheCapture()
        {
            byte[] t = TestTsl.Bytes("/ext/rrpc/1700000000000000004/sys/a1TestPK001/dev-001/thing/service/getStatus");
            int idOffset, idCount;
            long messageId;
            Assert.AreEqual((int)AlinkKind.SyncService, (int)Topics().Classify(t, 0, t.Length, out idOffset, out idCount, out messageId));
            Assert.AreEqual("getStatus", TestTsl.Text(t, idOffset, idCount));
            Assert.AreEqual(1700000000000000004L, messageId);
        }

        [TestMethod]
        public void Classify_CustomRrpc_FromTheCapture()
        {
            byte[] t = TestTsl.Bytes("/ext/rrpc/1700000000000000007/a1TestPK001/dev-001/user/rrpc_demo");
            int idOffset, idCount;
            long messageId;
            Assert.AreEqual((int)AlinkKind.CustomRrpc, (int)Topics().Classify(t, 0, t.Length, out idOffset, out idCount, out messageId));
            Assert.AreEqual("/a1TestPK001/dev-001/user/rrpc_demo", TestTsl.Text(t, idOffset, idCount));
            Assert.AreEqual(1700000000000000007L, messageId);
        }

        [TestMethod]
        public void Classify_RrpcOfAnotherDevicesService_IsCustom()
        {
            byte[] t = TestTsl.Bytes("/ext/rrpc/5/sys/a1TestPK001/dev-009/thing/service/getStatus");
            int idOffset, idCount;
            long messageId;
            Assert.AreEqual((int)AlinkKind.CustomRrpc, (int)Topics().Classify(t, 0, t.Length, out idOffset, out idCount, out messageId));
            Assert.AreEqual(5L, messageId);
        }

        [TestMethod]
        public void Classify_SystemRrpc_FromTheCapture()
        {
            byte[] t = TestTsl.Bytes("xx/sys/a1TestPK001/dev-001/rrpc/request/1700000000000000006");
            int idOffset, idCount;
            long messageId;
            Assert.AreEqual((int)AlinkKind.SystemRrpc, (int)Topics().Classify(t, 2, t.Length - 2, out idOffset, out idCount, out messageId));
            Assert.AreEqual(1700000000000000006L, messageId);
        }

        [TestMethod]
        public void DownlinkFilters_WithModel_OnePerService()
        {
            string[] f = Topics().GetDownlinkFilters(TestTsl.Load());
            Assert.AreEqual(12, f.Length);
            Assert.AreEqual(Sys + "thing/service/property/set", f[0]);
            Assert.AreEqual(Sys + "thing/event/+/post_reply", f[1]);
            Assert.AreEqual(Sys + "thing/model/down_raw", f[2]);
            Assert.AreEqual(Sys + "thing/model/up_raw_reply", f[3]);
            Assert.AreEqual(Sys + "thing/deviceinfo/update_reply", f[4]);
            Assert.AreEqual(Sys + "thing/deviceinfo/delete_reply", f[5]);
            Assert.AreEqual("/shadow/get/a1TestPK001/dev-001", f[6]);
            Assert.AreEqual(Sys + "rrpc/request/+", f[7]);
            Assert.AreEqual("/ext/rrpc/+/sys/a1TestPK001/dev-001/thing/service/+", f[8]);
            Assert.AreEqual(Sys + "thing/service/reboot", f[9]);
            Assert.AreEqual(Sys + "thing/service/getStatus", f[10]);
            Assert.AreEqual(Sys + "thing/event/property/+/post_reply", f[11]);   // batch and history post replies
        }

        [TestMethod]
        public void DownlinkFilters_WithoutModel_ServiceWildcard()
        {
            string[] f = Topics().GetDownlinkFilters(null);
            Assert.AreEqual(11, f.Length);
            Assert.AreEqual(Sys + "thing/service/+", f[9]);
            Assert.AreEqual(Sys + "thing/event/property/+/post_reply", f[10]);
        }
    }
}
