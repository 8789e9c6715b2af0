using System;
using System.Collections.Concurrent;
using System.Text;
using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.ThingModels;
using Xunit;

namespace LinkKit.Nano.Tests.Host.Interop
{
    /// <summary>
    /// Every thing-model handler through a real broker round trip: the device (LinkKitClient over MQTTnet, with the
    /// test TSL, subscribing its thing topics itself as a plain broker needs) against mosquitto, and an MQTTnet peer
    /// playing the cloud with the wire capture's payloads.
    /// </summary>
    public class ThingBrokerTests
    {
        private const string Sys = ThingHarness.Sys;

        private static Device StartDevice(MosquittoBroker broker, TestClock clock = null)
        {
            LinkKitOptions options = Device.PlainOptions();
            options.SubscribeThingTopics = true;
            if (clock != null) options.Clock = clock;
            Device device = new Device("127.0.0.1", broker.Port, options);
            device.Client.ThingSetup(TestTsl.Load());
            return device;
        }

        /// <summary>Connects and waits for ThingEnabled; then waits until the thing SUBSCRIBE has surely been processed by publishing through it.</summary>
        private static void Connect(Device device, BlockingCollection<string> events)
        {
            device.Client.ConnectAsync();
            Assert.Equal(ConnectResult.Accepted, device.NextConnectResult("connect"));
            Assert.Equal("enabled", Take(events, "ThingEnabled"));
        }

        private static T Take<T>(BlockingCollection<T> queue, string what)
        {
            T item;
            Assert.True(queue.TryTake(out item, TimeSpan.FromSeconds(10)), "timed out waiting for " + what);
            return item;
        }

        /// <summary>
        /// The thing SUBSCRIBE is sent right after CONNACK; a downlink published before mosquitto processed it would be
        /// lost. Property sets are retried until the first one is answered, which proves the subscription is live.
        /// </summary>
        private static void WaitForThingSubscription(CloudPeer cloud)
        {
            for (int attempt = 0; attempt < 50; attempt++)
            {
                cloud.Publish(Sys + "thing/service/property/set", "{\"id\":\"1\",\"params\":{}}");
                try
                {
                    cloud.Expect(Sys + "thing/service/property/set_reply");
                    return;
                }
                catch (TimeoutException)
                {
                    // not subscribed yet
                }
            }

            throw new TimeoutException("the device never subscribed its thing topics");
        }

