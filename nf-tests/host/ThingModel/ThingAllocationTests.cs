using System;
using System.Text;
using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.Storage;
using LinkKit.Nano.Tests.ThingModels;
using LinkKit.Nano.Text;
using Xunit;

using static LinkKit.Nano.Tests.Host.ThingModel.ThingAllocations;

namespace LinkKit.Nano.Tests.Host.ThingModel
{
    /// <summary>
    /// The steady-state promise for the thing model: 10,000 round trips of each kind through the recording transport
    /// (which allocates nothing) allocate 0 bytes on the test thread, the SDK's own code included. Inputs, handlers
    /// and topics are built before measuring; RRPC message ids are rewritten in place in one topic buffer.
    /// </summary>
    public class ThingAllocationTests
    {
        private const string Sys = ThingHarness.Sys;

        /// <summary>Writes <paramref name="id"/> as 19 digits at <paramref name="at"/> (ids from 10^18 keep the width).</summary>
        private static void SetMessageId(byte[] topic, int at, long id)
        {
            NumberFormatter.WriteInt64(id, topic, at, 19);
        }

        [Fact]
        public void PropertyPost_AndReply()
        {
            double temperature = 20.0;
            PropertyPostRoundTrips("property post + post_reply", (w, clock) =>
            {
                w.Write("temperature", temperature);
                w.Write("LightSwitch", true);
                w.WriteStartStruct("Location");
                w.Write("lat", 31.2304);
                w.Write("lon", 121.4737);
                w.WriteEndStruct();
                temperature += 0.5;
                if (temperature > 100) temperature = -20.0;
            });
        }

        [Fact]
        public void PropertyPost_ThroughTheOfflineQueue_AndReply()
        {
            PropertyPostRoundTrips("property post kept, sent, acknowledged + post_reply", (w, clock) =>
            {
                clock.ExtraMilliseconds = (clock.ExtraMilliseconds + 7) % 1000;   // a new capture time each post
                w.Write("temperature", 21.5);
                w.Write("LightSwitch", true);
            }, o => o.OfflineQueueBytes = 4096);
        }

        /// <summary>Measures posts written by <paramref name="write"/>, each acknowledged and answered 200.</summary>
        private static void PropertyPostRoundTrips(string what, Action<ThingWriter, TestClock> write, Action<LinkKitOptions> configure = null)
        {
            Run((client, transport, clock) =>
            {
                byte[] topic = Bytes(Sys + "thing/event/property/post_reply");
                byte[] prefix = Bytes("{\"code\":200,\"data\":{},\"id\":\"");
                byte[] suffix = Bytes("\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}");
                byte[] reply = new byte[256];
                int replies = 0;
                client.PropertyPostReplied += (s, r) => { if (r.Code == 200 && r.MessageEquals("success")) replies++; };
                Action op = () =>
                {
                    write(client.BeginPropertyPost(), clock);
                    long id;
                    if (client.EndPropertyPost(out id) != ErrorCode.Ok) throw new InvalidOperationException("post failed");
                    transport.CompletePublish(transport.LastPublishId, true);
                    int n = WithId(reply, prefix, id, suffix);
                    transport.InjectMessage(topic, topic.Length, reply, n, 0);
                };
                Measure(what, op);
                Assert.Equal(Operations + 50, replies);
                Assert.Equal(0, client.OfflineQueuedCount);
            }, configure: configure);
        }

