using System;
using System.Text;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.ThingModels;
using LinkKit.Nano.Text;
using Xunit;

using static LinkKit.Nano.Tests.Host.ThingModel.ThingAllocations;

namespace LinkKit.Nano.Tests.Host.ThingModel
{
    /// <summary>
    /// The field services' per-message paths allocate nothing on the test thread, the SDK's own code included: desired
    /// queries and deletions with their replies read through the lent view, device log posts (sent and refused), the
    /// switch's pushes, broadcasts, the bootstrap notice's answer, and DeviceLogSink.Write.
    /// </summary>
    public class FieldServicesAllocationTests
    {
        private const string Sys = ThingHarness.Sys;

        [Fact]
        public void DesiredGet_AndReply_ReadThroughTheView()
        {
            Run((client, transport, clock) =>
            {
                string[] identifiers = { "LightSwitch", "Label", "Location" };
                byte[] topic = Bytes(Sys + "thing/property/desired/get_reply");
                byte[] prefix = Bytes("{\"code\":200,\"data\":{\"LightSwitch\":{\"value\":1,\"version\":3},\"Label\":{\"value\":\"hall\",\"version\":7},"
                    + "\"Location\":{\"value\":{\"lat\":31.5,\"lon\":121.25},\"version\":4}},\"message\":\"success\",\"id\":\"");
                byte[] suffix = Bytes("\"}");
                byte[] reply = new byte[prefix.Length + 16];
                byte[] text = new byte[16];
                int replies = 0;
                long versions = 0;
                client.DesiredPropertiesGetReplied += (s, r, d) =>
                {
                    while (d.MoveNext())
                    {
                        versions += d.Version;
                        if (d.IdentifierEquals("LightSwitch") && d.TryGetInt32(out int on) == ErrorCode.Ok && on == 1) replies++;
                        if (d.IdentifierEquals("Label")) d.CopyString(text, 0, text.Length);
                    }

                    if (d.MoveTo("Location") && d.Value.MoveToProperty("lat") && d.Value != null) versions++;
                };
                Action op = () =>
                {
                    if (client.GetDesiredProperties(identifiers, out long id) != ErrorCode.Ok) throw new InvalidOperationException("desired get failed");
                    transport.InjectMessage(topic, topic.Length, reply, WithId(reply, prefix, id, suffix), 0);
                };
                Measure("desired get + get_reply, every entry read", op);
                Assert.Equal(Operations + 50, replies);
                Assert.Equal(15L * (Operations + 50), versions);
            });
        }

        [Fact]
        public void DesiredDelete_AndReply()
        {
            Run((client, transport, clock) =>
            {
                string[] identifiers = { "LightSwitch", "Label" };
                long[] versions = { 3, -1 };
                byte[] topic = Bytes(Sys + "thing/property/desired/delete_reply");
                byte[] prefix = Bytes("{\"code\":200,\"data\":{},\"message\":\"success\",\"id\":\"");
                byte[] suffix = Bytes("\"}");
                byte[] reply = new byte[prefix.Length + 16];
                int replies = 0;
                client.DesiredPropertiesDeleteReplied += (s, r) => { if (r.Code == 200) replies++; };
                Action op = () =>
                {
                    if (client.DeleteDesiredProperties(identifiers, versions, out long id) != ErrorCode.Ok) throw new InvalidOperationException("desired delete failed");
                    transport.InjectMessage(topic, topic.Length, reply, WithId(reply, prefix, id, suffix), 0);
                };
                Measure("desired delete + delete_reply", op);
                Assert.Equal(Operations + 50, replies);
            });
        }

        [Fact]
        public void DeviceLog_PostsAndSwitchPushes()
        {
            Run((client, transport, clock) =>
            {
                byte[] push = Bytes(Sys + "thing/config/log/push");
                byte[] on = Bytes("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"getType\":\"content\",\"content\":{\"mode\":1},\"configScope\":\"device\"},\"method\":\"thing.config.log.push\"}");
                byte[] off = Bytes("{\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"getType\":\"content\",\"content\":{\"mode\":0},\"configScope\":\"device\"},\"method\":\"thing.config.log.push\"}");
                byte[] content = Bytes("pressure 3.5 bar");
                int switches = 0;
                client.DeviceLogSwitchReceived += (s, isOn) => switches++;
                Action op = () =>
                {
                    transport.InjectMessage(push, push.Length, on, on.Length, 0);
                    if (client.PostLog(LogLevel.Warning, "pump", "E42", "t-1", "dry run") != ErrorCode.Ok) throw new InvalidOperationException("log post failed");
                    if (client.PostLog(LogLevel.Info, "pump", "I7", null, content, 0, content.Length) != ErrorCode.Ok) throw new InvalidOperationException("log post failed");
                    transport.InjectMessage(push, push.Length, off, off.Length, 0);
                    if (client.PostLog(LogLevel.Error, "pump", "E1", null, "refused") != ErrorCode.DeviceLogOff) throw new InvalidOperationException("not refused");
                };
                Measure("switch on, two log posts, switch off, a refused post", op);
                Assert.Equal(2 * (Operations + 50), switches);
            });
        }

        [Fact]
        public void Broadcast_AndBootstrapNoticeAnswer()
        {
            Run((client, transport, clock) =>
            {
                byte[] broadcast = Bytes(Sys + "broadcast/request/1700000000000000009");
                byte[] payload = Bytes("{\"text\":\"maintenance at 02:00\"}");
                byte[] notify = Bytes(Sys + "thing/bootstrap/notify");
                byte[] notice = Bytes("{\"id\":\"123\",\"version\":\"1.0\",\"params\":{\"cmd\":0},\"method\":\"thing.bootstrap.notify\"}");
                long ids = 0;
                int notices = 0;
                client.BroadcastReceived += (s, m) => ids += m.MessageId - 1700000000000000008L;
                client.BootstrapNotified += (LinkKitClient s, int command, ref bool reconnect) =>
                {
                    notices++;
                    reconnect = false;   // answered and raised; the reconnect itself is the connection thread's
                };
                Action op = () =>
                {
                    transport.InjectMessage(broadcast, broadcast.Length, payload, payload.Length, 0);
                    transport.InjectMessage(notify, notify.Length, notice, notice.Length, 0);
                };
                Measure("broadcast raised, bootstrap notice answered and raised", op);
                Assert.Equal(Operations + 50, ids);
                Assert.Equal(Operations + 50, notices);
                Assert.Equal("{\"id\":\"123\",\"code\":200,\"data\":{}}", transport.LastPublishPayload);
            });
        }

        [Fact]
        public void DeviceLogSink_Write()
        {
            Run((client, transport, clock) =>
            {
                using DeviceLogSink sink = new DeviceLogSink(client, LogLevel.Warning, 600, null);
                Action op = () =>
                {
                    sink.Write(LogLevel.Warning, "a line");    // queued, or dropped once the bucket is empty (the switch is off)
                    sink.Write(LogLevel.Debug, "below the level");
                };
                Measure("DeviceLogSink.Write: queue, rate limit, level filter", op);
                Assert.Equal(600, sink.QueuedCount);
                Assert.Equal(Operations + 50 - 600, sink.DroppedCount);
            });
        }
    }
}