        [Fact]
        public void PropertyAndEventPosts_RepliesAndTimeout_EnableDisable()
        {
            using MosquittoBroker broker = MosquittoBroker.StartPlain();
            using CloudPeer cloud = CloudPeer.Connect(broker.Port, Sys + "thing/event/+/post", Sys + "thing/service/property/set_reply");
            TestClock clock = new TestClock { Now = 1700000000 };
            using Device device = StartDevice(broker, clock);
            BlockingCollection<string> events = new BlockingCollection<string>();
            device.Client.ThingEnabled += s => events.Add("enabled");
            device.Client.ThingDisabled += s => events.Add("disabled");
            device.Client.PropertyPostReplied += (s, r) => events.Add("prop " + r.RequestId + " " + r.Code + " " + r.GetMessage());
            device.Client.EventPostReplied += (s, r) => events.Add("event " + r.GetIdentifier() + " " + r.RequestId + " " + r.Code);
            Connect(device, events);
            WaitForThingSubscription(cloud);

            ThingWriter w = device.Client.BeginPropertyPost();
            w.Write("temperature", 25.5);
            w.Write("LightSwitch", 1);
            long id;
            Assert.Equal(ErrorCode.Ok, device.Client.EndPropertyPost(out id));
            CloudPeer.Message post = cloud.Expect(Sys + "thing/event/property/post");
            Assert.Equal("{\"id\":\"" + id + "\",\"version\":\"1.0\",\"params\":{\"temperature\":25.5,\"LightSwitch\":1},\"method\":\"thing.event.property.post\"}", post.Text);
            cloud.Publish(Sys + "thing/event/property/post_reply", "{\"code\":200,\"data\":{},\"id\":\"" + id + "\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}");
            Assert.Equal("prop " + id + " 200 success", Take(events, "post reply"));

            device.Client.BeginEventPost("alarm").Write("level", 3);
            Assert.Equal(ErrorCode.Ok, device.Client.EndEventPost(out id));
            Assert.Equal("{\"id\":\"" + id + "\",\"version\":\"1.0\",\"params\":{\"value\":{\"level\":3}},\"method\":\"thing.event.alarm.post\"}", cloud.Expect(Sys + "thing/event/alarm/post").Text);
            cloud.Publish(Sys + "thing/event/alarm/post_reply", "{\"code\":200,\"data\":{},\"id\":\"" + id + "\",\"message\":\"success\",\"method\":\"thing.event.alarm.post\",\"version\":\"1.0\"}");
            Assert.Equal("event alarm " + id + " 200", Take(events, "event reply"));

            // A post the cloud never answers is reported as a timeout.
            device.Client.BeginPropertyPost().Write("Brightness", 10);
            Assert.Equal(ErrorCode.Ok, device.Client.EndPropertyPost(out id));
            cloud.Expect(Sys + "thing/event/property/post");
            clock.Now += 11;
            device.Client.ProcessTimeouts();
            Assert.Equal("prop " + id + " " + ErrorCode.RequestTimedOut + " ", Take(events, "timeout"));

            device.Client.Disconnect();
            Assert.Equal("disabled", Take(events, "ThingDisabled"));
            Assert.Equal(0, device.Client.HandlerExceptionCount);
        }

        [Fact]
        public void PropertySet_ReadInPlace_RepliedWithTheHandlersCode()
        {
            using MosquittoBroker broker = MosquittoBroker.StartPlain();
            using CloudPeer cloud = CloudPeer.Connect(broker.Port, Sys + "thing/service/property/set_reply");
            using Device device = StartDevice(broker);
            BlockingCollection<string> events = new BlockingCollection<string>();
            device.Client.ThingEnabled += s => events.Add("enabled");
            device.Client.PropertySet += (LinkKitClient s, long requestId, JsonReader p, ref int code) =>
            {
                if (requestId == 1) return;                          // the subscription probe
                double temperature = 0;
                int light = -1;
                while (p.Read() && p.TokenType == JsonTokenType.PropertyName)
                {
                    if (p.ValueEquals("temperature")) { p.Read(); p.TryGetDouble(out temperature); }
                    else if (p.ValueEquals("LightSwitch")) { p.Read(); p.TryGetInt32(out light); }
                    else p.Skip();
                }

                events.Add("set " + requestId + " " + temperature + " " + light);
                if (light == 0) code = 100001;
            };
            Connect(device, events);
            WaitForThingSubscription(cloud);

            cloud.Publish(Sys + "thing/service/property/set", "{\"method\":\"thing.service.property.set\",\"id\":\"100001\",\"params\":{\"temperature\":30.5,\"LightSwitch\":1},\"version\":\"1.0.0\"}");
            Assert.Equal("set 100001 30.5 1", Take(events, "property set"));
            Assert.Equal("{\"id\":\"100001\",\"code\":200,\"data\":{}}", cloud.Expect(Sys + "thing/service/property/set_reply", text => text.Contains("100001")).Text);

            cloud.Publish(Sys + "thing/service/property/set", "{\"id\":\"100002\",\"params\":{\"LightSwitch\":0}}");
            Assert.Equal("set 100002 0 0", Take(events, "property set"));
            Assert.Equal("{\"id\":\"100002\",\"code\":100001,\"data\":{}}", cloud.Expect(Sys + "thing/service/property/set_reply", text => text.Contains("100002")).Text);

            cloud.Publish(Sys + "thing/service/property/set", "{\"id\":\"100003\",\"params\":{\"Brightness\":500}}");
            Assert.Equal("{\"id\":\"100003\",\"code\":460,\"data\":{}}", cloud.Expect(Sys + "thing/service/property/set_reply", text => text.Contains("100003")).Text);
            Assert.Equal(1, device.Client.InvalidParamsCount);
        }

