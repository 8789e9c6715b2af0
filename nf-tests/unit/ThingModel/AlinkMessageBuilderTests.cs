using LinkKit.Nano.Things;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>
    /// Exact payloads the device sends. Expected shapes are the Python SDK's wire capture
    /// (docs/test-vectors.md, The Python SDK wire capture) without json.dumps' spaces; bool values follow the TSL (0/1).
    /// </summary>
    [TestClass]
    public class AlinkMessageBuilderTests
    {
        private static ThingModel s_model;

        private static ThingModel Model
        {
            get
            {
                if (s_model == null) s_model = TestTsl.Load();
                return s_model;
            }
        }

        [TestMethod]
        public void PropertyPost_CaptureShape()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            ThingWriter w = b.BeginPropertyPost(Model, 1, buffer, 0, buffer.Length);
            w.Write("temperature", 25.5);
            w.Write("LightSwitch", true);
            int n = b.End();
            Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"temperature\":25.5,\"LightSwitch\":1},\"method\":\"thing.event.property.post\"}", TestTsl.Text(buffer, 0, n));
        }

        [TestMethod]
        public void PropertyPost_IntegerToFloatGetsADecimalPoint()
        {
            // Capture id 2: {"temperature": 26.0}. The platform refuses a float without a decimal point.
            Assert.AreEqual("{\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"temperature\":26.0},\"method\":\"thing.event.property.post\"}",
                Post(2, delegate (ThingWriter w) { w.Write("temperature", 26); }));
        }

        [TestMethod]
        public void PropertyPost_EveryDataType()
        {
            string expected = "{\"id\":\"17\",\"version\":\"1.0\",\"params\":{"
                + "\"temperature\":-3.3,\"LightSwitch\":0,\"Brightness\":100,\"Voltage\":220.25,\"Mode\":2,\"Label\":\"kitchen\","
                + "\"LastSeen\":\"1700000000123\",\"Location\":{\"lat\":31.2304,\"lon\":121.4737,\"site\":\"SH\"},"
                + "\"History\":[1,-2,3],\"Schedule\":[{\"hour\":7,\"on\":1},{\"hour\":23,\"on\":0}]"
                + "},\"method\":\"thing.event.property.post\"}";
            string actual = Post(17, delegate (ThingWriter w)
            {
                w.Write("temperature", -3.3f);
                w.Write("LightSwitch", false);
                w.Write("Brightness", 100);
                w.Write("Voltage", 220.25);
                w.Write("Mode", 2);
                w.Write("Label", "kitchen");
                w.WriteDate("LastSeen", 1700000000123L);
                w.WriteStartStruct("Location");
                w.Write("lat", 31.2304);
                w.Write("lon", 121.4737);
                w.Write("site", "SH");
                w.WriteEndStruct();
                w.WriteStartArray("History");
                w.Write(1);
                w.Write(-2);
                w.Write(3);
                w.WriteEndArray();
                w.WriteStartArray("Schedule");
                w.WriteStartStruct();
                w.Write("hour", 7);
                w.Write("on", true);
                w.WriteEndStruct();
                w.WriteStartStruct();
                w.Write("hour", 23);
                w.Write("on", 0);
                w.WriteEndStruct();
                w.WriteEndArray();
            });
            Assert.AreEqual(expected, actual);
        }

        [TestMethod]
        [DataRow(1, ErrorCode.PropertyNotDeclared)]     // capture id 3 posted {"notInTsl": ...} unchecked; refused here
        [DataRow(2, ErrorCode.ValueOutOfRange)]         // temperature 120.5 > max 120
        [DataRow(3, ErrorCode.ValueOutOfRange)]         // Brightness -1 < min 0
        [DataRow(4, ErrorCode.ValueOutOfRange)]         // Mode 3 is not an enum key
        [DataRow(5, ErrorCode.ValueOutOfRange)]         // LightSwitch 2: bool is 0 or 1
        [DataRow(6, ErrorCode.ValueOutOfRange)]         // Label longer than 8 bytes
        [DataRow(7, ErrorCode.TypeMismatch)]            // text written to an int
        [DataRow(8, ErrorCode.TypeMismatch)]            // fraction written to an int
        [DataRow(9, ErrorCode.ValueOutOfRange)]         // a fourth element in History (size 3)
        [DataRow(10, ErrorCode.PropertyNotDeclared)]    // a struct member that does not exist
        [DataRow(11, ErrorCode.TypeMismatch)]           // a struct opened on an array
        [DataRow(12, ErrorCode.Malformed)]              // a name inside an array
        [DataRow(13, ErrorCode.Malformed)]              // a struct left open
        [DataRow(14, ErrorCode.NotFinite)]              // NaN
        [DataRow(15, ErrorCode.ValueOutOfRange)]        // a negative date
        [DataRow(16, ErrorCode.TypeMismatch)]           // a date written as an int to a text
        [DataRow(17, ErrorCode.Malformed)]              // closing the root object
        [DataRow(18, ErrorCode.ValueOutOfRange)]        // Label: 3 chars but 9 UTF-8 bytes
        public void PropertyPost_RefusedValue_EndReturnsTheCode(int scenario, int expected)
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            ThingWriter w = b.BeginPropertyPost(Model, 3, buffer, 0, buffer.Length);
            w.Write("Brightness", 50);
            switch (scenario)
            {
                case 1: w.Write("notInTsl", "no validation"); break;
                case 2: w.Write("temperature", 120.5); break;
                case 3: w.Write("Brightness", -1); break;
                case 4: w.Write("Mode", 3); break;
                case 5: w.Write("LightSwitch", 2); break;
                case 6: w.Write("Label", "123456789"); break;
                case 7: w.Write("Brightness", "50"); break;
                case 8: w.Write("Brightness", 50.5); break;
                case 9: w.WriteStartArray("History"); w.Write(1); w.Write(2); w.Write(3); w.Write(4); w.WriteEndArray(); break;
                case 10: w.WriteStartStruct("Location"); w.Write("alt", 1.0); w.WriteEndStruct(); break;
                case 11: w.WriteStartStruct("History"); break;
                case 12: w.WriteStartArray("History"); w.Write("x", 1); break;
                case 13: w.WriteStartStruct("Location"); break;
                case 14: w.Write("Voltage", double.NaN); break;
                case 15: w.WriteDate("LastSeen", -1); break;
                case 16: w.Write("Label", 5); break;
                case 17: w.WriteEndStruct(); break;
                case 18: w.Write("Label", "温度计"); break;
            }

            Assert.AreEqual(scenario == 13 ? ErrorCode.Ok : expected, w.Error);   // an open struct shows only at the end
            Assert.AreEqual(expected, b.End());
        }

        [TestMethod]
        public void Writer_ErrorsAreSticky()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            ThingWriter w = b.BeginPropertyPost(Model, 3, buffer, 0, buffer.Length);
            w.Write("Mode", 9);
            w.Write("Brightness", 1);                   // ignored
            w.Write("notInTsl", 1);                     // ignored: the first error stays
            Assert.AreEqual(ErrorCode.ValueOutOfRange, w.Error);
            Assert.AreEqual(ErrorCode.ValueOutOfRange, b.End());
        }

        [TestMethod]
        public void Writer_AfterEnd_Throws()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            ThingWriter w = b.BeginPropertyPost(Model, 3, buffer, 0, buffer.Length);
            b.End();
            Assert.ThrowsException(typeof(System.InvalidOperationException), delegate { w.Write("Brightness", 1); });
            Assert.ThrowsException(typeof(System.InvalidOperationException), delegate { b.End(); });
        }

        [TestMethod]
        public void PropertyPost_WithoutModel_IsUnchecked()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            ThingWriter w = b.BeginPropertyPost(null, 3, buffer, 0, buffer.Length);
            Assert.IsFalse(w.IsChecked);
            w.Write("notInTsl", "no validation");
            w.Write("flag", true);
            w.Write("n", 7);
            int n = b.End();
            Assert.AreEqual("{\"id\":\"3\",\"version\":\"1.0\",\"params\":{\"notInTsl\":\"no validation\",\"flag\":true,\"n\":7},\"method\":\"thing.event.property.post\"}", TestTsl.Text(buffer, 0, n));
        }

        [TestMethod]
        public void EventPost_CaptureShape()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            ThingWriter w = b.BeginEventPost(Model, Model.FindEvent("alarm"), 4, buffer, 0, buffer.Length);
            w.Write("level", 3);
            int n = b.End();
            Assert.AreEqual("{\"id\":\"4\",\"version\":\"1.0\",\"params\":{\"value\":{\"level\":3}},\"method\":\"thing.event.alarm.post\"}", TestTsl.Text(buffer, 0, n));
        }

        [TestMethod]
        public void EventPost_ChecksTheEventsOutputs()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            ThingWriter w = b.BeginEventPost(Model, 0, 4, buffer, 0, buffer.Length);
            w.Write("temperature", 20.0);               // a property, not an output of alarm
            Assert.AreEqual(ErrorCode.PropertyNotDeclared, b.End());
            w = b.BeginEventPost(Model, 0, 5, buffer, 0, buffer.Length);
            w.Write("level", 6);
            Assert.AreEqual(ErrorCode.ValueOutOfRange, b.End());
        }

        [TestMethod]
        public void ServiceReply_CaptureShapes()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            int reboot = Model.FindService("reboot");
            ThingWriter w = b.BeginReply(Model, Model.GetServiceFirstOutput(reboot), 100003, 200, buffer, 0, buffer.Length);
            w.Write("accepted", true);
            int n = b.End();
            Assert.AreEqual("{\"id\":\"100003\",\"code\":200,\"data\":{\"accepted\":1}}", TestTsl.Text(buffer, 0, n));

            int status = Model.FindService("getStatus");
            w = b.BeginReply(Model, Model.GetServiceFirstOutput(status), 100004, 200, buffer, 0, buffer.Length);
            w.Write("uptime", 1234);
            n = b.End();
            Assert.AreEqual("{\"id\":\"100004\",\"code\":200,\"data\":{\"uptime\":1234}}", TestTsl.Text(buffer, 0, n));
        }

        [TestMethod]
        public void PropertySetReply_CaptureShape()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[64];
            int n = b.WriteReply(100001, 200, buffer, 0, buffer.Length);
            Assert.AreEqual("{\"id\":\"100001\",\"code\":200,\"data\":{}}", TestTsl.Text(buffer, 0, n));
            n = b.WriteReply(4294967295L, 460, buffer, 0, buffer.Length);
            Assert.AreEqual("{\"id\":\"4294967295\",\"code\":460,\"data\":{}}", TestTsl.Text(buffer, 0, n));
        }

        [TestMethod]
        public void TagsUpdateAndDelete_CaptureShapes()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            int n = b.WriteTagsUpdate(5, new string[] { "room", "floor" }, new string[] { "lab", "3" }, 2, buffer, 0, buffer.Length);
            Assert.AreEqual("{\"id\":\"5\",\"version\":\"1.0\",\"params\":[{\"attrKey\":\"room\",\"attrValue\":\"lab\"},{\"attrKey\":\"floor\",\"attrValue\":\"3\"}],\"method\":\"thing.deviceinfo.update\"}", TestTsl.Text(buffer, 0, n));
            n = b.WriteTagsRemove(6, new string[] { "room", "floor" }, 1, buffer, 0, buffer.Length);
            Assert.AreEqual("{\"id\":\"6\",\"version\":\"1.0\",\"params\":[{\"attrKey\":\"room\"}],\"method\":\"thing.deviceinfo.delete\"}", TestTsl.Text(buffer, 0, n));
        }

        [TestMethod]
        public void Tags_Misuse_Throws()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            Assert.ThrowsException(typeof(System.ArgumentException), delegate { b.WriteTagsRemove(1, new string[] { "a" }, 0, buffer, 0, 256); });
            Assert.ThrowsException(typeof(System.ArgumentException), delegate { b.WriteTagsRemove(1, new string[] { "a" }, 2, buffer, 0, 256); });
            Assert.ThrowsException(typeof(System.ArgumentNullException), delegate { b.WriteTagsRemove(1, new string[] { null }, 1, buffer, 0, 256); });
            Assert.ThrowsException(typeof(System.ArgumentNullException), delegate { b.WriteTagsUpdate(1, new string[] { "a" }, new string[] { null }, 1, buffer, 0, 256); });
            Assert.ThrowsException(typeof(System.ArgumentException), delegate { b.WriteTagsUpdate(1, new string[] { "a", "b" }, new string[] { "x" }, 2, buffer, 0, 256); });
        }

        [TestMethod]
        public void Shadow_CaptureShapes()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[128];
            ThingWriter w = b.BeginShadowUpdate(1, buffer, 0, buffer.Length);
            Assert.IsFalse(w.IsChecked);
            w.Write("color", "red");
            int n = b.End();
            Assert.AreEqual("{\"state\":{\"reported\":{\"color\":\"red\"}},\"method\":\"update\",\"version\":1}", TestTsl.Text(buffer, 0, n));
            n = b.WriteShadowGet(buffer, 0, buffer.Length);
            Assert.AreEqual("{\"method\":\"get\"}", TestTsl.Text(buffer, 0, n));
            n = b.WriteShadowClearDesired(4, buffer, 0, buffer.Length);
            Assert.AreEqual("{\"method\":\"update\",\"state\":{\"desired\":\"null\"},\"version\":4}", TestTsl.Text(buffer, 0, n));
        }

        [TestMethod]
        public void Refused_EndReturnsTheRefusal()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            ThingWriter w = b.BeginRefused(ErrorCode.EventNotDeclared);
            w.Write("level", 1);
            Assert.AreEqual(ErrorCode.EventNotDeclared, w.Error);
            Assert.AreEqual(ErrorCode.EventNotDeclared, b.End());
        }

        [TestMethod]
        [DataRow(0)]   // property post
        [DataRow(1)]   // event post
        [DataRow(2)]   // reply with data
        [DataRow(3)]   // reply without data
        [DataRow(4)]   // tags update
        [DataRow(5)]   // tags delete
        [DataRow(6)]   // shadow update
        [DataRow(7)]   // shadow get
        [DataRow(8)]   // shadow clear desired
        public void EveryBuilder_ExactFit_AndOneByteShort_WritesNothingOutside(int which)
        {
            int length = Build(which, new byte[512], 0, 512);
            Assert.IsTrue(length > 0);

            byte[] exact = TestTsl.Filled(length + 2, 0xEE);
            Assert.AreEqual(length, Build(which, exact, 1, length));
            Assert.AreEqual((byte)0xEE, exact[0]);
            Assert.AreEqual((byte)0xEE, exact[length + 1]);

            // One byte short at every cut: the result is BufferTooSmall and the sentinels around the window stay.
            for (int window = 0; window < length; window++)
            {
                byte[] shortBuffer = TestTsl.Filled(window + 2, 0xEE);
                Assert.AreEqual(ErrorCode.BufferTooSmall, Build(which, shortBuffer, 1, window), "window " + window.ToString());
                Assert.AreEqual((byte)0xEE, shortBuffer[0]);
                Assert.AreEqual((byte)0xEE, shortBuffer[window + 1]);
            }
        }

        private delegate void Fill(ThingWriter w);

        private static string Post(int id, Fill fill)
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[512];
            ThingWriter w = b.BeginPropertyPost(Model, id, buffer, 0, buffer.Length);
            fill(w);
            int n = b.End();
            Assert.IsTrue(n > 0, "End returned " + n.ToString());
            return TestTsl.Text(buffer, 0, n);
        }

        private static int Build(int which, byte[] buffer, int offset, int count)
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            ThingWriter w;
            switch (which)
            {
                case 0:
                    w = b.BeginPropertyPost(Model, 12, buffer, offset, count);
                    w.Write("temperature", 25.5);
                    w.WriteStartStruct("Location");
                    w.Write("site", "SH");
                    w.WriteEndStruct();
                    return b.End();
                case 1:
                    w = b.BeginEventPost(Model, 0, 4, buffer, offset, count);
                    w.Write("level", 3);
                    return b.End();
                case 2:
                    w = b.BeginReply(Model, Model.GetServiceFirstOutput(0), 100003, 200, buffer, offset, count);
                    w.Write("accepted", true);
                    return b.End();
                case 3:
                    return b.WriteReply(100001, 200, buffer, offset, count);
                case 4:
                    return b.WriteTagsUpdate(5, new string[] { "room", "floor" }, new string[] { "lab", "3" }, 2, buffer, offset, count);
                case 5:
                    return b.WriteTagsRemove(6, new string[] { "room" }, 1, buffer, offset, count);
                case 6:
                    w = b.BeginShadowUpdate(1, buffer, offset, count);
                    w.Write("color", "red");
                    return b.End();
                case 7:
                    return b.WriteShadowGet(buffer, offset, count);
                default:
                    return b.WriteShadowClearDesired(4, buffer, offset, count);
            }
        }
    }
}