        [Fact]
        public void Posts_ThroughTheDurableJournal_AndReplies()
        {
            // The journal on (a flash model that allocates nothing): every post is appended, the marker advances every
            // 16 posts done and the file is compacted every ~63 posts; none of it allocates.
            JournalFlash flash = new JournalFlash(new Power(), 16384);
            Run((client, transport, clock) =>
            {
                byte[] topic = Bytes(Sys + "thing/event/property/post_reply");
                byte[] prefix = Bytes("{\"code\":200,\"data\":{},\"id\":\"");
                byte[] suffix = Bytes("\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}");
                byte[] eventTopic = Bytes(Sys + "thing/event/alarm/post_reply");
                byte[] eventPrefix = Bytes("{\"code\":200,\"data\":{},\"message\":\"success\",\"id\":\"");
                byte[] eventSuffix = Bytes("\"}");
                byte[] reply = new byte[256];
                byte[] raw = new byte[] { 0x01, 0x02, 0x03 };
                int replies = 0;
                client.PropertyPostReplied += (s, r) => { if (r.Code == 200) replies++; };
                client.EventPostReplied += (s, r) => { if (r.IdentifierEquals("alarm")) replies++; };
                Action op = () =>
                {
                    clock.ExtraMilliseconds = (clock.ExtraMilliseconds + 7) % 1000;
                    ThingWriter w = client.BeginPropertyPost();
                    w.Write("temperature", 21.5);
                    w.Write("LightSwitch", true);
                    long id;
                    if (client.EndPropertyPost(out id) != ErrorCode.Ok) throw new InvalidOperationException("post failed");
                    transport.CompletePublish(transport.LastPublishId, true);
                    transport.InjectMessage(topic, topic.Length, reply, WithId(reply, prefix, id, suffix), 0);
                    client.BeginEventPost("alarm").Write("level", 3);
                    if (client.EndEventPost(out id) != ErrorCode.Ok) throw new InvalidOperationException("event post failed");
                    transport.InjectMessage(eventTopic, eventTopic.Length, reply, WithId(reply, eventPrefix, id, eventSuffix), 0);
                    if (client.PostRawData(raw, 0, raw.Length) != ErrorCode.Ok) throw new InvalidOperationException("raw post failed");
                };
                Measure("property post, event post and raw data kept on flash, sent, acknowledged + replies", op);
                Assert.Equal(2 * (Operations + 50), replies);
                Assert.Equal(0, client.OfflineQueuedCount);
                // Flash writes per post, connected: 1 append, plus 2 truncations per compaction (478, each with nothing
                // left to copy) and a marker write per compaction and per 16 posts done (1437): 1.1 writes per post.
                Assert.Equal(3 * (Operations + 50), flash.Appends);
                Assert.Equal(2 + 2 * 478, flash.Truncates);
                Assert.Equal(1 + 478 + 1437, flash.Marker.Writes);
            }, configure: o =>
            {
                o.OfflineQueueBytes = 4096;
                o.OfflineJournal = flash.Storage();
            });
        }

        [Fact]
        public void EventPost_AndReply()
        {
            Run((client, transport, clock) =>
            {
                byte[] topic = Bytes(Sys + "thing/event/alarm/post_reply");
                byte[] prefix = Bytes("{\"code\":200,\"data\":{},\"message\":\"success\",\"id\":\"");
                byte[] suffix = Bytes("\"}");
                byte[] reply = new byte[prefix.Length + 16];
                int replies = 0;
                client.EventPostReplied += (s, r) => { if (r.IdentifierEquals("alarm")) replies++; };
                Action op = () =>
                {
                    client.BeginEventPost("alarm").Write("level", 3);
                    long id;
                    if (client.EndEventPost(out id) != ErrorCode.Ok) throw new InvalidOperationException("event post failed");
                    transport.InjectMessage(topic, topic.Length, reply, WithId(reply, prefix, id, suffix), 0);
                };
                Measure("event post + post_reply", op);
                Assert.Equal(Operations + 50, replies);
            });
        }