        [Fact]
        public void Services_AsyncAndSync_AnsweredOnTheRightTopics_NoEchoLoop()
        {
            using MosquittoBroker broker = MosquittoBroker.StartPlain();
            string rrpc = "/ext/rrpc/1700000000000000004/sys/a1TestPK001/dev-001/thing/service/getStatus";
            using CloudPeer cloud = CloudPeer.Connect(broker.Port, Sys + "thing/service/property/set_reply", Sys + "thing/service/reboot_reply", "/ext/rrpc/+/sys/a1TestPK001/dev-001/thing/service/+");
            using Device device = StartDevice(broker);
            BlockingCollection<string> events = new BlockingCollection<string>();
            device.Client.ThingEnabled += s => events.Add("enabled");
            device.Client.ServiceCalled += (s, call) =>
            {
                events.Add("call " + call.GetIdentifier() + " " + call.RequestId + " " + call.IsSync);
                if (call.IdentifierEquals("reboot"))
                {
                    JsonReader p = call.Parameters;
                    int delay = -1;
                    if (p.MoveToProperty("delay")) p.TryGetInt32(out delay);
                    ThingWriter w = s.BeginServiceAnswer(call, 200);
                    w.Write("accepted", delay == 5);
                    s.EndServiceAnswer();
                }
                else
                {
                    ThingWriter w = s.BeginServiceAnswer(call, 200);
                    w.Write("uptime", 1234);
                    s.EndServiceAnswer();
                }
            };
            Connect(device, events);
            WaitForThingSubscription(cloud);

            cloud.Publish(Sys + "thing/service/reboot", "{\"method\":\"thing.service.reboot\",\"id\":\"100003\",\"params\":{\"delay\":5},\"version\":\"1.0\"}");
            Assert.Equal("call reboot 100003 False", Take(events, "async call"));
            Assert.Equal("{\"id\":\"100003\",\"code\":200,\"data\":{\"accepted\":1}}", cloud.Expect(Sys + "thing/service/reboot_reply").Text);

            cloud.Publish(rrpc, "{\"method\":\"thing.service.getStatus\",\"id\":\"100004\",\"params\":{},\"version\":\"1.0\"}");
            Assert.Equal("call getStatus 100004 True", Take(events, "sync call"));
            Assert.Equal("{\"id\":\"100004\",\"code\":200,\"data\":{\"uptime\":1234}}", cloud.Expect(rrpc, text => text.Contains("\"code\"")).Text);

            // mosquitto delivers the answer back to the device (it subscribed /ext/rrpc/+/…): dropped, no second call.
            Harness.WaitUntil(() => device.Client.EchoMessageCount >= 1, "the echoed answer");
            Assert.Empty(events);
        }

        [Fact]
        public void RawData_UpAndDown()
        {
            using MosquittoBroker broker = MosquittoBroker.StartPlain();
            using CloudPeer cloud = CloudPeer.Connect(broker.Port, Sys + "thing/service/property/set_reply", Sys + "thing/model/up_raw", Sys + "thing/model/down_raw_reply");
            using Device device = StartDevice(broker);
            BlockingCollection<string> events = new BlockingCollection<string>();
            device.Client.ThingEnabled += s => events.Add("enabled");
            device.Client.RawDataReplied += (s, p, o, c) => events.Add("replied " + Convert.ToHexString(p, o, c));
            device.Client.RawDataArrived += (s, p, o, c) =>
            {
                events.Add("arrived " + Convert.ToHexString(p, o, c));
                byte[] answer = { 0x03, 0x00, 0x00, 0x00, 0x09, 0x00 };
                s.ReplyRawData(answer, 0, answer.Length);
            };
            Connect(device, events);
            WaitForThingSubscription(cloud);

            byte[] up = { 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x19 };
            Assert.Equal(ErrorCode.Ok, device.Client.PostRawData(up, 0, up.Length));
            Assert.Equal("01000000020019", Convert.ToHexString(cloud.Expect(Sys + "thing/model/up_raw").Payload));
            cloud.Publish(Sys + "thing/model/up_raw_reply", new byte[] { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 });
            Assert.Equal("replied 020000000100", Take(events, "up_raw_reply"));

            cloud.Publish(Sys + "thing/model/down_raw", new byte[] { 0x01, 0x00, 0x00, 0x00, 0x08, 0x01, 0x01 });
            Assert.Equal("arrived 01000000080101", Take(events, "down_raw"));
            Assert.Equal("030000000900", Convert.ToHexString(cloud.Expect(Sys + "thing/model/down_raw_reply").Payload));
        }

