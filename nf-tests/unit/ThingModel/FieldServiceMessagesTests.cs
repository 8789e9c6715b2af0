using LinkKit.Nano.Text;
using LinkKit.Nano.Things;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>The field services' topics, their classification and the exact payloads the device sends (docs/protocol.md, Field services).</summary>
    [TestClass]
    public class FieldServiceMessagesTests
    {
        private const string Sys = "/sys/a1TestPK001/dev-001/";

        private static ThingTopics Topics()
        {
            return new ThingTopics(TestTsl.ProductKey, TestTsl.DeviceName);
        }

        [TestMethod]
        [DataRow(0, "/sys/a1TestPK001/dev-001/thing/property/desired/get")]
        [DataRow(1, "/sys/a1TestPK001/dev-001/thing/property/desired/delete")]
        [DataRow(2, "/sys/a1TestPK001/dev-001/thing/log/post")]
        [DataRow(3, "/sys/a1TestPK001/dev-001/thing/config/log/get")]
        [DataRow(4, "/sys/a1TestPK001/dev-001/thing/bootstrap/notify_reply")]
        public void Topic_Exact_ExactFit_OneByteShort(int which, string expected)
        {
            byte[] buffer = new byte[256];
            int n = WriteTopic(which, buffer, 0, buffer.Length);
            Assert.AreEqual(expected, TestTsl.Text(buffer, 0, n));

            byte[] exact = TestTsl.Filled(n + 2, 0xEE);
            Assert.AreEqual(n, WriteTopic(which, exact, 1, n));
            Assert.AreEqual((byte)0xEE, exact[0]);
            Assert.AreEqual((byte)0xEE, exact[n + 1]);

            byte[] small = TestTsl.Filled(n + 1, 0xEE);
            Assert.AreEqual(ErrorCode.BufferTooSmall, WriteTopic(which, small, 1, n - 1));
            Assert.IsTrue(TestTsl.AllBytes(small, 0xEE), "nothing written");
        }

        private static int WriteTopic(int which, byte[] b, int o, int c)
        {
            ThingTopics t = Topics();
            switch (which)
            {
                case 0: return t.WriteDesiredGetTopic(b, o, c);
                case 1: return t.WriteDesiredDeleteTopic(b, o, c);
                case 2: return t.WriteLogPostTopic(b, o, c);
                case 3: return t.WriteLogSwitchGetTopic(b, o, c);
                default: return t.WriteBootstrapNotifyReplyTopic(b, o, c);
            }
        }

        [TestMethod]
        [DataRow(Sys + "thing/property/desired/get_reply", (int)AlinkKind.DesiredGet, -1L)]
        [DataRow(Sys + "thing/property/desired/delete_reply", (int)AlinkKind.DesiredDelete, -1L)]
        [DataRow(Sys + "thing/config/log/get_reply", (int)AlinkKind.LogSwitch, -1L)]
        [DataRow(Sys + "thing/config/log/push", (int)AlinkKind.LogSwitchPush, -1L)]
        [DataRow(Sys + "thing/log/post_reply", (int)AlinkKind.LogPost, -1L)]
        [DataRow(Sys + "thing/bootstrap/notify", (int)AlinkKind.BootstrapNotify, -1L)]
        [DataRow(Sys + "broadcast/request/1700000000000000009", (int)AlinkKind.Broadcast, 1700000000000000009L)]
        [DataRow(Sys + "broadcast/request/job-7", (int)AlinkKind.Broadcast, -1L)]          // not decimal: id from the topic
        [DataRow(Sys + "thing/property/desired/get", (int)AlinkKind.Uplink, -1L)]           // own uplinks echoed
        [DataRow(Sys + "thing/property/desired/delete", (int)AlinkKind.Uplink, -1L)]
        [DataRow(Sys + "thing/log/post", (int)AlinkKind.Uplink, -1L)]
        [DataRow(Sys + "thing/config/log/get", (int)AlinkKind.Uplink, -1L)]
        [DataRow(Sys + "thing/bootstrap/notify_reply", (int)AlinkKind.Uplink, -1L)]
        [DataRow(Sys + "broadcast/request/", (int)AlinkKind.None, -1L)]                     // no id
        [DataRow(Sys + "broadcast/request/1/2", (int)AlinkKind.None, -1L)]
        [DataRow(Sys + "thing/config/get_reply", (int)AlinkKind.UnknownThing, -1L)]         // remote configuration: the OTA agent's
        [DataRow(Sys + "thing/config/log/get_replyx", (int)AlinkKind.UnknownThing, -1L)]
        [DataRow("/sys/a1TestPK001/dev-002/broadcast/request/1", (int)AlinkKind.None, -1L)]  // another device
        [DataRow("/broadcast/a1TestPK001/news", (int)AlinkKind.None, -1L)]                   // a product broadcast topic: subscribed, custom
        public void Classify(string topic, int kind, long expectedMessageId)
        {
            byte[] t = TestTsl.Bytes(topic);
            int idOffset, idCount;
            long messageId;
            Assert.AreEqual(kind, (int)Topics().Classify(t, 0, t.Length, out idOffset, out idCount, out messageId));
            Assert.AreEqual(expectedMessageId, messageId);
        }

        [TestMethod]
        public void WithFieldServiceFilters_AppendsTheDownlinks()
        {
            ThingTopics topics = Topics();
            string[] f = topics.WithFieldServiceFilters(topics.GetDownlinkFilters(null));
            Assert.AreEqual(11 + ThingTopics.FieldServiceFilterCount, f.Length);
            Assert.AreEqual(Sys + "thing/service/+", f[9]);
            Assert.AreEqual(Sys + "thing/event/property/+/post_reply", f[10]);
            Assert.AreEqual(Sys + "thing/property/desired/get_reply", f[11]);
            Assert.AreEqual(Sys + "thing/property/desired/delete_reply", f[12]);
            Assert.AreEqual(Sys + "thing/config/log/get_reply", f[13]);
            Assert.AreEqual(Sys + "thing/config/log/push", f[14]);
            Assert.AreEqual(Sys + "thing/bootstrap/notify", f[15]);
            Assert.AreEqual(Sys + "broadcast/request/+", f[16]);
        }

        private const string DesiredGet = "{\"id\":\"7\",\"version\":\"1.0\",\"params\":[\"power\",\"temp\"],\"method\":\"thing.property.desired.get\"}";
        private const string DesiredDelete = "{\"id\":\"8\",\"version\":\"1.0\",\"params\":{\"power\":{\"version\":3},\"temp\":{}},\"method\":\"thing.property.desired.delete\"}";
        private const string LogPost = "{\"id\":\"9\",\"version\":\"1.0\",\"params\":[{\"utcTime\":\"2026-12-06T05:30:00.123Z\",\"logLevel\":\"WARN\","
            + "\"module\":\"pump\",\"code\":\"E42\",\"traceContext\":\"t-1\",\"logContent\":\"dry run \\\"stopped\\\"\"}],\"method\":\"thing.log.post\"}";
        private const string LogSwitchGet = "{\"id\":\"10\",\"version\":\"1.0\",\"params\":{\"configScope\":\"device\",\"getType\":\"content\"},\"method\":\"thing.config.log.get\"}";

        [TestMethod]
        [DataRow(0, DesiredGet)]
        [DataRow(1, DesiredDelete)]
        [DataRow(2, LogPost)]
        [DataRow(3, LogSwitchGet)]
        public void Payload_Exact_ExactFit_OneByteShort(int which, string expected)
        {
            byte[] buffer = new byte[512];
            int n = WritePayload(which, buffer, 0, buffer.Length);
            Assert.AreEqual(expected, TestTsl.Text(buffer, 0, n));

            byte[] exact = TestTsl.Filled(n + 2, 0xEE);
            Assert.AreEqual(n, WritePayload(which, exact, 1, n));
            Assert.AreEqual(expected, TestTsl.Text(exact, 1, n));
            Assert.AreEqual((byte)0xEE, exact[n + 1]);

            byte[] small = TestTsl.Filled(n + 1, 0xEE);
            Assert.AreEqual(ErrorCode.BufferTooSmall, WritePayload(which, small, 1, n - 1));
            Assert.AreEqual((byte)0xEE, small[n], "the byte after the window is untouched");
        }

        private static int WritePayload(int which, byte[] b, int o, int c)
        {
            AlinkMessageBuilder builder = new AlinkMessageBuilder();
            switch (which)
            {
                case 0: return builder.WriteDesiredGet(7, new string[] { "power", "temp" }, 2, b, o, c);
                case 1: return builder.WriteDesiredDelete(8, new string[] { "power", "temp" }, new long[] { 3, -1 }, 2, b, o, c);
                case 2: return builder.WriteLogPost(9, 1796535000123L, LogLevel.Warning, "pump", "E42", "t-1", "dry run \"stopped\"", null, 0, 0, b, o, c);
                default: return builder.WriteLogSwitchGet(10, b, o, c);
            }
        }

        [TestMethod]
        public void LogPost_ContentAsBytes_NullFieldsEmpty_LevelNames()
        {
            AlinkMessageBuilder builder = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            byte[] content = TestTsl.Bytes("xxboot okxx");
            int n = builder.WriteLogPost(1, 0, LogLevel.Critical, null, null, null, null, content, 2, 7, buffer, 0, buffer.Length);
            Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":[{\"utcTime\":\"1970-01-01T00:00:00.000Z\",\"logLevel\":\"FATAL\","
                + "\"module\":\"\",\"code\":\"\",\"traceContext\":\"\",\"logContent\":\"boot ok\"}],\"method\":\"thing.log.post\"}", TestTsl.Text(buffer, 0, n));
            Assert.AreEqual("DEBUG", DeviceLogLevels.GetName(LogLevel.Debug));
            Assert.AreEqual("INFO", DeviceLogLevels.GetName(LogLevel.Info));
            Assert.AreEqual("WARN", DeviceLogLevels.GetName(LogLevel.Warning));
            Assert.AreEqual("ERROR", DeviceLogLevels.GetName(LogLevel.Error));
            Assert.AreEqual("FATAL", DeviceLogLevels.GetName(LogLevel.Critical));
        }

        [TestMethod]
        public void DesiredDelete_WithoutVersions_EmptyObjects()
        {
            byte[] buffer = new byte[256];
            int n = new AlinkMessageBuilder().WriteDesiredDelete(4, new string[] { "LightSwitch" }, null, 1, buffer, 0, buffer.Length);
            Assert.AreEqual("{\"id\":\"4\",\"version\":\"1.0\",\"params\":{\"LightSwitch\":{}},\"method\":\"thing.property.desired.delete\"}", TestTsl.Text(buffer, 0, n));
        }

        [TestMethod]
        [DataRow(0L, "1970-01-01T00:00:00.000Z")]
        [DataRow(1L, "1970-01-01T00:00:00.001Z")]
        [DataRow(1700000000000L, "2023-11-14T22:13:20.000Z")]
        [DataRow(1709251199999L, "2024-02-29T23:59:59.999Z")]     // a leap day
        [DataRow(951868800000L, "2000-03-01T00:00:00.000Z")]      // after 2000's leap day (divisible by 400)
        [DataRow(4107585600500L, "2100-03-01T12:00:00.500Z")]     // 2100 has no leap day
        [DataRow(1796535000123L, "2026-12-06T05:30:00.123Z")]
        [DataRow(253402300799999L, "9999-12-31T23:59:59.999Z")]
        [DataRow(253402300800000L, "9999-12-31T23:59:59.999Z")]   // later: the last instant four digits hold
        [DataRow(-1L, "1970-01-01T00:00:00.000Z")]                // earlier: the epoch
        public void UtcTime_Iso8601(long unixMilliseconds, string expected)
        {
            byte[] buffer = TestTsl.Filled(26, 0xEE);
            Assert.AreEqual(UtcTime.Iso8601Length, UtcTime.WriteIso8601(unixMilliseconds, buffer, 1, 24));
            Assert.AreEqual(expected, TestTsl.Text(buffer, 1, 24));
            Assert.AreEqual((byte)0xEE, buffer[0]);
            Assert.AreEqual((byte)0xEE, buffer[25]);
            Assert.AreEqual(ErrorCode.BufferTooSmall, UtcTime.WriteIso8601(unixMilliseconds, buffer, 1, 23));
        }
    }
}