        [Fact]
        public void PropertySet_AndReply()
        {
            Run((client, transport, clock) =>
            {
                byte[] topic = Bytes(Sys + "thing/service/property/set");
                byte[] set = Bytes("{\"method\":\"thing.service.property.set\",\"id\":\"100001\",\"params\":{\"temperature\":30.5,\"LightSwitch\":1,\"Schedule\":[{\"hour\":7,\"on\":1}]},\"version\":\"1.0.0\"}");
                int light = 0;
                client.PropertySet += (LinkKitClient s, long id, JsonReader p, ref int code) =>
                {
                    if (p.MoveToProperty("LightSwitch") && p.TryGetInt32(out light) == ErrorCode.Ok && light == 1) code = 200;
                };
                Action op = () =>
                {
                    transport.InjectMessage(topic, topic.Length, set, set.Length, 0);
                    transport.CompletePublish(transport.LastPublishId, true);       // the set_reply went out at QoS 1
                };
                Measure("property set (checked against the TSL) + set_reply", op);
                Assert.Equal(1, light);
                Assert.Equal("{\"id\":\"100001\",\"code\":200,\"data\":{}}", transport.LastPublishPayload);
            });
        }

        [Fact]
        public void AsyncServiceCall_AndAnswer()
        {
            Run((client, transport, clock) =>
            {
                byte[] topic = Bytes(Sys + "thing/service/reboot");
                byte[] call = Bytes("{\"method\":\"thing.service.reboot\",\"id\":\"100003\",\"params\":{\"delay\":5},\"version\":\"1.0\"}");
                int delay = 0;
                client.ServiceCalled += (s, c) =>
                {
                    JsonReader p = c.Parameters;
                    if (p.MoveToProperty("delay")) p.TryGetInt32(out delay);
                    ThingWriter w = s.BeginServiceAnswer(c, 200);
                    w.Write("accepted", true);
                    s.EndServiceAnswer();
                };
                Action op = () => transport.InjectMessage(topic, topic.Length, call, call.Length, 0);
                Measure("async service call + answer", op);
                Assert.Equal(5, delay);
                Assert.Equal(Sys + "thing/service/reboot_reply", transport.LastPublishTopic);
            });
        }

        [Fact]
        public void SyncServiceCall_AndAnswer_WithItsEcho()
        {
            Run((client, transport, clock) =>
            {
                byte[] topic = Bytes("/ext/rrpc/1000000000000000000/sys/a1TestPK001/dev-001/thing/service/getStatus");
                byte[] call = Bytes("{\"method\":\"thing.service.getStatus\",\"id\":100004,\"params\":{},\"version\":\"1.0\"}");
                byte[] echo = Bytes("{\"id\":\"100004\",\"code\":200,\"data\":{\"uptime\":1234}}");
                long messageId = 1000000000000000000L;
                int calls = 0;
                client.ServiceCalled += (s, c) =>
                {
                    calls++;
                    ThingWriter w = s.BeginServiceAnswer(c, 200);
                    w.Write("uptime", 1234);
                    s.EndServiceAnswer();
                };
                Action op = () =>
                {
                    SetMessageId(topic, 10, ++messageId);
                    transport.InjectMessage(topic, topic.Length, call, call.Length, 0);
                    transport.InjectMessage(topic, topic.Length, echo, echo.Length, 0);  // a plain broker's echo: dropped
                };
                Measure("sync service call (RRPC) + answer + echo dropped", op);
                Assert.Equal(Operations + 50, calls);
                Assert.Equal(Operations + 50, client.EchoMessageCount);
            });
        }