        [Fact]
        public void TagsAndShadow()
        {
            using MosquittoBroker broker = MosquittoBroker.StartPlain();
            using CloudPeer cloud = CloudPeer.Connect(broker.Port, Sys + "thing/service/property/set_reply", Sys + "thing/deviceinfo/+", "/shadow/update/a1TestPK001/dev-001");
            using Device device = StartDevice(broker);
            BlockingCollection<string> events = new BlockingCollection<string>();
            device.Client.ThingEnabled += s => events.Add("enabled");
            device.Client.TagsUpdateReplied += (s, r) => events.Add("tags updated " + r.RequestId + " " + r.Code);
            device.Client.TagsRemoveReplied += (s, r) => events.Add("tags removed " + r.RequestId + " " + r.Code);
            device.Client.ShadowReceived += (s, d) =>
            {
                string desired = null;
                JsonReader state = d.State;
                if (state != null && state.MoveToProperty("desired") && state.MoveToProperty("color")) desired = state.GetString();
                events.Add("shadow " + (int)d.Method + " " + d.Version + " " + desired);
            };
            Connect(device, events);
            WaitForThingSubscription(cloud);

            long id;
            Assert.Equal(ErrorCode.Ok, device.Client.UpdateTags(new[] { "room", "floor" }, new[] { "lab", "3" }, 2, out id));
            Assert.Equal("{\"id\":\"" + id + "\",\"version\":\"1.0\",\"params\":[{\"attrKey\":\"room\",\"attrValue\":\"lab\"},{\"attrKey\":\"floor\",\"attrValue\":\"3\"}],\"method\":\"thing.deviceinfo.update\"}",
                cloud.Expect(Sys + "thing/deviceinfo/update").Text);
            cloud.Publish(Sys + "thing/deviceinfo/update_reply", "{\"code\":200,\"data\":{},\"id\":\"" + id + "\",\"message\":\"success\",\"method\":\"thing.deviceinfo.update\",\"version\":\"1.0\"}");
            Assert.Equal("tags updated " + id + " 200", Take(events, "tags update reply"));

            Assert.Equal(ErrorCode.Ok, device.Client.RemoveTags(new[] { "room" }, 1, out id));
            Assert.Equal("{\"id\":\"" + id + "\",\"version\":\"1.0\",\"params\":[{\"attrKey\":\"room\"}],\"method\":\"thing.deviceinfo.delete\"}", cloud.Expect(Sys + "thing/deviceinfo/delete").Text);
            cloud.Publish(Sys + "thing/deviceinfo/delete_reply", "{\"code\":200,\"data\":{},\"id\":\"" + id + "\",\"message\":\"success\",\"method\":\"thing.deviceinfo.delete\",\"version\":\"1.0\"}");
            Assert.Equal("tags removed " + id + " 200", Take(events, "tags delete reply"));

            ThingWriter w = device.Client.BeginShadowUpdate(1);
            w.Write("color", "red");
            Assert.Equal(ErrorCode.Ok, device.Client.EndShadowUpdate());
            Assert.Equal("{\"state\":{\"reported\":{\"color\":\"red\"}},\"method\":\"update\",\"version\":1}", cloud.Expect("/shadow/update/a1TestPK001/dev-001").Text);
            cloud.Publish("/shadow/get/a1TestPK001/dev-001", ShadowTests.UpdateReply);
            Assert.Equal("shadow 1 1 ", Take(events, "shadow update reply"));

            Assert.Equal(ErrorCode.Ok, device.Client.GetShadow());
            Assert.Equal("{\"method\":\"get\"}", cloud.Expect("/shadow/update/a1TestPK001/dev-001").Text);
            cloud.Publish("/shadow/get/a1TestPK001/dev-001", ShadowTests.GetReply);
            Assert.Equal("shadow 1 2 green", Take(events, "shadow get reply"));

            cloud.Publish("/shadow/get/a1TestPK001/dev-001", ShadowTests.Control);
            Assert.Equal("shadow 2 3 blue", Take(events, "shadow control push"));
            byte[] state = new byte[128];
            int n = device.Client.LatestShadow.CopyState(state, 0, state.Length);
            Assert.Equal("{\"desired\":{\"color\":\"blue\"}}", Encoding.UTF8.GetString(state, 0, n));
        }

