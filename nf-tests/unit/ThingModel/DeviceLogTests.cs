using System;
using System.Threading;
using LinkKit.Nano.Tests.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>The device log: the cloud's switch (asked on every connect, answered and pushed), posts refused while it is off, and the SDK's own lines through <see cref="DeviceLogSink"/>.</summary>
    [TestClass]
    public class DeviceLogTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;
        private const string SwitchGet = "{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"configScope\":\"device\",\"getType\":\"content\"},\"method\":\"thing.config.log.get\"}";

        /// <summary>A test clock that also keeps milliseconds.</summary>
        private sealed class MillisecondClock : IClock
        {
            public long Milliseconds = 1796535000123L;

            public long UnixTimeSeconds() { return Milliseconds / 1000; }

            public long UnixTimeMilliseconds() { return Milliseconds; }

            public bool Wait(WaitHandle wake, int milliseconds) { return wake.WaitOne(0, false); }
        }

        private static string Reply(long id, int mode)
        {
            return "{\"code\":200,\"data\":{\"getType\":\"content\",\"content\":{\"mode\":" + mode + "},\"configScope\":\"device\"},\"id\":\"" + id
                + "\",\"message\":\"success\",\"method\":\"thing.config.log.get\",\"version\":\"1.0\"}";
        }

        private static string Push(int mode)
        {
            return "{\"id\":\"900\",\"version\":\"1.0\",\"params\":{\"getType\":\"content\",\"content\":{\"mode\":" + mode + "},\"configScope\":\"device\"},\"method\":\"thing.config.log.push\"}";
        }

        /// <summary>A connected client with the test TSL that follows the switch; returns once the first query is out.</summary>
        private static LinkKitClient Following(RecordingTransport transport, LinkKitOptions options)
        {
            LinkKitClient client = ThingHarness.Client(transport, options, TestTsl.Load());
            client.EnableDeviceLog();
            Harness.Connect(client);
            Harness.WaitUntil(delegate { return transport.PublishCount == 1; }, "the switch query");
            return client;
        }

        [TestMethod]
        public void Switch_AskedOnEveryConnect_ReplyAndPushSetIt_PostsRefusedWhileOff()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitOptions options = ThingHarness.Options(new TestClock());
            MillisecondClock clock = new MillisecondClock();
            options.Clock = clock;
            LinkKitClient client = Following(transport, options);
            int switches = 0;
            bool last = false;
            client.DeviceLogSwitchReceived += delegate (LinkKitClient s, bool on) { switches++; last = on; };
            try
            {
                ThingHarness.AssertPublished(transport, Sys + "thing/config/log/get", SwitchGet, 0);
                Assert.IsFalse(client.IsDeviceLogOn);
                Assert.AreEqual(ErrorCode.DeviceLogOff, client.PostLog(LogLevel.Info, "m", "c", "t", "not yet"));
                Assert.AreEqual(1, client.DeviceLogRefusedCount);
                Assert.AreEqual(1, transport.PublishCount);

                ThingHarness.Inject(transport, Sys + "thing/config/log/get_reply", Reply(1, 1));
                Assert.IsTrue(client.IsDeviceLogOn);
                Assert.AreEqual(1, switches);
                Assert.IsTrue(last);
                Assert.AreEqual(ErrorCode.Ok, client.PostLog(LogLevel.Warning, "pump", "E42", "t-1", "dry run"));
                ThingHarness.AssertPublished(transport, Sys + "thing/log/post",
                    "{\"id\":\"2\",\"version\":\"1.0\",\"params\":[{\"utcTime\":\"2026-12-06T05:30:00.123Z\",\"logLevel\":\"WARN\",\"module\":\"pump\","
                    + "\"code\":\"E42\",\"traceContext\":\"t-1\",\"logContent\":\"dry run\"}],\"method\":\"thing.log.post\"}", 0);

                byte[] content = TestTsl.Bytes("[pressure 3.5 bar]");
                clock.Milliseconds += 1001;
                Assert.AreEqual(ErrorCode.Ok, client.PostLog(LogLevel.Debug, null, null, null, content, 1, 16));
                Assert.AreEqual("{\"id\":\"3\",\"version\":\"1.0\",\"params\":[{\"utcTime\":\"2026-12-06T05:30:01.124Z\",\"logLevel\":\"DEBUG\",\"module\":\"\","
                    + "\"code\":\"\",\"traceContext\":\"\",\"logContent\":\"pressure 3.5 bar\"}],\"method\":\"thing.log.post\"}", transport.LastPublishPayload);

                ThingHarness.Inject(transport, Sys + "thing/config/log/push", Push(0));
                Assert.IsFalse(client.IsDeviceLogOn);
                Assert.AreEqual(2, switches);
                Assert.IsFalse(last);
                Assert.AreEqual(ErrorCode.DeviceLogOff, client.PostLog(LogLevel.Error, "m", "c", "t", "off again"));
                Assert.AreEqual(2, client.DeviceLogRefusedCount);
                Assert.AreEqual(3, transport.PublishCount);

                // The switch is kept across a reconnect and asked again.
                ThingHarness.Inject(transport, Sys + "thing/config/log/push", Push(1));
                transport.DropConnection();
                Harness.WaitUntil(delegate { return transport.PublishCount == 4; }, "the query after the reconnect");
                ThingHarness.AssertPublished(transport, Sys + "thing/config/log/get", "{\"id\":\"4" + SwitchGet.Substring(8), 0);
                Assert.IsTrue(client.IsDeviceLogOn);
                ThingHarness.Inject(transport, Sys + "thing/config/log/get_reply", Reply(4, 0));
                Assert.IsFalse(client.IsDeviceLogOn);
                Assert.AreEqual(4, switches);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Switch_BadOrForeignAnswers_Counted_SwitchUnchanged()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = Following(transport, ThingHarness.Options(new TestClock()));
            int switches = 0;
            client.DeviceLogSwitchReceived += delegate (LinkKitClient s, bool on) { switches++; };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/config/log/get_reply", Reply(77, 1));                  // not our query
                Assert.AreEqual(1, client.UnmatchedReplyCount);
                ThingHarness.Inject(transport, Sys + "thing/config/log/get_reply", Reply(1, 2));                   // no such mode
                ThingHarness.Inject(transport, Sys + "thing/config/log/push", "{\"id\":\"5\",\"params\":{\"mode\":1}}");   // mode outside content
                ThingHarness.Inject(transport, Sys + "thing/config/log/push", "{\"id\":\"6\",\"params\":{\"content\":{\"mode\":");
                Assert.AreEqual(3, client.MalformedMessageCount);
                Assert.AreEqual(1, client.UnmatchedReplyCount);
                Assert.AreEqual(0, switches);
                Assert.IsFalse(client.IsDeviceLogOn);

                client.EnableDeviceLog();                                                                             // asks again at once
                Assert.AreEqual(2, transport.PublishCount);
                ThingHarness.Inject(transport, Sys + "thing/config/log/get_reply", "{\"id\":\"2\",\"code\":460,\"message\":\"bad\"}"); // refused
                Assert.AreEqual(0, switches);
                ThingHarness.Inject(transport, Sys + "thing/config/log/push", "{\"id\":\"7\",\"params\":{\"content\":{\"mode\":\"1\"}}}"); // a string mode
                Assert.AreEqual(1, switches);
                Assert.IsTrue(client.IsDeviceLogOn);
                ThingHarness.Inject(transport, Sys + "thing/log/post_reply", "{\"id\":\"3\",\"code\":200,\"data\":{}}");      // dropped quietly
                Assert.AreEqual(0, client.UnknownTopicCount);
                Assert.AreEqual(3, client.MalformedMessageCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void WithoutEnableDeviceLog_NothingAsked_PostsRefused()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                Harness.WaitUntil(delegate { return client.IsThingEnabled; }, "ThingEnabled");
                Assert.AreEqual(0, transport.PublishCount);
                Assert.AreEqual(ErrorCode.DeviceLogOff, client.PostLog(LogLevel.Info, "m", "c", "t", "x"));
                Assert.ThrowsException(typeof(ArgumentNullException), delegate { client.PostLog(LogLevel.Info, "m", "c", "t", (string)null); });
                Assert.ThrowsException(typeof(InvalidOperationException), delegate
                {
                    Harness.Client(new RecordingTransport(256, 256), Harness.Options(new TestClock())).EnableDeviceLog();
                });
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>Keeps every line it receives (the sink's next).</summary>
        private sealed class Lines : ILogSink
        {
            public int Count;
            public readonly string[] Text = new string[512];

            public void Write(LogLevel level, string message)
            {
                lock (Text)
                {
                    if (Count < Text.Length) Text[Count] = message;
                    Count++;
                }
            }
        }

        [TestMethod]
        public void Sink_RateLimited_LevelFiltered_QueuedUntilOn_NextGetsEverything()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            LinkKitClient client = Following(transport, ThingHarness.Options(clock));
            Lines next = new Lines();
            DeviceLogSink sink = new DeviceLogSink(client, LogLevel.Warning, 3, next);
            try
            {
                sink.Write(LogLevel.Info, "below the level");
                for (int i = 0; i < 5; i++) sink.Write(LogLevel.Warning, "line " + i);
                Assert.AreEqual(6, next.Count);
                Assert.AreEqual(2, sink.DroppedCount);                       // 3 a minute: a full bucket holds 3
                Assert.AreEqual(3, sink.QueuedCount);                        // the switch is off: they wait
                Assert.AreEqual(0, sink.PostedCount);

                ThingHarness.Inject(transport, Sys + "thing/config/log/get_reply", Reply(1, 1));
                Harness.WaitUntil(delegate { return sink.PostedCount == 3; }, "the queued lines");
                Assert.AreEqual(4, transport.PublishCount);
                Assert.IsTrue(transport.LastPublishPayload.IndexOf("\"logLevel\":\"WARN\",\"module\":\"linkkit-nano\",\"code\":\"0\",\"traceContext\":\"0\",\"logContent\":\"line 2\"") > 0);

                clock.Now += 20;                                             // 20 s: one line's worth
                sink.Write(LogLevel.Error, "after 20 s");
                sink.Write(LogLevel.Error, "one too many");
                Harness.WaitUntil(delegate { return sink.PostedCount == 4; }, "the refilled line");
                Assert.AreEqual(3, sink.DroppedCount);
                Assert.IsTrue(transport.LastPublishPayload.IndexOf("\"logLevel\":\"ERROR\"") > 0);
                Assert.IsTrue(transport.LastPublishPayload.IndexOf("\"logContent\":\"after 20 s\"") > 0);
                clock.Now += 3600;                                           // a long pause refills to 3, not more
                for (int i = 0; i < 4; i++) sink.Write(LogLevel.Critical, "burst");
                Assert.AreEqual(4, sink.DroppedCount);
            }
            finally
            {
                sink.Dispose();
                client.Destruct();
            }

            sink.Write(LogLevel.Error, "after Dispose");
            Assert.AreEqual(5, sink.DroppedCount);
        }

        [TestMethod]
        public void Sink_NeverPostsWhatItsOwnPostingLogs_AFailedPostDoesNotLoop()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = Following(transport, ThingHarness.Options(new TestClock()));
            DeviceLogSink sink = new DeviceLogSink(client, LogLevel.Debug, 600, null);
            client.EnableLogger(LogLevel.Debug, sink);
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/config/log/get_reply", Reply(1, 1));
                Harness.WaitUntil(delegate { return sink.QueuedCount == 0; }, "the lines so far");
                int posted = sink.PostedCount;
                int published = transport.PublishCount;
                Assert.AreEqual(published - 1, posted);                      // every publish after the query is a posted line

                sink.Write(LogLevel.Warning, "one line");
                Harness.WaitUntil(delegate { return sink.PostedCount == posted + 1; }, "the line");
                Assert.IsTrue(sink.SkippedCount > 0);                        // the posting thread's own "publish queued"
                Assert.AreEqual(0, sink.QueuedCount);
                Assert.AreEqual(published + 1, transport.PublishCount);

                transport.FailWith = ErrorCode.TransportFailed;              // the post fails, and the SDK logs a warning about it
                sink.Write(LogLevel.Warning, "refused by the transport");
                Harness.WaitUntil(delegate { return sink.FailedCount == 1; }, "the failed post");
                Assert.AreEqual(0, sink.QueuedCount);                        // its warning was not queued: no loop
                Assert.AreEqual(posted + 1, sink.PostedCount);
            }
            finally
            {
                client.DisableLogger();
                sink.Dispose();
                client.Destruct();
            }
        }

        [TestMethod]
        public void Sink_ConnectWithAKnownSecret_NoPostedByteSequenceContainsIt()
        {
            RecordingTransport transport = ThingHarness.Transport();
            transport.Log = new string[256];
            LinkKitOptions options = ThingHarness.Options(new TestClock());
            LinkKitClient client = ThingHarness.Client(transport, options, TestTsl.Load());
            Lines all = new Lines();
            DeviceLogSink sink = new DeviceLogSink(client, LogLevel.Debug, 600, all);
            client.EnableLogger(LogLevel.Debug, sink);
            client.EnableDeviceLog();
            try
            {
                Harness.Connect(client);
                Harness.WaitUntil(delegate { return transport.PublishCount >= 1; }, "the switch query");
                ThingHarness.Inject(transport, Sys + "thing/config/log/get_reply", Reply(1, 1));
                string password = transport.LastRequest.Password;

                transport.DropConnection();                                  // the connect path's lines again, now with the switch on
                Harness.WaitUntil(delegate { return transport.ConnectCount == 2 && client.State == LinkKitState.Connected; }, "the reconnect");
                Harness.WaitUntil(delegate { return sink.QueuedCount == 0 && Posted(transport, "\"logContent\":\"connected\"") >= 2; }, "the reconnect's lines");

                Assert.AreEqual(1, Posted(transport, "\"logContent\":\"connection lost\""));   // the connect path's lines went up
                Assert.AreEqual(2, Posted(transport, "\"logContent\":\"connecting\""));
                Assert.AreEqual(64, password.Length);                       // the HMAC-SHA256 password the CONNECTs carried
                Assert.AreEqual(password, transport.LastRequest.Password);
                Assert.AreEqual(0, Posted(transport, Harness.DeviceSecret));
                Assert.AreEqual(0, Posted(transport, password));
                for (int i = 0; i < all.Count && i < all.Text.Length; i++)
                {
                    Assert.IsTrue(all.Text[i].IndexOf(Harness.DeviceSecret) < 0 && all.Text[i].IndexOf(password) < 0);
                }
            }
            finally
            {
                client.DisableLogger();
                sink.Dispose();
                client.Destruct();
            }
        }

        // How many publishes (topic and payload, byte for byte) contain text.
        private static int Posted(RecordingTransport transport, string text)
        {
            int n = 0;
            int count = transport.PublishCount < transport.Log.Length ? transport.PublishCount : transport.Log.Length;
            for (int i = 0; i < count; i++)
            {
                string line = transport.Log[i];
                if (line != null && line.IndexOf(text) >= 0) n++;
            }

            return n;
        }
    }
}
