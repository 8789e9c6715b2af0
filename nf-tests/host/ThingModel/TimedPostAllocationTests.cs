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
    /// The steady-state promise for batch and history posts: 10,000 posts with their replies (and as many timeouts)
    /// through the recording transport allocate 0 bytes on the test thread, the SDK's own code included. Every series,
    /// value kind and the event path is written each time.
    /// </summary>
    public class TimedPostAllocationTests
    {
        private const string Sys = ThingHarness.Sys;
        private const long T0 = 1700000000000L;

        /// <summary>Scalars of each kind, a struct, an array of structs and an event, each dated.</summary>
        private static void Write(BatchWriter w, double temperature, long time)
        {
            w.BeginProperty("temperature");
            w.Value(temperature, time);
            w.Value(temperature + 0.25, time + 60000);
            w.EndProperty();
            w.BeginProperty("LightSwitch");
            w.Value(true, time);
            w.EndProperty();
            w.BeginProperty("Label");
            w.Value("kitchen", time);
            w.EndProperty();
            w.BeginProperty("LastSeen");
            w.DateValue(time - 1, time);
            w.EndProperty();
            w.BeginProperty("Location");
            ThingWriter s = w.BeginValue(time);
            s.Write("lat", 31.2304);
            s.Write("lon", 121.4737);
            w.EndValue();
            w.EndProperty();
            w.BeginProperty("Schedule");
            ThingWriter a = w.BeginValue(time);
            a.WriteStartStruct();
            a.Write("hour", 7);
            a.Write("on", true);
            a.WriteEndStruct();
            w.EndValue();
            w.EndProperty();
            w.BeginEvent("alarm");
            w.BeginValue(time).Write("level", 2);
            w.EndValue();
            w.EndEvent();
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Post_AndReply(bool history)
        {
            Run((client, transport, clock) =>
            {
                byte[] topic = Bytes(Sys + (history ? "thing/event/property/history/post_reply" : "thing/event/property/batch/post_reply"));
                byte[] prefix = Bytes("{\"code\":200,\"data\":{},\"id\":\"");
                byte[] suffix = Bytes("\",\"message\":\"success\",\"version\":\"1.0\"}");
                byte[] reply = new byte[256];
                int replies = 0;
                ThingReplyHandler count = (s, r) => { if (r.Code == 200 && r.MessageEquals("success")) replies++; };
                if (history) client.HistoryPostReplied += count; else client.BatchPostReplied += count;
                double temperature = 20.0;
                long time = T0;
                Action op = () =>
                {
                    Write(history ? client.BeginHistoryPost() : client.BeginBatchPost(), temperature, time);
                    long id;
                    int rc = history ? client.EndHistoryPost(out id) : client.EndBatchPost(out id);
                    if (rc != ErrorCode.Ok) throw new InvalidOperationException("post failed: " + rc);
                    transport.CompletePublish(transport.LastPublishId, true);
                    transport.InjectMessage(topic, topic.Length, reply, WithId(reply, prefix, id, suffix), 0);
                    temperature = temperature > 100 ? -20.0 : temperature + 0.5;
                    time += 1000;
                };
                Measure((history ? "history" : "batch") + " post (7 series, 8 values) + post_reply", op);
                Assert.Equal(Operations + 50, replies);
                Assert.StartsWith("{\"id\":\"" + (Operations + 50) + "\",\"version\":\"1.0\",\"params\":", transport.LastPublishPayload);
            });
        }

        [Fact]
        public void RefusedPost_AndTimeouts()
        {
            Run((client, transport, clock) =>
            {
                int timeouts = 0;
                client.BatchPostReplied += (s, r) => { if (r.IsTimeout) timeouts++; };
                client.HistoryPostReplied += (s, r) => { if (r.IsTimeout) timeouts++; };
                Action op = () =>
                {
                    BatchWriter w = client.BeginBatchPost();
                    w.BeginProperty("temperature");
                    w.Value(500.0, T0);
                    w.EndProperty();
                    long id;
                    if (client.EndBatchPost(out id) != ErrorCode.ValueOutOfRange) throw new InvalidOperationException("not refused");
                    w = client.BeginHistoryPost();
                    w.BeginProperty("Brightness");
                    w.Value(42, T0);
                    w.EndProperty();
                    if (client.EndHistoryPost(out id) != ErrorCode.Ok) throw new InvalidOperationException("post failed");
                    transport.CompletePublish(transport.LastPublishId, true);
                    clock.Now += 11;
                    client.ProcessTimeouts();
                };
                Measure("refused batch post, history post + reply timeout", op);
                Assert.Equal(Operations + 50, timeouts);
            });
        }
    }
}
