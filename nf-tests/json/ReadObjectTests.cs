using System;
using System.Collections;
using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.ThingModels;
using nanoFramework.Json;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.JsonObjects
{
    /// <summary>
    /// Property sets and service inputs read into classes by nanoFramework.Json (JsonConvert.DeserializeObject over the
    /// params' text), and where nanoFramework.Json's own Hashtable differs from ThingJson.ReadHashtable. nanoCLR only.
    /// </summary>
    [TestClass]
    public class ReadObjectTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;

        [TestMethod]
        public void PropertySet_IntoAClass()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            LampSettings settings = null;
            client.PropertySet += delegate (LinkKitClient s, long requestId, JsonReader parameters, ref int replyCode)
            {
                settings = (LampSettings)parameters.ReadObject(typeof(LampSettings));
            };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"100001\",\"version\":\"1.0\",\"params\":{\"Brightness\":42,"
                    + "\"LightSwitch\":1,\"Label\":\"hi\",\"Location\":{\"lat\":31.25,\"lon\":121.5,\"site\":\"SH\"},\"History\":[1,2,3]},\"method\":\"thing.service.property.set\"}");
                ThingHarness.AssertPublished(transport, Sys + "thing/service/property/set_reply", "{\"id\":\"100001\",\"code\":200,\"data\":{}}", 1);
                Assert.IsNotNull(settings);
                Assert.AreEqual(42, settings.Brightness);
                Assert.AreEqual(1, settings.LightSwitch);
                Assert.AreEqual("hi", settings.Label);
                Assert.AreEqual(31.25, settings.Location.lat);
                Assert.AreEqual(121.5, settings.Location.lon);
                Assert.AreEqual("SH", settings.Location.site);
                Assert.AreEqual(3, settings.History.Length);
                Assert.AreEqual(3, settings.History[2]);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void ServiceInputs_IntoAClass_AnsweredWithAnObject()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int delay = -1;
            client.ServiceCalled += delegate (LinkKitClient s, ServiceCall call)
            {
                RebootInput input = (RebootInput)call.Parameters.ReadObject(typeof(RebootInput));
                delay = input.delay;
                RebootAnswer answer = new RebootAnswer();
                answer.accepted = input.delay < 10;
                s.AnswerService(call, 200, answer);
            };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/service/reboot", "{\"method\":\"thing.service.reboot\",\"id\":\"100003\",\"params\":{\"delay\":12},\"version\":\"1.0\"}");
                Assert.AreEqual(12, delay);
                ThingHarness.AssertPublished(transport, Sys + "thing/service/reboot_reply", "{\"id\":\"100003\",\"code\":200,\"data\":{\"accepted\":0}}", 0);
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>
        /// nanoFramework.Json's limits, next to the SDK reader on the same text: it turns a string that looks like an ISO
        /// 8601 date into a DateTime, and it cannot read a \u escape with a hex letter other than e (DeserializationException).
        /// </summary>
        [TestMethod]
        public void NanoFrameworkJsonHashtable_ComparedWithReadHashtable()
        {
            JsonReader reader = Reader("{\"Label\":\"2024-01-02T03:04:05Z\",\"Brightness\":7}");
            Hashtable nano = (Hashtable)reader.ReadObject(typeof(Hashtable));
            Assert.IsTrue(nano["Label"] is DateTime);
            Assert.AreEqual(7, (int)nano["Brightness"]);
            Hashtable sdk = Reader("{\"Label\":\"2024-01-02T03:04:05Z\",\"Brightness\":7}").ReadHashtable();
            Assert.AreEqual("2024-01-02T03:04:05Z", (string)sdk["Label"]);

            Assert.ThrowsException(typeof(DeserializationException), delegate { Reader("{\"Label\":\"\\u00fc\"}").ReadObject(typeof(Hashtable)); });
            Assert.AreEqual("\u00fc", (string)Reader("{\"Label\":\"\\u00fc\"}").ReadHashtable()["Label"]);
        }

        [TestMethod]
        public void ReadObject_BrokenJsonOrNoType()
        {
            Assert.IsNull(Reader("{\"delay\":").ReadObject(typeof(RebootInput)));
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { Reader("{}").ReadObject(null); });
        }

        private static JsonReader Reader(string json)
        {
            byte[] bytes = TestTsl.Bytes(json);
            JsonReader reader = new JsonReader();
            reader.Reset(bytes, 0, bytes.Length);
            return reader;
        }
    }
}
