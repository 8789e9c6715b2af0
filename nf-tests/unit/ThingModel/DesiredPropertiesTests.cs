using System;
using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.Client;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>Desired properties through the client: exact queries and deletions, replies matched by id and read in place, timeouts.</summary>
    [TestClass]
    public class DesiredPropertiesTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;
        private const string GetReply = "{\"code\":200,\"data\":{\"LightSwitch\":{\"value\":1,\"version\":3},"
            + "\"Label\":{\"version\":\"7\",\"value\":\"hall \\\"A\\\"\"},\"Brightness\":{\"value\":null,\"version\":2},"
            + "\"Location\":{\"value\":{\"lat\":31.5,\"lon\":121.25,\"site\":\"SH\"},\"version\":4,\"extra\":[1,{\"a\":2}]},"
            + "\"junk\":5,\"\":{\"value\":1,\"version\":9},\"Voltage\":{}},\"id\":\"1\",\"message\":\"success\",\"method\":\"thing.property.desired.get\",\"version\":\"1.0\"}";

        [TestMethod]
        public void Get_ExactMessage_ReplyReadInPlace()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int replies = 0, count = -1, code = 0, switchValue = -1, textLength = 0;
            long requestId = 0, switchVersion = 0, labelVersion = 0, brightnessVersion = 0, voltageVersion = 0, locationVersion = 0;
            bool labelFound = false, brightnessHasValue = true, voltageHasValue = true, junkFound = true, notThereFound = true;
            string label = null, first = null, locationJson = null, identifiers = "";
            double lat = 0;
            byte[] text = new byte[32];
            client.DesiredPropertiesGetReplied += delegate (LinkKitClient s, ThingReply r, DesiredProperties d)
            {
                replies++;
                code = r.Code;
                requestId = r.RequestId;
                count = d.Count;
                while (d.MoveNext()) identifiers += d.GetIdentifier() + ";";
                d.Reset();
                d.MoveNext();
                first = d.GetIdentifier();
                d.TryGetInt32(out switchValue);
                switchVersion = d.Version;
                labelFound = d.MoveTo("Label");
                labelVersion = d.Version;
                textLength = d.CopyString(text, 0, text.Length);
                label = TestTsl.Text(text, 0, textLength);
                d.MoveTo("Brightness");
                brightnessHasValue = d.HasValue;
                brightnessVersion = d.Version;
                d.MoveTo("Location");
                locationVersion = d.Version;
                locationJson = TestTsl.Text(d.Buffer, d.ValueOffset, d.ValueCount);
                JsonReader v = d.Value;
                v.MoveToProperty("lat");
                v.TryGetDouble(out lat);
                d.MoveTo("Voltage");
                voltageHasValue = d.HasValue;
                voltageVersion = d.Version;
                junkFound = d.MoveTo("junk");
                notThereFound = d.MoveTo("temperature");
            };
            try
            {
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.GetDesiredProperties(new string[] { "LightSwitch", "Label", "Brightness", "Location", "Voltage" }, out id));
                Assert.AreEqual(1, id);
                ThingHarness.AssertPublished(transport, Sys + "thing/property/desired/get",
                    "{\"id\":\"1\",\"version\":\"1.0\",\"params\":[\"LightSwitch\",\"Label\",\"Brightness\",\"Location\",\"Voltage\"],\"method\":\"thing.property.desired.get\"}", 0);

                ThingHarness.Inject(transport, Sys + "thing/property/desired/get_reply", GetReply);
                Assert.AreEqual(1, replies);
                Assert.AreEqual(200, code);
                Assert.AreEqual(1, requestId);
                Assert.AreEqual(5, count);                                   // "junk" (not an object) and "" (no name) are no entries
                Assert.AreEqual("LightSwitch;Label;Brightness;Location;Voltage;", identifiers);
                Assert.AreEqual("LightSwitch", first);
                Assert.AreEqual(1, switchValue);
                Assert.AreEqual(3L, switchVersion);
                Assert.IsTrue(labelFound);
                Assert.AreEqual(7L, labelVersion);                           // a version written as a string
                Assert.AreEqual("hall \"A\"", label);
                Assert.IsFalse(brightnessHasValue);                          // null: no value
                Assert.AreEqual(2L, brightnessVersion);
                Assert.AreEqual(4L, locationVersion);
                Assert.AreEqual("{\"lat\":31.5,\"lon\":121.25,\"site\":\"SH\"}", locationJson);
                Assert.AreEqual(31.5, lat);
                Assert.IsFalse(voltageHasValue);
                Assert.AreEqual(-1L, voltageVersion);
                Assert.IsFalse(junkFound);
                Assert.IsFalse(notThereFound);

                ThingHarness.Inject(transport, Sys + "thing/property/desired/get_reply", GetReply); // answered already
                Assert.AreEqual(1, replies);
                Assert.AreEqual(1, client.UnmatchedReplyCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Get_TypedGetters_WrongTypeAndNoValue()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int asInt = 0, onText = 0, noValue = 0, copyNumber = 0;
            bool asBool = false, noCurrent = true, equals = false;
            double asDouble = 0;
            client.DesiredPropertiesGetReplied += delegate (LinkKitClient s, ThingReply r, DesiredProperties d)
            {
                noCurrent = d.HasCurrent || d.IdentifierEquals("Label") || d.GetIdentifier() != null;
                d.MoveTo("Brightness");
                int i;
                asInt = d.TryGetInt32(out i);
                d.TryGetDouble(out asDouble);
                copyNumber = d.CopyString(new byte[8], 0, 8);
                d.MoveTo("Label");
                long l;
                onText = d.TryGetInt64(out l);
                equals = d.ValueEquals("on");
                d.MoveTo("Mode");
                bool b;
                noValue = d.TryGetBoolean(out b);
                d.MoveTo("LightSwitch");
                d.TryGetBoolean(out asBool);
            };
            try
            {
                long id;
                client.GetDesiredProperties(new string[] { "Brightness" }, out id);
                ThingHarness.Inject(transport, Sys + "thing/property/desired/get_reply",
                    "{\"id\":\"1\",\"code\":200,\"data\":{\"Brightness\":{\"value\":70},\"Label\":{\"value\":\"on\"},\"Mode\":{\"version\":1},\"LightSwitch\":{\"value\":true}}}");
                Assert.IsFalse(noCurrent);
                Assert.AreEqual(ErrorCode.Ok, asInt);
                Assert.AreEqual(70.0, asDouble);
                Assert.AreEqual(ErrorCode.WrongType, copyNumber);
                Assert.AreEqual(ErrorCode.WrongType, onText);
                Assert.IsTrue(equals);
                Assert.AreEqual(ErrorCode.WrongType, noValue);
                Assert.IsTrue(asBool);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Get_RefusalWithoutData_NoEntries_TimeoutToo()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            LinkKitClient client = ThingHarness.Connected(transport, clock);
            int replies = 0, count = -1, code = 0;
            bool moved = true;
            client.DesiredPropertiesGetReplied += delegate (LinkKitClient s, ThingReply r, DesiredProperties d)
            {
                replies++;
                code = r.Code;
                count = d.Count;
                moved = d.MoveNext();
            };
            try
            {
                long id;
                client.GetDesiredProperties(new string[] { "LightSwitch" }, out id);
                ThingHarness.Inject(transport, Sys + "thing/property/desired/get_reply", "{\"id\":\"1\",\"code\":6661,\"message\":\"desired property lookup failed\"}");
                Assert.AreEqual(1, replies);
                Assert.AreEqual(6661, code);
                Assert.AreEqual(0, count);
                Assert.IsFalse(moved);

                client.GetDesiredProperties(new string[] { "LightSwitch" }, out id);
                Assert.AreEqual(2, id);
                clock.Now += 11;
                client.ProcessTimeouts();
                Assert.AreEqual(2, replies);
                Assert.AreEqual(ErrorCode.RequestTimedOut, code);
                Assert.AreEqual(0, count);
                Assert.IsFalse(moved);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void Delete_ExactMessage_ReplyAndTimeoutOnTheirOwnEvent()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            LinkKitClient client = ThingHarness.Connected(transport, clock);
            int deletes = 0, gets = 0, tags = 0, code = 0;
            long requestId = 0;
            client.DesiredPropertiesDeleteReplied += delegate (LinkKitClient s, ThingReply r) { deletes++; code = r.Code; requestId = r.RequestId; };
            client.DesiredPropertiesGetReplied += delegate (LinkKitClient s, ThingReply r, DesiredProperties d) { gets++; };
            client.TagsRemoveReplied += delegate (LinkKitClient s, ThingReply r) { tags++; };
            try
            {
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.DeleteDesiredProperties(new string[] { "LightSwitch", "Label" }, new long[] { 3, -1 }, out id));
                ThingHarness.AssertPublished(transport, Sys + "thing/property/desired/delete",
                    "{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"LightSwitch\":{\"version\":3},\"Label\":{}},\"method\":\"thing.property.desired.delete\"}", 0);
                ThingHarness.Inject(transport, Sys + "thing/property/desired/get_reply", "{\"id\":\"1\",\"code\":200,\"data\":{}}"); // the wrong reply topic
                Assert.AreEqual(0, gets);
                Assert.AreEqual(1, client.UnmatchedReplyCount);
                ThingHarness.Inject(transport, Sys + "thing/property/desired/delete_reply", "{\"code\":200,\"data\":{},\"id\":\"1\",\"message\":\"success\"}");
                Assert.AreEqual(1, deletes);
                Assert.AreEqual(200, code);
                Assert.AreEqual(1, requestId);

                client.DeleteDesiredProperties(new string[] { "Label" }, null, out id);
                Assert.AreEqual("{\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"Label\":{}},\"method\":\"thing.property.desired.delete\"}", transport.LastPublishPayload);
                clock.Now += 11;
                client.ProcessTimeouts();
                Assert.AreEqual(2, deletes);
                Assert.AreEqual(ErrorCode.RequestTimedOut, code);
                Assert.AreEqual(2, requestId);
                Assert.AreEqual(0, tags);
                Assert.AreEqual(0, gets);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void UndeclaredProperty_RefusedLocally_NothingSent_WithoutModelUnchecked()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            RecordingTransport raw = ThingHarness.Transport();
            LinkKitClient custom = ThingHarness.Client(raw, ThingHarness.Options(new TestClock()), null);
            try
            {
                long id;
                Assert.AreEqual(ErrorCode.PropertyNotDeclared, client.GetDesiredProperties(new string[] { "LightSwitch", "power" }, out id));
                Assert.AreEqual(0, id);
                Assert.AreEqual(ErrorCode.PropertyNotDeclared, client.DeleteDesiredProperties(new string[] { "power" }, null, out id));
                Assert.AreEqual(0, transport.PublishCount);

                Harness.Connect(custom);
                Assert.AreEqual(ErrorCode.Ok, custom.GetDesiredProperties(new string[] { "power", "temp" }, out id));
                Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":[\"power\",\"temp\"],\"method\":\"thing.property.desired.get\"}", raw.LastPublishPayload);
            }
            finally
            {
                client.Destruct();
                custom.Destruct();
            }
        }

        [TestMethod]
        public void Arguments_TwoHundredAtMost_NoNulls_VersionsMatch()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Client(transport, ThingHarness.Options(new TestClock()), null);
            try
            {
                Harness.Connect(client);
                string[] many = new string[201];
                for (int i = 0; i < many.Length; i++) many[i] = "p" + i;
                string[] most = new string[200];
                Array.Copy(many, most, 200);
                long id;
                Assert.ThrowsException(typeof(ArgumentException), delegate { client.GetDesiredProperties(many, out id); });
                Assert.ThrowsException(typeof(ArgumentException), delegate { client.GetDesiredProperties(new string[0], out id); });
                Assert.ThrowsException(typeof(ArgumentNullException), delegate { client.GetDesiredProperties(null, out id); });
                Assert.ThrowsException(typeof(ArgumentNullException), delegate { client.GetDesiredProperties(new string[] { "a", null }, out id); });
                Assert.ThrowsException(typeof(ArgumentException), delegate { client.DeleteDesiredProperties(new string[] { "a" }, new long[2], out id); });
                Assert.AreEqual(0, transport.PublishCount);

                Assert.AreEqual(ErrorCode.Ok, client.GetDesiredProperties(most, out id));
                Assert.AreEqual(1, id);                                      // the refused calls took no id
                Assert.IsTrue(transport.LastPublishPayload.IndexOf("\"p199\"],\"method\"") > 0);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void WithoutThingSetup_Throws()
        {
            LinkKitClient client = Harness.Client(new RecordingTransport(256, 256), Harness.Options(new TestClock()));
            long id;
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.GetDesiredProperties(new string[] { "a" }, out id); });
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { client.DeleteDesiredProperties(new string[] { "a" }, null, out id); });
        }
    }
}
