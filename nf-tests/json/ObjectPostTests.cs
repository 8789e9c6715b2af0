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
    /// Objects posted through nanoFramework.Json and the ThingWriter (nanoCLR only: the desktop build cannot reference
    /// nanoFramework.Json). Member order is nanoFramework.Json's: it collects the properties in a Hashtable.
    /// </summary>
    [TestClass]
    public class ObjectPostTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;
        private const string PostTopic = Sys + "thing/event/property/post";

        private static Lamp NewLamp()
        {
            Lamp lamp = new Lamp();
            lamp.temperature = 25.5;
            lamp.LightSwitch = true;
            lamp.Brightness = 42;
            lamp.Voltage = 220;
            lamp.Mode = LampMode.Saving;
            lamp.Label = "a\"b";
            lamp.LastSeen = 1700000000000;
            Place place = new Place();
            place.lat = 31.25;
            place.lon = -121.5;
            place.site = "SH";
            lamp.Location = place;
            lamp.History = new int[] { 1, 2, 3 };
            Slot morning = new Slot();
            morning.hour = 7;
            morning.on = true;
            Slot night = new Slot();
            night.hour = 22;
            lamp.Schedule = new Slot[] { morning, night };
            return lamp;
        }

        [TestMethod]
        public void PostProperties_EveryTslType_TheWritersWireForm()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.PostProperties(NewLamp(), out id));
                Assert.AreEqual(1, id);
                // enum as its number, bool nodes 0/1, 220.0 for a double node, the date as a string of milliseconds;
                // 25.5 arrives from nanoFramework as 25.499999999999998 and is read back to 15 digits.
                ThingHarness.AssertPublished(transport, PostTopic, "{\"id\":\"1\",\"version\":\"1.0\",\"params\":{"
                    + "\"Voltage\":220.0,\"LightSwitch\":1,\"Label\":\"a\\\"b\",\"Location\":{\"site\":\"SH\",\"lat\":31.25,\"lon\":-121.5},"
                    + "\"Schedule\":[{\"hour\":7,\"on\":1},{\"hour\":22,\"on\":0}],\"History\":[1,2,3],\"LastSeen\":\"1700000000000\",\"Mode\":2,"
                    + "\"Brightness\":42,\"temperature\":25.5"
                    + "},\"method\":\"thing.event.property.post\"}", 1);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void PostProperties_Hashtable_AndNullOrNaNLeftOut()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                Hashtable values = new Hashtable();
                values["Brightness"] = 5;
                values["Label"] = null;
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.PostProperties(values, out id));
                Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"Brightness\":5},\"method\":\"thing.event.property.post\"}", transport.LastPublishPayload);

                Meter meter = new Meter();
                meter.Voltage = double.NaN;                                    // nanoFramework.Json writes null
                meter.Brightness = 9;
                Assert.AreEqual(ErrorCode.Ok, client.PostProperties(meter, out id));
                Assert.AreEqual("{\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"Brightness\":9},\"method\":\"thing.event.property.post\"}", transport.LastPublishPayload);
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>nanoFramework's double.ToString writes 17 digits with wrong last ones; read back to 15 digits, the value typed is the value sent.</summary>
        [TestMethod]
        [DataRow(25.5, "25.499999999999998", "25.5")]
        [DataRow(26.5, "26.499999999999999", "26.5")]
        [DataRow(3.3, "3.2999999999999998", "3.3")]
        [DataRow(-39.95, "-39.95", "-39.95")]
        [DataRow(119.999999, "119.999999", "119.999999")]
        [DataRow(0.1, "0.1", "0.1")]
        public void Doubles_ReadBackToFifteenDigits(double value, string nanoText, string sent)
        {
            Thermometer t = new Thermometer();
            t.temperature = value;
            Assert.AreEqual("{\"temperature\":" + nanoText + "}", JsonConvert.SerializeObject(t));
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.PostProperties(t, out id));
                Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"temperature\":" + sent + "},\"method\":\"thing.event.property.post\"}", transport.LastPublishPayload);
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>Each refusal is the writer's own code for that value; nothing is sent, and the client posts again at once.</summary>
        [TestMethod]
        public void Refusals_AreTheWritersOwn_NothingSent()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                int published = transport.PublishCount;
                long id;
                Dimmer dimmer = new Dimmer();
                dimmer.Brightness = 101;
                Assert.AreEqual(ErrorCode.ValueOutOfRange, client.PostProperties(dimmer, out id));
                Assert.AreEqual(0, id);

                Stranger stranger = new Stranger();
                Assert.AreEqual(ErrorCode.PropertyNotDeclared, client.PostProperties(stranger, out id));

                Meter meter = new Meter();
                meter.Label = "nine char";
                Assert.AreEqual(ErrorCode.ValueOutOfRange, client.PostProperties(meter, out id));

                meter = new Meter();
                meter.Voltage = double.PositiveInfinity;                       // nanoFramework.Json writes Infinity (not JSON)
                Assert.AreEqual(ErrorCode.NotFinite, client.PostProperties(meter, out id));

                // A DateTime is written by nanoFramework.Json as an ISO 8601 string: text, which a date node refuses.
                Seen seen = new Seen();
                seen.LastSeen = new DateTime(2024, 1, 2, 3, 4, 5);
                Assert.AreEqual(ErrorCode.TypeMismatch, client.PostProperties(seen, out id));
                Assert.AreEqual(published, transport.PublishCount);

                dimmer.Brightness = 100;
                Assert.AreEqual(ErrorCode.Ok, client.PostProperties(dimmer, out id));
                Assert.AreEqual(6, id);                                        // each refused post used an id
                Assert.AreEqual(published + 1, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>A float property reaches the writer as nanoFramework's 9-digit text of the float, not as the float (use double).</summary>
        [TestMethod]
        public void FloatProperty_SentAsNanoFrameworksText()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                FloatThermometer t = new FloatThermometer();
                t.temperature = 3.3f;
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.PostProperties(t, out id));
                Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"temperature\":3.29999995},\"method\":\"thing.event.property.post\"}", transport.LastPublishPayload);

                client.BeginPropertyPost().Write("temperature", 3.3f);         // the writer style: float's shortest form
                client.EndPropertyPost(out id);
                Assert.AreEqual("{\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"temperature\":3.3},\"method\":\"thing.event.property.post\"}", transport.LastPublishPayload);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Unsupported_ClearError_NothingSent_ClientStillPosts()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                int published = transport.PublishCount;
                long id;
                WithStruct withStruct = new WithStruct();
                withStruct.Brightness = 3;
                AssertNotSupported(delegate { client.PostProperties(withStruct, out id); },
                    "LinkKit.Nano.Json: nanoFramework.Json wrote no valid JSON for Location (LinkKit.Nano.Tests.JsonObjects.Coordinates); it writes numbers, bool, "
                    + "string, enums, DateTime, TimeSpan, Guid, arrays, ArrayList, Hashtable and classes, not structs or other value types.");

                WithNestedArray nested = new WithNestedArray();
                nested.History = new int[][] { new int[] { 1 } };
                AssertNotSupported(delegate { client.PostProperties(nested, out id); },
                    "LinkKit.Nano.Json: History[0] (System.Int32[]) is an array inside an array, which no thing model holds (array items are int, float, double, text or struct).");

                Meter meter = new Meter();
                meter.Label = "a\u0001";
                AssertNotSupported(delegate { client.PostProperties(meter, out id); },
                    "LinkKit.Nano.Json: nanoFramework.Json wrote no valid JSON for Label (System.String); it escapes no control character in a string but \\n, \\r, \\t, \\b and \\f.");

                AssertNotSupported(delegate { client.PostProperties(new ArrayList(), out id); },
                    "LinkKit.Nano.Json: a System.Collections.ArrayList does not serialize to a JSON object; post a class with public properties, or a Hashtable.");
                AssertNotSupported(delegate { client.PostProperties(5, out id); },
                    "LinkKit.Nano.Json: a System.Int32 does not serialize to a JSON object; post a class with public properties, or a Hashtable.");

                Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.PostProperties(new Throwing(), out id); });
                Assert.ThrowsException(typeof(ArgumentNullException), delegate { client.PostProperties(null, out id); });
                Assert.AreEqual(published, transport.PublishCount);

                Dimmer dimmer = new Dimmer();
                dimmer.Brightness = 1;
                Assert.AreEqual(ErrorCode.Ok, client.PostProperties(dimmer, out id));
                Assert.AreEqual(published + 1, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void PostEvent_AndAnswerService_FromObjects()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int answered = -1;
            client.ServiceCalled += delegate (LinkKitClient s, ServiceCall call)
            {
                RebootAnswer answer = new RebootAnswer();
                answer.accepted = true;
                answered = s.AnswerService(call, 200, answer);
            };
            try
            {
                Alarm alarm = new Alarm();
                alarm.level = 3;
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.PostEvent("alarm", alarm, out id));
                ThingHarness.AssertPublished(transport, Sys + "thing/event/alarm/post",
                    "{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"value\":{\"level\":3}},\"method\":\"thing.event.alarm.post\"}", 0);
                alarm.level = 6;
                Assert.AreEqual(ErrorCode.ValueOutOfRange, client.PostEvent("alarm", alarm, out id));

                ThingHarness.Inject(transport, Sys + "thing/service/reboot", "{\"method\":\"thing.service.reboot\",\"id\":\"100003\",\"params\":{\"delay\":5},\"version\":\"1.0\"}");
                Assert.AreEqual(ErrorCode.Ok, answered);
                ThingHarness.AssertPublished(transport, Sys + "thing/service/reboot_reply", "{\"id\":\"100003\",\"code\":200,\"data\":{\"accepted\":1}}", 0);
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>WriteObject into a writer the app holds, next to hand-written values.</summary>
        [TestMethod]
        public void WriteObject_IntoALentWriter()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                ThingWriter w = client.BeginPropertyPost();
                w.Write("Mode", 1);
                Dimmer dimmer = new Dimmer();
                dimmer.Brightness = 8;
                Assert.AreEqual(ErrorCode.Ok, w.WriteObject(dimmer));
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"Mode\":1,\"Brightness\":8,\"LightSwitch\":0},\"method\":\"thing.event.property.post\"}", transport.LastPublishPayload);

                w = client.BeginPropertyPost();
                AssertNotSupported(delegate { w.WriteObject(new WithNestedArray()); }, null);
                Assert.AreEqual(ErrorCode.Ok, w.Error);                        // null History: nothing written, no error
                WithNestedArray nested = new WithNestedArray();
                nested.History = new int[][] { new int[] { 1 } };
                AssertNotSupported(delegate { w.WriteObject(nested); },
                    "LinkKit.Nano.Json: History[0] (System.Int32[]) is an array inside an array, which no thing model holds (array items are int, float, double, text or struct).");
                Assert.AreEqual(ErrorCode.Malformed, client.EndPropertyPost(out id)); // the writer was left failed
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>Asserts that <paramref name="action"/> throws NotSupportedException with exactly <paramref name="message"/> (null: throws nothing).</summary>
        private static void AssertNotSupported(Action action, string message)
        {
            string thrown = null;
            try
            {
                action();
            }
            catch (NotSupportedException e)
            {
                thrown = e.Message;
            }

            Assert.AreEqual(message, thrown);
        }
    }
}
