using System;
using System.Collections;
using LinkKit.Nano.Json;
using LinkKit.Nano.Tests.Client;
using LinkKit.Nano.Tests.ThingModels;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.JsonObjects
{
    /// <summary>
    /// ThingJson.ReadHashtable/ReadValue/GetJson over the reader the SDK lends to the PropertySet and ServiceCalled
    /// handlers (and over any reader). Needs no nanoFramework.Json: runs on nanoCLR and on desktop.
    /// </summary>
    [TestClass]
    public class ReadValueTests : ClientTestBase
    {
        private const string Sys = ThingHarness.Sys;

        [TestMethod]
        public void PropertySet_ParamsAsHashtable_KeptAfterTheHandler()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            Hashtable received = null;
            client.PropertySet += delegate (LinkKitClient s, long requestId, JsonReader parameters, ref int replyCode)
            {
                received = parameters.ReadHashtable();
                if (received == null) replyCode = LinkKitClient.ReplyInvalidParams;
            };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/service/property/set", "{\"id\":\"100001\",\"version\":\"1.0\",\"params\":{\"Brightness\":42,"
                    + "\"LightSwitch\":1,\"Voltage\":220.5,\"Label\":\"h\\u00e9\",\"LastSeen\":\"1700000000000\","
                    + "\"Location\":{\"lat\":31.25,\"lon\":121,\"site\":\"SH\"},\"History\":[1,2,3]},\"method\":\"thing.service.property.set\"}");
                ThingHarness.AssertPublished(transport, Sys + "thing/service/property/set_reply", "{\"id\":\"100001\",\"code\":200,\"data\":{}}", 1);

                Assert.IsNotNull(received);
                Assert.AreEqual(7, received.Count);
                Assert.AreEqual(42, (int)received["Brightness"]);
                Assert.AreEqual(1, (int)received["LightSwitch"]);          // a TSL bool arrives as 0/1
                Assert.AreEqual(220.5, (double)received["Voltage"]);
                Assert.AreEqual("hé", (string)received["Label"]);
                Assert.AreEqual("1700000000000", (string)received["LastSeen"]);
                Hashtable location = (Hashtable)received["Location"];
                Assert.AreEqual(3, location.Count);
                Assert.AreEqual(31.25, (double)location["lat"]);
                Assert.AreEqual(121, (int)location["lon"]);                 // written without a fraction: an int
                Assert.AreEqual("SH", (string)location["site"]);
                ArrayList history = (ArrayList)received["History"];
                Assert.AreEqual(3, history.Count);
                Assert.AreEqual(1, (int)history[0]);
                Assert.AreEqual(3, (int)history[2]);
            }
            finally
            {
                client.Destruct();
            }
        }

        [TestMethod]
        public void ServiceInputs_AsHashtable_AndTheAnswer()
        {
            RecordingTransport transport = ThingHarness.Transport();
            LinkKitClient client = ThingHarness.Connected(transport, new TestClock());
            int delay = -1;
            client.ServiceCalled += delegate (LinkKitClient s, ServiceCall call)
            {
                Hashtable inputs = call.Parameters.ReadHashtable();
                delay = (int)inputs["delay"];
                ThingWriter w = s.BeginServiceAnswer(call, 200);
                w.Write("accepted", inputs.Count == 1);
                s.EndServiceAnswer();
            };
            try
            {
                ThingHarness.Inject(transport, Sys + "thing/service/reboot", "{\"method\":\"thing.service.reboot\",\"id\":\"100003\",\"params\":{\"delay\":5},\"version\":\"1.0\"}");
                Assert.AreEqual(5, delay);
                ThingHarness.AssertPublished(transport, Sys + "thing/service/reboot_reply", "{\"id\":\"100003\",\"code\":200,\"data\":{\"accepted\":1}}", 0);
            }
            finally
            {
                client.Destruct();
            }
        }

        /// <summary>Numbers without a fraction or exponent: int, else long; all others double; beyond double's range an infinity.</summary>
        [TestMethod]
        public void Numbers_TypedByTheirText()
        {
            ArrayList values = (ArrayList)Reader("[1,-2147483648,2147483648,9223372036854775807,9223372036854775808,1.0,1e2,-0.5,1e400,-1e400]").ReadValue();
            Assert.AreEqual(10, values.Count);
            Assert.IsTrue(values[0] is int);
            Assert.AreEqual(1, (int)values[0]);
            Assert.AreEqual(int.MinValue, (int)values[1]);
            Assert.IsTrue(values[2] is long);
            Assert.AreEqual(2147483648L, (long)values[2]);
            Assert.AreEqual(long.MaxValue, (long)values[3]);
            Assert.IsTrue(values[4] is double);
            Assert.AreEqual(9223372036854775808.0, (double)values[4]);
            Assert.AreEqual(1.0, (double)values[5]);
            Assert.AreEqual(100.0, (double)values[6]);
            Assert.AreEqual(-0.5, (double)values[7]);
            Assert.AreEqual(double.PositiveInfinity, (double)values[8]);
            Assert.AreEqual(double.NegativeInfinity, (double)values[9]);
        }

        [TestMethod]
        public void Literals_Strings_Nulls_RepeatedNames()
        {
            Hashtable h = Reader("{\"t\":true,\"f\":false,\"n\":null,\"s\":\"a\\\"\\\\\\n\\u00e9\\ud83d\\ude00\",\"e\":{},\"a\":[],\"s\":\"last\",\"nested\":[[1],[{\"k\":null}]]}").ReadHashtable();
            Assert.AreEqual(7, h.Count);
            Assert.AreEqual(true, (bool)h["t"]);
            Assert.AreEqual(false, (bool)h["f"]);
            Assert.IsTrue(h.Contains("n"));
            Assert.IsNull(h["n"]);
            Assert.AreEqual("last", (string)h["s"]);                        // a repeated name keeps its last value
            Assert.AreEqual(0, ((Hashtable)h["e"]).Count);
            Assert.AreEqual(0, ((ArrayList)h["a"]).Count);
            ArrayList nested = (ArrayList)h["nested"];
            Assert.AreEqual(1, (int)((ArrayList)nested[0])[0]);
            Hashtable inner = (Hashtable)((ArrayList)nested[1])[0];
            Assert.IsTrue(inner.Contains("k"));
            Assert.IsNull(inner["k"]);

            Assert.AreEqual("a\"\\\n\u00e9\ud83d\ude00", (string)Reader("\"a\\\"\\\\\\n\\u00e9\\ud83d\\ude00\"").ReadValue());
        }

        /// <summary>From a property name the value is read; the reader stops on the value's last token and reading goes on.</summary>
        [TestMethod]
        public void Positions_NameValueAndEnd()
        {
            JsonReader reader = Reader("{\"a\":{\"x\":1},\"b\":[2],\"c\":\"s\"}");
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.MoveToProperty("a"));
            Hashtable a = reader.ReadHashtable();
            Assert.AreEqual(1, (int)a["x"]);
            Assert.AreEqual(JsonTokenType.EndObject, reader.TokenType);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual(JsonTokenType.PropertyName, reader.TokenType);
            ArrayList b = (ArrayList)reader.ReadValue();                   // from the name "b"
            Assert.AreEqual(2, (int)b[0]);
            Assert.AreEqual(JsonTokenType.EndArray, reader.TokenType);
            Assert.IsTrue(reader.MoveToProperty("c"));
            Assert.IsNull(reader.ReadHashtable());                         // not an object
            Assert.IsTrue(reader.Read());
            Assert.AreEqual(JsonTokenType.EndObject, reader.TokenType);
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { reader.ReadValue(); });
            Assert.IsFalse(reader.Read());
            Assert.IsNull(reader.ReadValue());                             // the document's end
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { ThingJson.ReadValue(null); });
        }

        [TestMethod]
        public void BrokenJson_Null_WithTheReadersError()
        {
            JsonReader reader = Reader("{\"a\":[1,}");
            Assert.IsNull(reader.ReadHashtable());
            Assert.AreEqual(ErrorCode.Malformed, reader.Error);
            Assert.AreEqual(8, reader.ErrorOffset);

            reader = Reader("{\"a\":[1,");
            Assert.IsNull(reader.GetJson());
            Assert.AreEqual(ErrorCode.Malformed, reader.Error);
        }

        [TestMethod]
        public void GetJson_TheValuesTextAsReceived()
        {
            JsonReader reader = Reader("{\"o\":{\"k\":[1, 2]},\"s\":\"a\\u00e9\",\"n\":-1.5e3,\"t\":true,\"z\":null}");
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.MoveToProperty("o"));
            Assert.AreEqual("{\"k\":[1, 2]}", reader.GetJson());
            Assert.AreEqual(JsonTokenType.EndObject, reader.TokenType);
            Assert.IsTrue(reader.MoveToProperty("s"));
            Assert.AreEqual("\"a\\u00e9\"", reader.GetJson());
            Assert.IsTrue(reader.Read());
            Assert.AreEqual("-1.5e3", reader.GetJson());                   // from the name "n"
            Assert.IsTrue(reader.MoveToProperty("t"));
            Assert.AreEqual("true", reader.GetJson());
            Assert.IsTrue(reader.MoveToProperty("z"));
            Assert.AreEqual("null", reader.GetJson());
            Assert.AreEqual("{\"o\":{\"k\":[1, 2]},\"s\":\"a\\u00e9\",\"n\":-1.5e3,\"t\":true,\"z\":null}",
                Reader("{\"o\":{\"k\":[1, 2]},\"s\":\"a\\u00e9\",\"n\":-1.5e3,\"t\":true,\"z\":null}").GetJson());
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
