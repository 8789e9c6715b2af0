using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.ThingModels;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.JsonObjects
{
    /// <summary>
    /// ThingJson.WriteJson: the members of a JSON object go into the lent ThingWriter one Write call each, so the wire
    /// form and every refusal are the writer's own. Needs no nanoFramework.Json: runs on nanoCLR and on desktop.
    /// </summary>
    [TestClass]
    public class WriteJsonTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;

        [TestMethod]
        public void EveryTslType_WrittenInTheWritersWireForm()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                ThingWriter w = client.BeginPropertyPost();
                Assert.AreEqual(ErrorCode.Ok, Write(w, "{\"temperature\":25.5,\"LightSwitch\":true,\"Brightness\":42,\"Voltage\":220,"
                    + "\"Mode\":2,\"Label\":\"a\\\"b\\u005c\",\"LastSeen\":1700000000000,\"Location\":{\"lat\":31.25,\"lon\":-121.5,\"site\":\"SH\"},"
                    + "\"History\":[1,2,3],\"Schedule\":[{\"hour\":7,\"on\":true},{\"hour\":22,\"on\":false}],\"notInTsl\":null}"));
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                // bool nodes 0/1, an integer into a double node 220.0, a date as a string of milliseconds, a null member left out.
                ThingHarness.AssertPublished(transport, Sys + "thing/event/property/post",
                    "{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"temperature\":25.5,\"LightSwitch\":1,\"Brightness\":42,\"Voltage\":220.0,"
                    + "\"Mode\":2,\"Label\":\"a\\\"b\\\\\",\"LastSeen\":\"1700000000000\",\"Location\":{\"lat\":31.25,\"lon\":-121.5,\"site\":\"SH\"},"
                    + "\"History\":[1,2,3],\"Schedule\":[{\"hour\":7,\"on\":1},{\"hour\":22,\"on\":0}]},\"method\":\"thing.event.property.post\"}", 1);
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>Each refusal is the code the writer gives for the same value written by hand; the End call sends nothing.</summary>
        [TestMethod]
        [DataRow("{\"notInTsl\":1}", ErrorCode.PropertyNotDeclared)]
        [DataRow("{\"Brightness\":101}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"Brightness\":1.5}", ErrorCode.TypeMismatch)]
        [DataRow("{\"Brightness\":\"5\"}", ErrorCode.TypeMismatch)]
        [DataRow("{\"Label\":\"nine char\"}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"Mode\":3}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"History\":[1,2,3,4]}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"Location\":{\"lat\":91}}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"Location\":{\"alt\":1}}", ErrorCode.PropertyNotDeclared)]
        [DataRow("{\"Location\":5}", ErrorCode.TypeMismatch)]
        [DataRow("{\"History\":{}}", ErrorCode.TypeMismatch)]
        [DataRow("{\"Brightness\":10.0}", ErrorCode.TypeMismatch)]
        [DataRow("{\"Brightness\":1e1}", ErrorCode.TypeMismatch)]
        [DataRow("{\"Voltage\":1e400}", ErrorCode.NotFinite)]
        [DataRow("{\"Voltage\":12345678901234567890}", ErrorCode.ValueOutOfRange)]
        public void Refusals_AreTheWritersOwn_NothingSent(string json, int expected)
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                int published = transport.PublishCount;
                ThingWriter w = client.BeginPropertyPost();
                Assert.AreEqual(expected, Write(w, json));
                Assert.AreEqual(expected, w.Error);
                long id;
                Assert.AreEqual(expected, client.EndPropertyPost(out id));
                Assert.AreEqual(published, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>Shapes no thing model holds, and broken JSON: the writer is left failed (Malformed), so its End call sends nothing.</summary>
        [TestMethod]
        [DataRow("{\"History\":[[1]]}", ErrorCode.TypeMismatch)]
        [DataRow("{\"History\":[1,null]}", ErrorCode.TypeMismatch)]
        [DataRow("[1]", ErrorCode.TypeMismatch)]
        [DataRow("\"Brightness\"", ErrorCode.TypeMismatch)]
        [DataRow("{\"Brightness\":}", ErrorCode.Malformed)]
        [DataRow("{\"Brightness\":5", ErrorCode.Malformed)]
        [DataRow("", ErrorCode.Malformed)]
        public void UnwritableShapes_LeaveTheWriterFailed(string json, int expected)
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                int published = transport.PublishCount;
                ThingWriter w = client.BeginPropertyPost();
                Assert.AreEqual(expected, Write(w, json));
                Assert.AreEqual(ErrorCode.Malformed, w.Error);
                long id;
                Assert.AreEqual(ErrorCode.Malformed, client.EndPropertyPost(out id));
                Assert.AreEqual(published, transport.PublishCount);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void MixedWithHandWrittenValues_AndInsideAnEvent()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                ThingWriter w = client.BeginPropertyPost();
                w.Write("Brightness", 7);
                Assert.AreEqual(ErrorCode.Ok, Write(w, "{\"Mode\":1}"));
                w.Write("LightSwitch", false);
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"Brightness\":7,\"Mode\":1,\"LightSwitch\":0},\"method\":\"thing.event.property.post\"}",
                    transport.LastPublishPayload);

                w = client.BeginEventPost("alarm");
                Assert.AreEqual(ErrorCode.Ok, Write(w, "{\"level\":3}"));
                Assert.AreEqual(ErrorCode.Ok, client.EndEventPost(out id));
                ThingHarness.AssertPublished(transport, Sys + "thing/event/alarm/post",
                    "{\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"value\":{\"level\":3}},\"method\":\"thing.event.alarm.post\"}", 0);

                w = client.BeginEventPost("alarm");
                Assert.AreEqual(ErrorCode.ValueOutOfRange, Write(w, "{\"level\":6}"));
                client.CancelPost();
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>Without a model nothing is checked (bool as true/false) and every shape but an array in an array goes through; the writer's depth limit still holds.</summary>
        [TestMethod]
        public void CustomProtocolMode_WritesAsGiven_DepthLimited()
        {
            RecordingTransport transport = ThingHarness.Transport();
            TestClock clock = new TestClock();
            LinkKitClient client = ThingHarness.Client(transport, ThingHarness.Options(clock), null);
            Harness.Connect(client);
            try
            {
                ThingWriter w = client.BeginPropertyPost();
                Assert.AreEqual(ErrorCode.Ok, Write(w, "{\"x\":true,\"n\":[1,2.5,\"s\",{\"k\":false}],\"o\":{\"deep\":{}}}"));
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"x\":true,\"n\":[1,2.5,\"s\",{\"k\":false}],\"o\":{\"deep\":{}}},\"method\":\"thing.event.property.post\"}",
                    transport.LastPublishPayload);

                // The root is depth 1 of the writer's 8: seven nested structs fit, the eighth does not.
                w = client.BeginPropertyPost();
                Assert.AreEqual(ErrorCode.Ok, Write(w, "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{}}}}}}}}"));
                client.CancelPost();
                w = client.BeginPropertyPost();
                Assert.AreEqual(ErrorCode.DepthExceeded, Write(w, "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{}}}}}}}}}"));
                client.CancelPost();
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>JSON given by the app is read exactly (no rounding: that is only for nanoFramework.Json's own doubles), from any slice.</summary>
        [TestMethod]
        public void NumbersReadExactly_FromASlice()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            try
            {
                byte[] json = TestTsl.Bytes("xx{\"Voltage\":25.499999999999998,\"Brightness\":10}yy");
                ThingWriter w = client.BeginPropertyPost();
                Assert.AreEqual(ErrorCode.Ok, w.WriteJson(json, 2, json.Length - 4));
                long id;
                Assert.AreEqual(ErrorCode.Ok, client.EndPropertyPost(out id));
                // 25.499999999999998 reads as the double just below 25.5, whose shortest form the writer writes.
                Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"Voltage\":25.499999999999996,\"Brightness\":10},\"method\":\"thing.event.property.post\"}",
                    transport.LastPublishPayload);
            }
            finally
            {
                client.Destruct();
            }
        }

        private static int Write(ThingWriter writer, string json)
        {
            byte[] bytes = TestTsl.Bytes(json);
            return writer.WriteJson(bytes, 0, bytes.Length);
        }
    }
}