        [Fact]
        public void Rrpc_SystemAndCustom_AnsweredOnce_NoEchoLoop()
        {
            using MosquittoBroker broker = MosquittoBroker.StartPlain();
            string custom = "/ext/rrpc/1700000000000000007/a1TestPK001/dev-001/user/rrpc_demo";
            using CloudPeer cloud = CloudPeer.Connect(broker.Port, Sys + "thing/service/property/set_reply", Sys + "rrpc/response/+", "/ext/rrpc/+/a1TestPK001/dev-001/user/rrpc_demo");
            using Device device = StartDevice(broker);
            BlockingCollection<string> events = new BlockingCollection<string>();
            BlockingCollection<int> subscribed = new BlockingCollection<int>();
            device.Client.ThingEnabled += s => events.Add("enabled");
            device.Client.Subscribed += (s, mid, granted, count) => subscribed.Add(mid);
            device.Client.RrpcRequestReceived += (s, r) =>
            {
                events.Add("rrpc " + r.MessageId + " " + r.IsSystem + " " + r.GetTopic() + " " + Encoding.UTF8.GetString(r.Payload, r.PayloadOffset, r.PayloadCount));
                byte[] answer = Encoding.UTF8.GetBytes(r.IsSystem ? "{\"pong\":true}" : "pong-from-device");
                s.AnswerRrpc(r.MessageId, answer, 0, answer.Length);
            };
            Connect(device, events);
            WaitForThingSubscription(cloud);

            cloud.Publish(Sys + "rrpc/request/1700000000000000006", "ping");
            Assert.Equal("rrpc 1700000000000000006 True " + Sys + "rrpc/request/1700000000000000006 ping", Take(events, "system RRPC"));
            Assert.Equal("{\"pong\":true}", cloud.Expect(Sys + "rrpc/response/1700000000000000006").Text);

            int mid;
            Assert.Equal(ErrorCode.Ok, device.Client.SubscribeRrpcTopic("/a1TestPK001/dev-001/user/rrpc_demo", out mid));
            Assert.Equal(mid, Take(subscribed, "RRPC SUBACK"));
            cloud.Publish(custom, "hello rrpc");
            Assert.Equal("rrpc 1700000000000000007 False /a1TestPK001/dev-001/user/rrpc_demo hello rrpc", Take(events, "custom RRPC"));
            Assert.Equal("pong-from-device", cloud.Expect(custom, text => text != "hello rrpc").Text);

            // The device subscribed the very topic it answers on: mosquitto echoes the answer (quirk 3). It is
            // recognised by its message id and dropped, so there is no second request and no second answer.
            Harness.WaitUntil(() => device.Client.EchoMessageCount >= 1, "the echoed RRPC answer");
            Assert.Empty(events);
            Assert.Equal(0, device.Client.HandlerExceptionCount);
        }
    }
}
