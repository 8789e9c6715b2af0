using System;
using LinkKit.Nano.Things;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>
    /// Batch and history posts as the builder writes them (docs/protocol.md, "Batch and history posts"): exact payloads,
    /// the thing model's refusals, misuse and short buffers. The same <see cref="BatchWriter"/> calls build both messages.
    /// </summary>
    [TestClass]
    public class BatchPostTests
    {
        private const long T0 = 1700000000000L;
        private const long T1 = 1700000060000L;
        private const string Identity = "{\"identity\":{\"productKey\":\"a1TestPK001\",\"deviceName\":\"dev-001\"}";

        private static ThingModel s_model;

        private static ThingModel Model
        {
            get
            {
                if (s_model == null) s_model = TestTsl.Load();
                return s_model;
            }
        }

        private delegate void Fill(BatchWriter w);

        [TestMethod]
        public void BatchPost_TheIssuesExample_ExactBytes()
        {
            Assert.AreEqual("{\"id\":\"7\",\"version\":\"1.0\",\"params\":{\"properties\":{\"temperature\":[{\"value\":21.5,\"time\":1700000000000},{\"value\":21.7,\"time\":1700000060000}],"
                + "\"LightSwitch\":[{\"value\":1,\"time\":1700000000000}]},\"events\":{\"alarm\":[{\"value\":{\"level\":2},\"time\":1700000000000}]}},"
                + "\"method\":\"thing.event.property.batch.post\"}",
                Build(false, 7, Example));
        }

        [TestMethod]
        public void HistoryPost_TheSameCalls_OneItemPerValue_ExactBytes()
        {
            Assert.AreEqual("{\"id\":\"8\",\"version\":\"1.0\",\"params\":[" + Identity + ",\"properties\":["
                + "{\"temperature\":{\"value\":21.5,\"time\":1700000000000}},{\"temperature\":{\"value\":21.7,\"time\":1700000060000}},"
                + "{\"LightSwitch\":{\"value\":1,\"time\":1700000000000}}],\"events\":[{\"alarm\":{\"value\":{\"level\":2},\"time\":1700000000000}}]}],"
                + "\"method\":\"thing.event.property.history.post\"}",
                Build(true, 8, Example));
        }

        [TestMethod]
        public void BatchPost_EveryDataType_InTheTslsWireForms()
        {
            string expected = "{\"id\":\"9\",\"version\":\"1.0\",\"params\":{\"properties\":{"
                + "\"temperature\":[{\"value\":26.0,\"time\":1700000000000},{\"value\":-3.3,\"time\":1700000060000}],"
                + "\"LightSwitch\":[{\"value\":0,\"time\":1700000000000}],"
                + "\"Brightness\":[{\"value\":100,\"time\":1700000000000}],"
                + "\"Voltage\":[{\"value\":220.25,\"time\":1700000000000}],"
                + "\"Mode\":[{\"value\":2,\"time\":1700000000000}],"
                + "\"Label\":[{\"value\":\"kitchen\",\"time\":1700000000000}],"
                + "\"LastSeen\":[{\"value\":\"1700000000123\",\"time\":1700000000000},{\"value\":\"1699999999999\",\"time\":1700000060000}],"
                + "\"Location\":[{\"value\":{\"lat\":31.2304,\"lon\":121.4737,\"site\":\"SH\"},\"time\":1700000000000}],"
                + "\"History\":[{\"value\":[1,-2,3],\"time\":1700000000000},{\"value\":[],\"time\":1700000060000}],"
                + "\"Schedule\":[{\"value\":[{\"hour\":7,\"on\":1}],\"time\":1700000000000}]"
                + "},\"events\":{\"alarm\":[{\"value\":{\"level\":1},\"time\":1700000000000},{\"value\":{\"level\":5},\"time\":1700000060000}]}},"
                + "\"method\":\"thing.event.property.batch.post\"}";
            Assert.AreEqual(expected, Build(false, 9, delegate (BatchWriter w)
            {
                w.BeginProperty("temperature");
                w.Value(26, T0);                         // an int to a float property gets its decimal point
                w.Value(-3.3f, T1);
                w.EndProperty();
                w.BeginProperty("LightSwitch");
                w.Value(false, T0);
                w.EndProperty();
                w.BeginProperty("Brightness");
                w.Value(100L, T0);
                w.EndProperty();
                w.BeginProperty("Voltage");
                w.Value(220.25, T0);
                w.EndProperty();
                w.BeginProperty("Mode");
                w.Value(2, T0);
                w.EndProperty();
                w.BeginProperty("Label");
                w.Value("kitchen", T0);
                w.EndProperty();
                w.BeginProperty("LastSeen");
                w.DateValue(1700000000123L, T0);
                w.Value(1699999999999L, T1);             // an integer to a date property is a date too
                w.EndProperty();
                w.BeginProperty("Location");
                ThingWriter s = w.BeginValue(T0);
                s.Write("lat", 31.2304);
                s.Write("lon", 121.4737);
                s.Write("site", "SH");
                w.EndValue();
                w.EndProperty();
                w.BeginProperty("History");
                ThingWriter a = w.BeginValue(T0);
                a.Write(1);
                a.Write(-2);
                a.Write(3);
                w.EndValue();
                w.BeginValue(T1);
                w.EndValue();
                w.EndProperty();
                w.BeginProperty("Schedule");
                a = w.BeginValue(T0);
                a.WriteStartStruct();
                a.Write("hour", 7);
                a.Write("on", true);
                a.WriteEndStruct();
                w.EndValue();
                w.EndProperty();
                w.BeginEvent("alarm");
                w.BeginValue(T0).Write("level", 1);
                w.EndValue();
                w.BeginValue(T1).Write("level", 5);
                w.EndValue();
                w.EndEvent();
            }));
        }

        [TestMethod]
        public void HistoryPost_StructAndArrayValues_AndAPropertyComingBack()
        {
            string expected = "{\"id\":\"10\",\"version\":\"1.0\",\"params\":[" + Identity + ",\"properties\":["
                + "{\"Location\":{\"value\":{\"site\":\"SH\"},\"time\":1700000000000}},"
                + "{\"History\":{\"value\":[4,5],\"time\":1700000000000}},"
                + "{\"Location\":{\"value\":{\"site\":\"BJ\"},\"time\":1700000060000}}]}],"
                + "\"method\":\"thing.event.property.history.post\"}";
            Assert.AreEqual(expected, Build(true, 10, delegate (BatchWriter w)
            {
                w.BeginProperty("Location");
                w.BeginValue(T0).Write("site", "SH");
                w.EndValue();
                w.EndProperty();
                w.BeginProperty("History");
                ThingWriter a = w.BeginValue(T0);
                a.Write(4);
                a.Write(5);
                w.EndValue();
                w.EndProperty();
                w.BeginProperty("Location");             // a history post may repeat an identifier
                w.BeginValue(T1).Write("site", "BJ");
                w.EndValue();
                w.EndProperty();
            }));
        }

        [TestMethod]
        public void EitherPartMayBeLeftOut()
        {
            Assert.AreEqual("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{\"properties\":{\"Brightness\":[{\"value\":5,\"time\":1700000000000}]}},\"method\":\"thing.event.property.batch.post\"}",
                Build(false, 1, OneBrightness));
            Assert.AreEqual("{\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"events\":{\"alarm\":[{\"value\":{\"level\":3},\"time\":1700000000000}]}},\"method\":\"thing.event.property.batch.post\"}",
                Build(false, 2, OneAlarm));
            Assert.AreEqual("{\"id\":\"3\",\"version\":\"1.0\",\"params\":{},\"method\":\"thing.event.property.batch.post\"}",
                Build(false, 3, delegate (BatchWriter w) { }));
            Assert.AreEqual("{\"id\":\"4\",\"version\":\"1.0\",\"params\":[" + Identity + ",\"properties\":[{\"Brightness\":{\"value\":5,\"time\":1700000000000}}]}],\"method\":\"thing.event.property.history.post\"}",
                Build(true, 4, OneBrightness));
            Assert.AreEqual("{\"id\":\"5\",\"version\":\"1.0\",\"params\":[" + Identity + ",\"events\":[{\"alarm\":{\"value\":{\"level\":3},\"time\":1700000000000}}]}],\"method\":\"thing.event.property.history.post\"}",
                Build(true, 5, OneAlarm));
            Assert.AreEqual("{\"id\":\"6\",\"version\":\"1.0\",\"params\":[" + Identity + "}],\"method\":\"thing.event.property.history.post\"}",
                Build(true, 6, delegate (BatchWriter w) { }));
        }

        [TestMethod]
        [DataRow(1, ErrorCode.PropertyNotDeclared)]     // a property the TSL does not declare
        [DataRow(2, ErrorCode.EventNotDeclared)]        // an event the TSL does not declare
        [DataRow(3, ErrorCode.ValueOutOfRange)]         // temperature 120.5 > max 120
        [DataRow(4, ErrorCode.PropertyNotDeclared)]     // an output alarm does not have
        [DataRow(5, ErrorCode.ValueOutOfRange)]         // alarm level 6 > max 5
        [DataRow(6, ErrorCode.TypeMismatch)]            // text written to an int
        [DataRow(7, ErrorCode.TypeMismatch)]            // BeginValue on a scalar property
        [DataRow(8, ErrorCode.TypeMismatch)]            // a scalar written to a struct property
        [DataRow(9, ErrorCode.ValueOutOfRange)]         // a negative time
        [DataRow(10, ErrorCode.ValueOutOfRange)]        // a negative time through BeginValue
        [DataRow(11, ErrorCode.ValueOutOfRange)]        // a fourth element in History (size 3)
        [DataRow(12, ErrorCode.NotFinite)]              // NaN
        [DataRow(13, ErrorCode.ValueOutOfRange)]        // Mode 3 is not an enum key
        [DataRow(14, ErrorCode.Malformed)]              // a struct left open inside a value
        [DataRow(15, ErrorCode.PropertyNotDeclared)]    // a member Location does not have
        [DataRow(16, ErrorCode.TypeMismatch)]           // a date written to a text
        [DataRow(17, ErrorCode.Malformed)]              // closing the value's own container through the ThingWriter
        public void RefusedByTheThingModel_EndReturnsTheFirstError_BothForms(int scenario, int expected)
        {
            for (int form = 0; form < 2; form++)
            {
                AlinkMessageBuilder b = new AlinkMessageBuilder();
                byte[] buffer = new byte[512];
                BatchWriter w = Begin(b, form == 1, 3, buffer, 0, buffer.Length);
                w.BeginProperty("Brightness");
                w.Value(50, T0);
                switch (scenario)
                {
                    case 1: w.EndProperty(); w.BeginProperty("notInTsl"); w.Value(1, T0); break;
                    case 2: w.EndProperty(); w.BeginEvent("fire"); w.BeginValue(T0).Write("level", 1); w.EndValue(); w.EndEvent(); break;
                    case 3: w.EndProperty(); w.BeginProperty("temperature"); w.Value(120.5, T0); break;
                    case 4: w.EndProperty(); w.BeginEvent("alarm"); w.BeginValue(T0).Write("temperature", 20.0); w.EndValue(); w.EndEvent(); break;
                    case 5: w.EndProperty(); w.BeginEvent("alarm"); w.BeginValue(T0).Write("level", 6); w.EndValue(); w.EndEvent(); break;
                    case 6: w.Value("50", T1); break;
                    case 7: w.BeginValue(T1).Write("x", 1); w.EndValue(); break;
                    case 8: w.EndProperty(); w.BeginProperty("Location"); w.Value(1.0, T0); break;
                    case 9: w.Value(51, -1); break;
                    case 10: w.EndProperty(); w.BeginProperty("Location"); w.BeginValue(-1).Write("site", "SH"); w.EndValue(); break;
                    case 11:
                        w.EndProperty();
                        w.BeginProperty("History");
                        ThingWriter a = w.BeginValue(T0);
                        a.Write(1); a.Write(2); a.Write(3); a.Write(4);
                        w.EndValue();
                        break;
                    case 12: w.EndProperty(); w.BeginProperty("Voltage"); w.Value(double.NaN, T0); break;
                    case 13: w.EndProperty(); w.BeginProperty("Mode"); w.Value(3, T0); break;
                    case 14:
                        w.EndProperty();
                        w.BeginProperty("Schedule");
                        w.BeginValue(T0).WriteStartStruct();
                        w.EndValue();
                        break;
                    case 15: w.EndProperty(); w.BeginProperty("Location"); w.BeginValue(T0).Write("alt", 1.0); w.EndValue(); break;
                    case 16: w.EndProperty(); w.BeginProperty("Label"); w.DateValue(T0, T0); break;
                    case 17: w.EndProperty(); w.BeginProperty("History"); w.BeginValue(T0).WriteEndArray(); w.EndValue(); break;
                }

                Assert.AreEqual(expected, w.Error, "form " + form.ToString());
                if (scenario != 2 && scenario != 4 && scenario != 5)
                {
                    // Later calls keep their order checks but write nothing: the first error stays (level 9 would be another).
                    w.EndProperty();
                    w.BeginEvent("alarm");
                    w.BeginValue(T1).Write("level", 9);
                    w.EndValue();
                    w.EndEvent();
                }

                Assert.AreEqual(expected, w.Error, "form " + form.ToString());
                Assert.AreEqual(expected, b.End(), "form " + form.ToString());
            }
        }

        [TestMethod]
        public void WithoutAModel_EveryIdentifierIsRefused()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            BatchWriter w = b.BeginBatchPost(null, 1, buffer, 0, buffer.Length);
            w.BeginProperty("temperature");
            w.Value(20.5, T0);
            w.EndProperty();
            Assert.AreEqual(ErrorCode.PropertyNotDeclared, b.End());
            w = b.BeginHistoryPost(null, "pk", "dn", 2, buffer, 0, buffer.Length);
            w.BeginEvent("alarm");
            w.BeginValue(T0).Write("level", 1);
            w.EndValue();
            w.EndEvent();
            Assert.AreEqual(ErrorCode.EventNotDeclared, b.End());
        }

        [TestMethod]
        public void SeriesOrValueLeftOpen_EndReturnsMalformed()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            BatchWriter w = b.BeginBatchPost(Model, 1, buffer, 0, buffer.Length);
            w.BeginProperty("Brightness");
            w.Value(1, T0);
            Assert.AreEqual(ErrorCode.Ok, w.Error);
            Assert.AreEqual(ErrorCode.Malformed, b.End());

            w = b.BeginHistoryPost(Model, "pk", "dn", 2, buffer, 0, buffer.Length);
            w.BeginEvent("alarm");
            ThingWriter e = w.BeginValue(T0);
            e.Write("level", 1);
            Assert.AreEqual(ErrorCode.Malformed, b.End());
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { e.Write("level", 2); });   // the lent writer ended with the post
        }

        [TestMethod]
        [DataRow(1, "A property's series is open: call EndProperty() first.")]
        [DataRow(2, "A property's series is open: call EndProperty() first.")]
        [DataRow(3, "Properties come before events: write every property before the first BeginEvent.")]
        [DataRow(4, "No series is open: call BeginProperty or BeginEvent first.")]
        [DataRow(5, "No series is open: call BeginProperty or BeginEvent first.")]
        [DataRow(6, "An event's value is its outputs: call BeginValue(time) and write them into the ThingWriter it returns.")]
        [DataRow(7, "A value is open: write it into the ThingWriter BeginValue returned, then call EndValue().")]
        [DataRow(8, "A value is open: write it into the ThingWriter BeginValue returned, then call EndValue().")]
        [DataRow(9, "A value is open: write it into the ThingWriter BeginValue returned, then call EndValue().")]
        [DataRow(10, "No value is open: EndValue() follows BeginValue(time).")]
        [DataRow(11, "No property's series is open: EndProperty() follows BeginProperty(identifier).")]
        [DataRow(12, "No property's series is open: EndProperty() follows BeginProperty(identifier).")]
        [DataRow(13, "No event's series is open: EndEvent() follows BeginEvent(identifier).")]
        [DataRow(14, "An event's series is open: call EndEvent() first.")]
        [DataRow(15, "'Brightness' already has its series in this batch post: write each identifier's values between one Begin... call and its End... call.")]
        [DataRow(16, "'alarm' already has its series in this batch post: write each identifier's values between one Begin... call and its End... call.")]
        [DataRow(17, "Properties come before events: write every property before the first BeginEvent.")]
        [DataRow(18, "The BatchWriter is only valid between a BeginBatchPost or BeginHistoryPost call and its End call.")]
        [DataRow(19, "The BatchWriter is only valid between a BeginBatchPost or BeginHistoryPost call and its End call.")]
        public void CallsOutOfOrder_Throw_WithWhatToDo(int scenario, string message)
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[512];
            BatchWriter w = b.BeginBatchPost(Model, 1, buffer, 0, buffer.Length);
            string thrown = null;
            try
            {
                Misuse(b, w, buffer, scenario);
            }
            catch (InvalidOperationException e)
            {
                thrown = e.Message;
            }

            Assert.AreEqual(message, thrown);
        }

        [TestMethod]
        public void CallsOutOfOrder_ThrowAlsoAfterAnError_AndNullIdentifiers()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            BatchWriter w = b.BeginBatchPost(Model, 1, buffer, 0, buffer.Length);
            w.BeginProperty("notInTsl");
            w.EndProperty();
            w.BeginEvent("fire");
            w.EndEvent();
            Assert.AreEqual(ErrorCode.PropertyNotDeclared, w.Error);
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { w.BeginProperty("Brightness"); });   // after an event, whatever the data
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { w.Value(1, T0); });
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { w.BeginEvent(null); });
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { w.BeginProperty(null); });
            Assert.AreEqual(ErrorCode.PropertyNotDeclared, b.End());
        }

        [TestMethod]
        public void HistoryPost_NullIdentity_Throws()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[64];
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { b.BeginHistoryPost(Model, null, "dn", 1, buffer, 0, buffer.Length); });
            Assert.ThrowsException(typeof(ArgumentNullException), delegate { b.BeginHistoryPost(Model, "pk", null, 1, buffer, 0, buffer.Length); });
        }

        [TestMethod]
        public void AnotherMessageOnTheBuilder_EndsTheBatchWriter()
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[256];
            BatchWriter w = b.BeginBatchPost(Model, 1, buffer, 0, buffer.Length);
            w.BeginProperty("Brightness");
            ThingWriter p = b.BeginPropertyPost(Model, 2, buffer, 0, buffer.Length);   // abandons the batch post
            Assert.ThrowsException(typeof(InvalidOperationException), delegate { w.Value(1, T0); });
            p.Write("Brightness", 7);
            int n = b.End();
            Assert.AreEqual("{\"id\":\"2\",\"version\":\"1.0\",\"params\":{\"Brightness\":7},\"method\":\"thing.event.property.post\"}", TestTsl.Text(buffer, 0, n));

            w = b.BeginBatchPost(Model, 3, buffer, 0, buffer.Length);                  // the same writer, lent again, starts afresh
            w.BeginProperty("Brightness");                                          // (its series bits were cleared)
            w.Value(8, T0);
            w.EndProperty();
            n = b.End();
            Assert.AreEqual("{\"id\":\"3\",\"version\":\"1.0\",\"params\":{\"properties\":{\"Brightness\":[{\"value\":8,\"time\":1700000000000}]}},\"method\":\"thing.event.property.batch.post\"}", TestTsl.Text(buffer, 0, n));
        }

        [TestMethod]
        [DataRow(0)]   // batch post
        [DataRow(1)]   // history post
        public void ExactFit_AndOneByteShort_WritesNothingOutside(int form)
        {
            int length = BuildInto(form == 1, new byte[1024], 0, 1024);
            Assert.IsTrue(length > 0);

            byte[] exact = TestTsl.Filled(length + 2, 0xEE);
            Assert.AreEqual(length, BuildInto(form == 1, exact, 1, length));
            Assert.AreEqual((byte)0xEE, exact[0]);
            Assert.AreEqual((byte)0xEE, exact[length + 1]);

            for (int window = 0; window < length; window++)
            {
                byte[] shortBuffer = TestTsl.Filled(window + 2, 0xEE);
                Assert.AreEqual(ErrorCode.BufferTooSmall, BuildInto(form == 1, shortBuffer, 1, window), "window " + window.ToString());
                Assert.AreEqual((byte)0xEE, shortBuffer[0]);
                Assert.AreEqual((byte)0xEE, shortBuffer[window + 1]);
            }
        }

        private static void Example(BatchWriter w)
        {
            w.BeginProperty("temperature");
            w.Value(21.5, T0);
            w.Value(21.7, T1);
            w.EndProperty();
            w.BeginProperty("LightSwitch");
            w.Value(true, T0);
            w.EndProperty();
            w.BeginEvent("alarm");
            ThingWriter e = w.BeginValue(T0);
            e.Write("level", 2);
            w.EndValue();
            w.EndEvent();
        }

        private static void OneBrightness(BatchWriter w)
        {
            w.BeginProperty("Brightness");
            w.Value(5, T0);
            w.EndProperty();
        }

        private static void OneAlarm(BatchWriter w)
        {
            w.BeginEvent("alarm");
            w.BeginValue(T0).Write("level", 3);
            w.EndValue();
            w.EndEvent();
        }

        private static BatchWriter Begin(AlinkMessageBuilder b, bool history, long id, byte[] buffer, int offset, int count)
        {
            return history
                ? b.BeginHistoryPost(Model, TestTsl.ProductKey, TestTsl.DeviceName, id, buffer, offset, count)
                : b.BeginBatchPost(Model, id, buffer, offset, count);
        }

        private static string Build(bool history, long id, Fill fill)
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            byte[] buffer = new byte[1024];
            BatchWriter w = Begin(b, history, id, buffer, 0, buffer.Length);
            fill(w);
            Assert.AreEqual(ErrorCode.Ok, w.Error);
            int n = b.End();
            Assert.IsTrue(n > 0, "End returned " + n.ToString());
            return TestTsl.Text(buffer, 0, n);
        }

        /// <summary>Every kind of write (scalar, struct, array of structs, event) into buffer[offset, +count).</summary>
        private static int BuildInto(bool history, byte[] buffer, int offset, int count)
        {
            AlinkMessageBuilder b = new AlinkMessageBuilder();
            BatchWriter w = Begin(b, history, 12, buffer, offset, count);
            w.BeginProperty("temperature");
            w.Value(21.5, T0);
            w.Value(21.7, T1);
            w.EndProperty();
            w.BeginProperty("Location");
            ThingWriter s = w.BeginValue(T0);
            s.Write("lat", 31.2304);
            s.Write("site", "SH");
            w.EndValue();
            w.EndProperty();
            w.BeginProperty("Schedule");
            ThingWriter a = w.BeginValue(T1);
            a.WriteStartStruct();
            a.Write("hour", 7);
            a.Write("on", true);
            a.WriteEndStruct();
            w.EndValue();
            w.EndProperty();
            w.BeginProperty("LastSeen");
            w.DateValue(T0, T1);
            w.EndProperty();
            w.BeginEvent("alarm");
            w.BeginValue(T0).Write("level", 2);
            w.EndValue();
            w.EndEvent();
            return b.End();
        }

        private static void Misuse(AlinkMessageBuilder b, BatchWriter w, byte[] buffer, int scenario)
        {
            switch (scenario)
            {
                case 1: w.BeginProperty("Brightness"); w.BeginProperty("Mode"); break;
                case 2: w.BeginProperty("Brightness"); w.BeginEvent("alarm"); break;
                case 3: w.BeginEvent("alarm"); w.EndEvent(); w.BeginProperty("Brightness"); break;
                case 4: w.Value(1, T0); break;
                case 5: w.BeginValue(T0); break;
                case 6: w.BeginEvent("alarm"); w.Value(1, T0); break;
                case 7: w.BeginProperty("Location"); w.BeginValue(T0); w.Value(1, T0); break;
                case 8: w.BeginProperty("Location"); w.BeginValue(T0); w.BeginProperty("Brightness"); break;
                case 9: w.BeginEvent("alarm"); w.BeginValue(T0); w.EndEvent(); break;
                case 10: w.BeginProperty("Brightness"); w.EndValue(); break;
                case 11: w.EndProperty(); break;
                case 12: w.BeginEvent("alarm"); w.EndProperty(); break;
                case 13: w.BeginProperty("Brightness"); w.EndEvent(); break;
                case 14: w.BeginEvent("alarm"); w.BeginEvent("alarm"); break;
                case 15: w.BeginProperty("Brightness"); w.EndProperty(); w.BeginProperty("Mode"); w.EndProperty(); w.BeginProperty("Brightness"); break;
                case 16: w.BeginEvent("alarm"); w.EndEvent(); w.BeginEvent("alarm"); break;
                case 17: w.BeginProperty("notInTsl"); w.EndProperty(); w.BeginEvent("fire"); w.EndEvent(); w.BeginProperty("notInTsl"); break;
                case 18: b.End(); w.BeginProperty("Brightness"); break;
                default: b.Abandon(); w.EndProperty(); break;
            }
        }
    }
}
