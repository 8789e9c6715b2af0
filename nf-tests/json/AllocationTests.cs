using System;
using System.Collections;
using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.ThingModels;
using nanoFramework.TestFramework;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace LinkKit.Nano.Tests.JsonObjects
{
    /// <summary>One message handled or sent, as measured by <see cref="AllocationTests"/>.</summary>
    public delegate void Message();

    /// <summary>Heap allocated per message by the writer/reader style and by the object style, on the nanoFramework interpreter.</summary>
    /// <remarks>
    /// Heap allocated per message by the writer/reader style and by the object style, on the nanoFramework interpreter.
    /// nanoFramework's only heap figure is GC.Run(false): the free bytes after a collection. So a run leaves a known
    /// window of free heap (the rest held by ballast arrays, measured with GC.Run(false)), repeats the message until a
    /// collection runs (an object held only by a WeakReference dies), and divides the window by the messages that filled
    /// it (0: no collection in 50000 messages). The figures are printed as "bench" lines (docs/README-json.md); the
    /// assertions compare the styles. The SDK's own path, allocation-free on desktop .NET (host allocation tests), still
    /// uses heap on nanoCLR: Begin/CancelPost alone about 300 bytes, a post with its reply about 1.6 KB.
    /// </remarks>
    [TestClass]
    public class AllocationTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;
        private const int Chunk = 32 * 1024;

        // The free heap a run starts with: the POSIX nanoCLR crashed (SIGSEGV) while collecting with about 250 KB free.
        private const int Window = 512 * 1024;

        // Calls without a collection that prove a style allocates nothing: 512 KB / 50000 is under 11 bytes, less than the
        // smallest heap block nanoCLR allocates (12 bytes on a 32-bit board).
        private const int Calls = 50000;

        private static RecordingTransport s_transport;
        private static LinkKitClient s_client;
        private static Dimmer s_dimmer;
        private static byte[] s_replyTopic, s_reply, s_setTopic, s_set;
        private static int s_replyLength;
        private static int s_brightness;
        private static object s_kept;

        [TestMethod]
        public void PropertyPost_ObjectStyleAllocatesMoreThanTheWriter()
        {
            Start();
            try
            {
                int writer = Measure("property post, writer style (BeginPropertyPost, 2 Write calls, EndPropertyPost)", PostWithWriter);
                int objects = Measure("property post, object style (PostProperties of a 2-property class)", PostObject);
                Assert.IsTrue(writer < objects, "the object style allocates more than the writer style");
            }
            finally
            {
                s_client.Destruct();
            }
        }

        [TestMethod]
        public void PropertySet_HashtableAndClassAllocateMoreThanTheReader()
        {
            Start();
            try
            {
                int reader = Measure("property set handled, reader style (MoveToProperty, TryGetInt32)", delegate { SetWith(0); });
                int table = Measure("property set handled, ReadHashtable (SDK reader into a Hashtable)", delegate { SetWith(1); });
                int typed = Measure("property set handled, ReadObject (nanoFramework.Json into a 2-property class)", delegate { SetWith(2); });
                Assert.AreEqual(2, s_brightness);
                Assert.IsTrue(reader < table, "ReadHashtable allocates more than the reader style");
                Assert.IsTrue(table < typed, "nanoFramework.Json allocates more than ReadHashtable");
            }
            finally
            {
                s_client.Destruct();
            }
        }

        private static void Start()
        {
            s_transport = ThingHarness.Transport();
            s_client = ThingHarness.Connected(s_transport, new TestClock());
            s_dimmer = new Dimmer();
            s_dimmer.Brightness = 2;
            s_dimmer.LightSwitch = true;
            s_replyTopic = TestTsl.Bytes(Sys + "thing/event/property/post_reply");
            s_reply = new byte[128];
            s_setTopic = TestTsl.Bytes(Sys + "thing/service/property/set");
            s_client.PropertySet += Handle;
            s_set = TestTsl.Bytes("{\"id\":\"100001\",\"version\":\"1.0\",\"params\":{\"LightSwitch\":1,\"Brightness\":2},\"method\":\"thing.service.property.set\"}");
        }

        private static void PostWithWriter()
        {
            ThingWriter w = s_client.BeginPropertyPost();
            w.Write("Brightness", 2);
            w.Write("LightSwitch", true);
            long id;
            s_client.EndPropertyPost(out id);
            Reply(id);
        }

        private static void PostObject()
        {
            long id;
            s_client.PostProperties(s_dimmer, out id);
            Reply(id);
        }

        // 0: the SDK reader; 1: ReadHashtable; 2: ReadObject.
        private static int s_style;

        private static void SetWith(int style)
        {
            s_style = style;
            s_transport.InjectMessage(s_setTopic, s_setTopic.Length, s_set, s_set.Length, 0);
        }

        private static void Handle(LinkKitClient sender, long requestId, JsonReader parameters, ref int replyCode)
        {
            if (s_style == 0)
            {
                if (parameters.MoveToProperty("Brightness")) parameters.TryGetInt32(out s_brightness);
            }
            else if (s_style == 1)
            {
                s_kept = parameters.ReadHashtable();
            }
            else
            {
                s_kept = parameters.ReadObject(typeof(Dimmer));
            }
        }

        /// <summary>Answers post <paramref name="id"/> from a buffer reused for every reply (so the test allocates nothing itself).</summary>
        private static void Reply(long id)
        {
            int n = Put(s_reply, 0, "{\"code\":200,\"data\":{},\"id\":\"");
            int digits = 1;
            for (long rest = id / 10; rest > 0; rest /= 10) digits++;
            for (int i = digits - 1; i >= 0; i--)
            {
                s_reply[n + i] = (byte)('0' + id % 10);
                id /= 10;
            }

            n = Put(s_reply, n + digits, "\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}");
            s_transport.InjectMessage(s_replyTopic, s_replyTopic.Length, s_reply, n, 0);
        }

        private static int Put(byte[] buffer, int offset, string ascii)
        {
            for (int i = 0; i < ascii.Length; i++) buffer[offset + i] = (byte)ascii[i];
            return offset + ascii.Length;
        }

        /// <summary>Prints and returns the bytes one call of <paramref name="message"/> allocates (0: no collection in <see cref="Calls"/> calls).</summary>
        private static int Measure(string what, Message message)
        {
            for (int i = 0; i < 3; i++) message();                           // first-call costs (statics, handler lists) are not per message
            int calls;
            long window = CallsUntilCollection(message, Window, Calls, out calls);
            int perMessage = calls < Calls ? (int)(window / calls) : 0;

            OutputHelper.WriteLine("bench allocated per message, " + what + ": " + perMessage.ToString() + " bytes ("
                + calls.ToString() + " messages filled " + window.ToString() + " free bytes" + (perMessage == 0 ? " without a collection" : "") + ")");
            return perMessage;
        }

        /// <summary>Leaves about <paramref name="free"/> bytes of heap free, then calls <paramref name="message"/> until a collection runs (at most <paramref name="limit"/> times).</summary>
        /// <returns>The free bytes the calls started with.</returns>
        private static long CallsUntilCollection(Message message, int free, int limit, out int calls)
        {
            ArrayList ballast = new ArrayList();
            long available = NativeGC.Run(false);
            while (available > free + Chunk)
            {
                ballast.Add(new byte[Chunk]);
                available = NativeGC.Run(false);
            }

            if (available > free + 64) ballast.Add(new byte[(int)(available - free - 64)]);
            long window = NativeGC.Run(false);
            WeakReference sentinel = new WeakReference(new object());
            calls = 0;
            while (sentinel.IsAlive && calls < limit)
            {
                message();
                calls++;
            }

            ballast = null;
            NativeGC.Run(false);
            return window;
        }
    }
}