        [Fact]
        public void RawData_UpAndDown()
        {
            Run((client, transport, clock) =>
            {
                byte[] up = new byte[] { 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x19 };
                byte[] upReplyTopic = Bytes(Sys + "thing/model/up_raw_reply");
                byte[] upReply = new byte[] { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
                byte[] downTopic = Bytes(Sys + "thing/model/down_raw");
                byte[] down = new byte[] { 0x01, 0x00, 0x00, 0x00, 0x08, 0x01, 0x01 };
                byte[] downReply = new byte[] { 0x03, 0x00, 0x00, 0x00, 0x09, 0x00 };
                int replied = 0, arrived = 0;
                client.RawDataReplied += (s, p, o, c) => replied += c;
                client.RawDataArrived += (s, p, o, c) =>
                {
                    arrived += c;
                    s.ReplyRawData(downReply, 0, downReply.Length);
                };
                Action op = () =>
                {
                    if (client.PostRawData(up, 0, up.Length) != ErrorCode.Ok) throw new InvalidOperationException("raw post failed");
                    transport.InjectMessage(upReplyTopic, upReplyTopic.Length, upReply, upReply.Length, 0);
                    transport.InjectMessage(downTopic, downTopic.Length, down, down.Length, 0);
                };
                Measure("raw up + up_raw_reply, down_raw + down_raw_reply", op);
                Assert.Equal((Operations + 50) * 6, replied);
                Assert.Equal((Operations + 50) * 7, arrived);
            }, withModel: false);
        }

        [Fact]
        public void TagsUpdate_AndReply()
        {
            Run((client, transport, clock) =>
            {
                string[] keys = { "room", "floor" };
                string[] values = { "lab", "3" };
                byte[] topic = Bytes(Sys + "thing/deviceinfo/update_reply");
                byte[] prefix = Bytes("{\"code\":200,\"data\":{},\"message\":\"success\",\"id\":\"");
                byte[] suffix = Bytes("\"}");
                byte[] reply = new byte[prefix.Length + 16];
                int replies = 0;
                client.TagsUpdateReplied += (s, r) => replies++;
                Action op = () =>
                {
                    long id;
                    if (client.UpdateTags(keys, values, 2, out id) != ErrorCode.Ok) throw new InvalidOperationException("tags failed");
                    transport.InjectMessage(topic, topic.Length, reply, WithId(reply, prefix, id, suffix), 0);
                };
                Measure("tags update + update_reply", op);
                Assert.Equal(Operations + 50, replies);
            });
        }

        [Fact]
        public void ShadowUpdate_GetReply_AndControlPush()
        {
            Run((client, transport, clock) =>
            {
                byte[] topic = Bytes("/shadow/get/a1TestPK001/dev-001");
                byte[] updateReply = Bytes(ShadowTests.UpdateReply);
                byte[] getReply = Bytes(ShadowTests.GetReply);
                byte[] control = Bytes(ShadowTests.Control);
                byte[] state = new byte[256];
                int received = 0, stateBytes = 0;
                long version = 0;
                client.ShadowReceived += (s, d) =>
                {
                    received++;
                    if (d.Method == ShadowMethod.Control && d.State.MoveToProperty("desired")) stateBytes = s.LatestShadow.CopyState(state, 0, state.Length);
                };
                Action op = () =>
                {
                    ThingWriter w = client.BeginShadowUpdate(++version);
                    w.Write("color", "red");
                    if (client.EndShadowUpdate() != ErrorCode.Ok) throw new InvalidOperationException("shadow update failed");
                    transport.CompletePublish(transport.LastPublishId, true);
                    transport.InjectMessage(topic, topic.Length, updateReply, updateReply.Length, 0);
                    if (client.GetShadow() != ErrorCode.Ok) throw new InvalidOperationException("shadow get failed");
                    transport.CompletePublish(transport.LastPublishId, true);
                    transport.InjectMessage(topic, topic.Length, getReply, getReply.Length, 0);
                    transport.InjectMessage(topic, topic.Length, control, control.Length, 0);
                };
                Measure("shadow update + reply, get + reply, control push (cached)", op);
                Assert.Equal((Operations + 50) * 3, received);
                Assert.Equal("{\"desired\":{\"color\":\"blue\"}}", Encoding.UTF8.GetString(state, 0, stateBytes));
            }, withModel: false);
        }

        [Fact]
        public void SystemRrpc_RoundTrip()
        {
            Run((client, transport, clock) =>
            {
                byte[] topic = Bytes(Sys + "rrpc/request/1000000000000000000");
                byte[] ping = Bytes("ping");
                byte[] pong = Bytes("{\"pong\":true}");
                long messageId = 1000000000000000000L;
                int answered = 0;
                client.RrpcRequestReceived += (s, r) => { if (s.AnswerRrpc(r.MessageId, pong, 0, pong.Length) == ErrorCode.Ok) answered++; };
                Action op = () =>
                {
                    SetMessageId(topic, Sys.Length + 13, ++messageId);
                    transport.InjectMessage(topic, topic.Length, ping, ping.Length, 0);
                };
                Measure("system RRPC request + response", op);
                Assert.Equal(Operations + 50, answered);
                Assert.Equal(Sys + "rrpc/response/" + messageId, transport.LastPublishTopic);
            });
        }

        [Fact]
        public void CustomRrpc_RoundTrip_WithItsEcho()
        {
            Run((client, transport, clock) =>
            {
                byte[] topic = Bytes("/ext/rrpc/1000000000000000000/a1TestPK001/dev-001/user/rrpc_demo");
                byte[] hello = Bytes("hello rrpc");
                byte[] pong = Bytes("pong-from-device");
                long messageId = 1000000000000000000L;
                int answered = 0;
                client.RrpcRequestReceived += (s, r) =>
                {
                    if (r.TopicEquals("/a1TestPK001/dev-001/user/rrpc_demo") && s.AnswerRrpc(r.MessageId, pong, 0, pong.Length) == ErrorCode.Ok) answered++;
                };
                Action op = () =>
                {
                    SetMessageId(topic, 10, ++messageId);
                    transport.InjectMessage(topic, topic.Length, hello, hello.Length, 0);
                    transport.InjectMessage(topic, topic.Length, pong, pong.Length, 0);     // the broker's echo: dropped
                };
                Measure("custom RRPC request + answer + echo dropped", op);
                Assert.Equal(Operations + 50, answered);
                Assert.Equal(Operations + 50, client.EchoMessageCount);
            });
        }

        [Fact]
        public void ReplyTimeout()
        {
            Run((client, transport, clock) =>
            {
                int timeouts = 0;
                client.PropertyPostReplied += (s, r) => { if (r.IsTimeout) timeouts++; };
                Action op = () =>
                {
                    client.BeginPropertyPost().Write("Brightness", 42);
                    long id;
                    if (client.EndPropertyPost(out id) != ErrorCode.Ok) throw new InvalidOperationException("post failed");
                    transport.CompletePublish(transport.LastPublishId, true);
                    clock.Now += 11;
                    client.ProcessTimeouts();
                };
                Measure("property post + reply timeout", op);
                Assert.Equal(Operations + 50, timeouts);
            });
        }

        [Fact]
        public void RefusedPost_AndMalformedDownlinks()
        {
            Run((client, transport, clock) =>
            {
                byte[] setTopic = Bytes(Sys + "thing/service/property/set");
                byte[] badJson = Bytes("{\"id\":\"1\",\"params\":{\"LightSwitch\":");
                byte[] badParams = Bytes("{\"id\":\"2\",\"params\":{\"Brightness\":101}}");
                byte[] replyTopic = Bytes(Sys + "thing/event/property/post_reply");
                byte[] unmatched = Bytes("{\"code\":200,\"id\":\"999999\"}");
                Action op = () =>
                {
                    client.BeginPropertyPost().Write("notInTsl", 1);
                    long id;
                    if (client.EndPropertyPost(out id) != ErrorCode.PropertyNotDeclared) throw new InvalidOperationException("not refused");
                    transport.InjectMessage(setTopic, setTopic.Length, badJson, badJson.Length, 0);
                    transport.InjectMessage(setTopic, setTopic.Length, badParams, badParams.Length, 0);
                    transport.CompletePublish(transport.LastPublishId, true);
                    transport.InjectMessage(replyTopic, replyTopic.Length, unmatched, unmatched.Length, 0);
                };
                Measure("refused post, malformed set, set with bad params (answered 460), unmatched reply", op);
                Assert.Equal(Operations + 50, client.MalformedMessageCount);
                Assert.Equal(Operations + 50, client.InvalidParamsCount);
                Assert.Equal(Operations + 50, client.UnmatchedReplyCount);
            });
        }
    }
}
