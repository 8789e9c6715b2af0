using System;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    [TestClass]
    public class ThingModelLoadTests
    {
        [TestMethod]
        public void ConsoleExport_LoadsEveryPropertyInOrder()
        {
            ThingModel m = TestTsl.Load();
            Assert.AreEqual(10, m.PropertyCount);
            string[] expected = new string[] { "temperature", "LightSwitch", "Brightness", "Voltage", "Mode", "Label", "LastSeen", "Location", "History", "Schedule" };
            int node = m.FirstProperty;
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], m.GetIdentifier(node));
                node = m.GetNextSibling(node);
            }

            Assert.AreEqual(-1, node);
        }

        [TestMethod]
        public void ConsoleExport_NumbersKeepTheirTypeAndLimits()
        {
            ThingModel m = TestTsl.Load();
            int t = m.FindProperty("temperature");
            Assert.AreEqual((int)ThingDataType.Float, (int)m.GetDataType(t));
            Assert.AreEqual(-40.0, m.GetMin(t));
            Assert.AreEqual(120.0, m.GetMax(t));
            int b = m.FindProperty("Brightness");
            Assert.AreEqual((int)ThingDataType.Int, (int)m.GetDataType(b));
            Assert.AreEqual(0.0, m.GetMin(b));
            Assert.AreEqual(100.0, m.GetMax(b));
            int v = m.FindProperty("Voltage");
            Assert.AreEqual((int)ThingDataType.Double, (int)m.GetDataType(v));
            Assert.AreEqual(380.5, m.GetMax(v));
        }

        [TestMethod]
        public void ConsoleExport_BoolEnumTextDate()
        {
            ThingModel m = TestTsl.Load();
            Assert.AreEqual((int)ThingDataType.Bool, (int)m.GetDataType(m.FindProperty("LightSwitch")));
            int mode = m.FindProperty("Mode");
            Assert.AreEqual((int)ThingDataType.Enum, (int)m.GetDataType(mode));
            Assert.AreEqual(3, m.GetEnumValueCount(mode));
            Assert.AreEqual(0, m.GetEnumValue(mode, 0));
            Assert.AreEqual(2, m.GetEnumValue(mode, 2));
            int label = m.FindProperty("Label");
            Assert.AreEqual((int)ThingDataType.Text, (int)m.GetDataType(label));
            Assert.AreEqual(8, m.GetSize(label));
            int seen = m.FindProperty("LastSeen");
            Assert.AreEqual((int)ThingDataType.Date, (int)m.GetDataType(seen));
            Assert.AreEqual(-1, m.GetSize(seen));
        }

        [TestMethod]
        public void ConsoleExport_StructMembers()
        {
            ThingModel m = TestTsl.Load();
            int location = m.FindProperty("Location");
            Assert.AreEqual((int)ThingDataType.Struct, (int)m.GetDataType(location));
            int lat = m.GetFirstMember(location);
            Assert.AreEqual("lat", m.GetIdentifier(lat));
            Assert.AreEqual(-90.0, m.GetMin(lat));
            int lon = m.GetNextSibling(lat);
            Assert.AreEqual("lon", m.GetIdentifier(lon));
            Assert.AreEqual(180.0, m.GetMax(lon));
            int site = m.GetNextSibling(lon);
            Assert.AreEqual((int)ThingDataType.Text, (int)m.GetDataType(site));
            Assert.AreEqual(16, m.GetSize(site));
            Assert.AreEqual(-1, m.GetNextSibling(site));
            Assert.AreEqual(site, m.FindMember(lat, "site"));
            Assert.AreEqual(-1, m.FindProperty("lat"));         // members are not properties
        }

        [TestMethod]
        public void ConsoleExport_ArraysOfIntAndOfStruct()
        {
            ThingModel m = TestTsl.Load();
            int history = m.FindProperty("History");
            Assert.AreEqual((int)ThingDataType.Array, (int)m.GetDataType(history));
            Assert.AreEqual(3, m.GetSize(history));
            int item = m.GetArrayItem(history);
            Assert.AreEqual((int)ThingDataType.Int, (int)m.GetDataType(item));
            Assert.AreEqual("", m.GetIdentifier(item));
            Assert.AreEqual(double.MinValue, m.GetMin(item));    // no specs: no limits

            int schedule = m.FindProperty("Schedule");
            Assert.AreEqual(2, m.GetSize(schedule));
            int entry = m.GetArrayItem(schedule);
            Assert.AreEqual((int)ThingDataType.Struct, (int)m.GetDataType(entry));
            int hour = m.GetFirstMember(entry);
            Assert.AreEqual("hour", m.GetIdentifier(hour));
            Assert.AreEqual(23.0, m.GetMax(hour));
            Assert.AreEqual("on", m.GetIdentifier(m.GetNextSibling(hour)));
            Assert.AreEqual(-1, m.GetArrayItem(hour));
            Assert.AreEqual(-1, m.GetFirstMember(history));
        }

        [TestMethod]
        public void ConsoleExport_EventsSkipThePropertyPostEvent()
        {
            ThingModel m = TestTsl.Load();
            Assert.AreEqual(1, m.EventCount);
            Assert.AreEqual(0, m.FindEvent("alarm"));
            Assert.AreEqual(-1, m.FindEvent("post"));
            Assert.AreEqual("alarm", m.GetEventIdentifier(0));
            int level = m.GetEventFirstOutput(0);
            Assert.AreEqual("level", m.GetIdentifier(level));
            Assert.AreEqual(1.0, m.GetMin(level));
            Assert.AreEqual(5.0, m.GetMax(level));
        }

        [TestMethod]
        public void ConsoleExport_ServicesWithCallTypesSkipSetAndGet()
        {
            ThingModel m = TestTsl.Load();
            Assert.AreEqual(2, m.ServiceCount);
            Assert.AreEqual(-1, m.FindService("set"));
            Assert.AreEqual(-1, m.FindService("get"));
            int reboot = m.FindService("reboot");
            Assert.IsFalse(m.IsServiceSync(reboot));
            Assert.AreEqual("delay", m.GetIdentifier(m.GetServiceFirstInput(reboot)));
            Assert.AreEqual("accepted", m.GetIdentifier(m.GetServiceFirstOutput(reboot)));
            int status = m.FindService("getStatus");
            Assert.IsTrue(m.IsServiceSync(status));
            Assert.AreEqual(-1, m.GetServiceFirstInput(status));
            Assert.AreEqual("uptime", m.GetIdentifier(m.GetServiceFirstOutput(status)));
            Assert.AreEqual(2147483647.0, m.GetMax(m.GetServiceFirstOutput(status)));
        }

        [TestMethod]
        public void ConsoleExport_CompactNodeCount()
        {
            // 10 properties + 3 struct members + 2 array items + 2 schedule members + 1 event output + 1 input + 2 outputs.
            Assert.AreEqual(21, TestTsl.Load().NodeCount);
        }

        [TestMethod]
        public void FindService_ByUtf8Bytes()
        {
            ThingModel m = TestTsl.Load();
            byte[] topic = TestTsl.Bytes("/sys/a1TestPK001/dev-001/thing/service/getStatus");
            Assert.AreEqual(m.FindService("getStatus"), m.FindService(topic, 39, 9));
            Assert.AreEqual(-1, m.FindService(topic, 39, 8));
            Assert.AreEqual(0, m.FindEvent(TestTsl.Bytes("xalarm"), 1, 5));
        }

        [TestMethod]
        public void SimplifiedTsl_WithoutEventsOrServices_Loads()
        {
            Assert.IsNull(TestTsl.LoadError("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"int\"}}]}"));
        }

        [TestMethod]
        public void NoSection_Refused_WithWhatIsMissing()
        {
            const string Missing = "TSL byte 0: the TSL has none of \"properties\", \"events\", \"services\" at its top level (is it nested under another key?)";
            Assert.AreEqual(Missing, TestTsl.LoadError("{}"));
            Assert.AreEqual(Missing, TestTsl.LoadError("{\"schema\":\"x\",\"tsl\":{\"properties\":[]}}"));
            Assert.IsNull(TestTsl.LoadError("{\"events\":[]}"));                      // a present, empty section is a model
        }

        [TestMethod]
        public void Utf8ByteOrderMark_Skipped()
        {
            byte[] plain = TestTsl.Bytes("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"int\"}}]}");
            byte[] tsl = new byte[plain.Length + 3];
            tsl[0] = 0xEF;
            tsl[1] = 0xBB;
            tsl[2] = 0xBF;
            Array.Copy(plain, 0, tsl, 3, plain.Length);
            ThingModel m;
            string error;
            Assert.AreEqual(ErrorCode.Ok, ThingModel.TryLoad(tsl, 0, tsl.Length, out m, out error));
            Assert.IsNull(error);
            Assert.AreEqual(1, m.PropertyCount);
        }

        [TestMethod]
        public void SpecsBeforeType_AndNumericSpecs_Load()
        {
            byte[] tsl = TestTsl.Bytes("{\"properties\":[{\"dataType\":{\"specs\":{\"max\":10,\"min\":-2.5},\"type\":\"double\"},\"identifier\":\"x\"}]}");
            ThingModel m;
            string error;
            Assert.AreEqual(ErrorCode.Ok, ThingModel.TryLoad(tsl, 0, tsl.Length, out m, out error));
            Assert.IsNull(error);
            Assert.AreEqual(-2.5, m.GetMin(0));
            Assert.AreEqual(10.0, m.GetMax(0));
        }

        [TestMethod]
        public void EmptySpecsAsArray_Loads()
        {
            Assert.IsNull(TestTsl.LoadError("{\"properties\":[{\"identifier\":\"d\",\"dataType\":{\"type\":\"date\",\"specs\":[]}}]}"));
        }

        [TestMethod]
        [DataRow("{\"properties\":[", "TSL byte 15: the TSL is not valid JSON")]                       // truncated
        [DataRow("[]", "TSL byte 0: the TSL must be a JSON object")]
        [DataRow("{} x", "TSL byte 3: the TSL is not valid JSON")]                                      // trailing garbage
        [DataRow("{\"properties\":{}}", "TSL byte 14: a list of data definitions must be a JSON array")]
        [DataRow("{\"properties\":[{\"dataType\":{\"type\":\"int\"}}]}", "TSL byte 15: a data definition has no identifier")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\"}]}", "TSL byte 15: 'a' has no dataType")]
        [DataRow("{\"properties\":[{\"identifier\":\"\",\"dataType\":{\"type\":\"int\"}}]}", "TSL byte 30: an identifier is empty")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"integer\"}}]}", "TSL byte 53: unknown data type 'integer' (expected int, float, double, bool, enum, text, date, struct or array)")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"specs\":{}}}]}", "TSL byte 44: a dataType has no type")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"int\"}},{\"identifier\":\"a\",\"dataType\":{\"type\":\"int\"}}]}", "TSL byte 60: duplicate identifier 'a'")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"int\",\"specs\":{\"min\":\"5\",\"max\":\"1\"}}}]}", "TSL byte 66: min is greater than max")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"int\",\"specs\":{\"min\":\"x\"}}}]}", "TSL byte 74: a spec must be a number or a string holding one")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"int\",\"specs\":{\"max\":\"1.5\"}}}]}", "TSL byte 74: an int spec must be a 32-bit integer")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"enum\",\"specs\":{}}}]}", "TSL byte 67: an enum declares no values")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"enum\",\"specs\":{\"on\":\"x\"}}}]}", "TSL byte 69: an enum value must be a decimal integer key")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"enum\"}}]}", "TSL byte 53: an enum dataType has no specs")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"struct\",\"specs\":[]}}]}", "TSL byte 69: a struct has no members")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"array\",\"specs\":{\"size\":\"3\"}}}]}", "TSL byte 68: array specs have no item")]
        [DataRow("{\"properties\":[{\"identifier\":\"a\",\"dataType\":{\"type\":\"text\",\"specs\":{\"length\":\"-1\"}}}]}", "TSL byte 78: property 'a' text length -1 is outside the platform's 1..10240")]
        [DataRow("{\"services\":[{\"identifier\":\"s\",\"callType\":\"later\"}]}", "TSL byte 43: callType must be \"sync\" or \"async\"")]
        [DataRow("{\"events\":[{\"identifier\":\"e\"},{\"identifier\":\"e\"}]}", "TSL byte 30: duplicate event 'e'")]
        [DataRow("{\"events\":[{\"name\":\"e\"}]}", "TSL byte 11: an event has no identifier")]
        public void MalformedTsl_IsRejectedWithWhatAndWhere(string tsl, string expected)
        {
            Assert.AreEqual(expected, TestTsl.LoadError(tsl));
        }

        [TestMethod]
        [DataRow("{\"properties\":[{\"identifier\":\"p\",\"dataType\":{\"type\":\"struct\",\"specs\":[{\"identifier\":\"inner\",\"dataType\":{\"type\":\"struct\",\"specs\":[{\"identifier\":\"x\",\"dataType\":{\"type\":\"int\"}}]}}]}}]}", "TSL byte 112: property 'p.inner' is a struct inside a struct; the platform's struct members are int, float, double, bool, enum, text or date")]
        [DataRow("{\"properties\":[{\"identifier\":\"p\",\"dataType\":{\"type\":\"struct\",\"specs\":[{\"identifier\":\"list\",\"dataType\":{\"type\":\"array\",\"specs\":{\"size\":\"2\",\"item\":{\"type\":\"int\"}}}}]}}]}", "TSL byte 111: property 'p.list' is an array inside a struct; the platform's struct members are int, float, double, bool, enum, text or date")]
        [DataRow("{\"properties\":[{\"identifier\":\"p\",\"dataType\":{\"type\":\"array\",\"specs\":{\"size\":\"2\",\"item\":{\"type\":\"struct\",\"specs\":[{\"identifier\":\"list\",\"dataType\":{\"type\":\"array\",\"specs\":{\"size\":\"2\",\"item\":{\"type\":\"int\"}}}}]}}}}]}", "TSL byte 154: property 'p[].list' is an array inside a struct; the platform's struct members are int, float, double, bool, enum, text or date")]
        [DataRow("{\"properties\":[{\"identifier\":\"p\",\"dataType\":{\"type\":\"array\",\"specs\":{\"size\":\"2\",\"item\":{\"type\":\"struct\",\"specs\":[{\"identifier\":\"inner\",\"dataType\":{\"type\":\"struct\",\"specs\":[{\"identifier\":\"x\",\"dataType\":{\"type\":\"int\"}}]}}]}}}}]}", "TSL byte 155: property 'p[].inner' is a struct inside a struct; the platform's struct members are int, float, double, bool, enum, text or date")]
        [DataRow("{\"properties\":[{\"identifier\":\"p\",\"dataType\":{\"type\":\"array\",\"specs\":{\"size\":\"2\",\"item\":{\"type\":\"bool\",\"specs\":{\"0\":\"off\",\"1\":\"on\"}}}}}]}", "TSL byte 96: property 'p[]' is a bool inside an array; the platform's array items are int, float, double, text or struct")]
        [DataRow("{\"properties\":[{\"identifier\":\"p\",\"dataType\":{\"type\":\"array\",\"specs\":{\"size\":\"2\",\"item\":{\"type\":\"enum\",\"specs\":{\"0\":\"a\"}}}}}]}", "TSL byte 96: property 'p[]' is an enum inside an array; the platform's array items are int, float, double, text or struct")]
        [DataRow("{\"properties\":[{\"identifier\":\"p\",\"dataType\":{\"type\":\"array\",\"specs\":{\"size\":\"2\",\"item\":{\"type\":\"date\",\"specs\":{}}}}}]}", "TSL byte 96: property 'p[]' is a date inside an array; the platform's array items are int, float, double, text or struct")]
        [DataRow("{\"services\":[{\"identifier\":\"s\",\"callType\":\"async\",\"inputData\":[{\"identifier\":\"pos\",\"dataType\":{\"type\":\"struct\",\"specs\":[{\"identifier\":\"inner\",\"dataType\":{\"type\":\"struct\",\"specs\":[{\"identifier\":\"x\",\"dataType\":{\"type\":\"int\"}}]}}]}}]}]}", "TSL byte 162: service 's' input 'pos.inner' is a struct inside a struct; the platform's struct members are int, float, double, bool, enum, text or date")]
        [DataRow("{\"services\":[{\"identifier\":\"s\",\"outputData\":[{\"identifier\":\"v\",\"dataType\":{\"type\":\"array\",\"specs\":{\"size\":\"513\",\"item\":{\"type\":\"float\"}}}}]}]}", "TSL byte 107: service 's' output 'v' array size 513 is outside the platform's 1..512")]
        [DataRow("{\"events\":[{\"identifier\":\"e\",\"outputData\":[{\"identifier\":\"msg\",\"dataType\":{\"type\":\"text\",\"specs\":{\"length\":\"0\"}}}]}]}", "TSL byte 108: event 'e' output 'msg' text length 0 is outside the platform's 1..10240")]
        public void PlatformLimitBroken_IsRefusedWithWhatAndWhere(string tsl, string expected)
        {
            Assert.AreEqual(expected, TestTsl.LoadError(tsl));
        }

        [TestMethod]
        public void TextLength_1And10240Load_0And10241Refused()
        {
            Assert.AreEqual(1, LoadSize("{\"type\":\"text\",\"specs\":{\"length\":\"1\"}}"));
            Assert.AreEqual(10240, LoadSize("{\"type\":\"text\",\"specs\":{\"length\":10240}}"));
            Assert.AreEqual("TSL byte 78: property 'p' text length 0 is outside the platform's 1..10240",
                TestTsl.LoadError(Property("{\"type\":\"text\",\"specs\":{\"length\":\"0\"}}")));
            Assert.AreEqual("TSL byte 78: property 'p' text length 10241 is outside the platform's 1..10240",
                TestTsl.LoadError(Property("{\"type\":\"text\",\"specs\":{\"length\":\"10241\"}}")));
        }

        [TestMethod]
        public void TextWithoutLength_GetsThePlatformMaximum()
        {
            Assert.AreEqual(10240, LoadSize("{\"type\":\"text\"}"));
            Assert.AreEqual(10240, LoadSize("{\"type\":\"text\",\"specs\":{}}"));
            Assert.AreEqual(10240, LoadSize("{\"type\":\"text\",\"specs\":[]}"));
        }

        [TestMethod]
        public void ArraySize_1And512Load_0And513Refused()
        {
            Assert.AreEqual(1, LoadSize("{\"type\":\"array\",\"specs\":{\"size\":\"1\",\"item\":{\"type\":\"int\"}}}"));
            Assert.AreEqual(512, LoadSize("{\"type\":\"array\",\"specs\":{\"size\":512,\"item\":{\"type\":\"int\"}}}"));
            Assert.AreEqual("TSL byte 77: property 'p' array size 0 is outside the platform's 1..512",
                TestTsl.LoadError(Property("{\"type\":\"array\",\"specs\":{\"size\":\"0\",\"item\":{\"type\":\"int\"}}}")));
            Assert.AreEqual("TSL byte 77: property 'p' array size 513 is outside the platform's 1..512",
                TestTsl.LoadError(Property("{\"type\":\"array\",\"specs\":{\"size\":\"513\",\"item\":{\"type\":\"int\"}}}")));
        }

        [TestMethod]
        public void ArrayWithoutSize_GetsThePlatformMaximum()
        {
            Assert.AreEqual(512, LoadSize("{\"type\":\"array\",\"specs\":{\"item\":{\"type\":\"int\"}}}"));
        }

        [TestMethod]
        public void StructMembers_50Load_51Refused()
        {
            ThingModel m = LoadModel(Property("{\"type\":\"struct\",\"specs\":" + IntList("m", 50) + "}"));
            int count = 0;
            for (int n = m.GetFirstMember(m.FirstProperty); n >= 0; n = m.GetNextSibling(n)) count++;
            Assert.AreEqual(50, count);
            Assert.AreEqual("TSL byte 69: property 'p' struct has 51 members, the platform allows 50",
                TestTsl.LoadError(Property("{\"type\":\"struct\",\"specs\":" + IntList("m", 51) + "}")));
        }

        [TestMethod]
        public void EnumValues_100Load_101Refused()
        {
            ThingModel m = LoadModel(Property("{\"type\":\"enum\",\"specs\":" + EnumSpecs(100) + "}"));
            Assert.AreEqual(100, m.GetEnumValueCount(m.FirstProperty));
            Assert.AreEqual(99, m.GetEnumValue(m.FirstProperty, 99));
            Assert.AreEqual("TSL byte 67: property 'p' enum has 101 values, the platform allows 100",
                TestTsl.LoadError(Property("{\"type\":\"enum\",\"specs\":" + EnumSpecs(101) + "}")));
        }

        [TestMethod]
        public void ServiceAndEventParameters_100Load_101Refused()
        {
            ThingModel m = LoadModel("{\"services\":[{\"identifier\":\"s\",\"callType\":\"async\",\"inputData\":" + IntList("i", 100)
                + ",\"outputData\":" + IntList("o", 100) + "}],\"events\":[{\"identifier\":\"e\",\"outputData\":" + IntList("o", 100) + "}]}");
            Assert.AreEqual(300, m.NodeCount);
            Assert.AreEqual("TSL byte 62: service 's' has 101 input parameters, the platform allows 100",
                TestTsl.LoadError("{\"services\":[{\"identifier\":\"s\",\"callType\":\"async\",\"inputData\":" + IntList("i", 101) + "}]}"));
            Assert.AreEqual("TSL byte 63: service 's' has 101 output parameters, the platform allows 100",
                TestTsl.LoadError("{\"services\":[{\"identifier\":\"s\",\"callType\":\"async\",\"outputData\":" + IntList("o", 101) + "}]}"));
            Assert.AreEqual("TSL byte 42: event 'e' has 101 output parameters, the platform allows 100",
                TestTsl.LoadError("{\"events\":[{\"identifier\":\"e\",\"outputData\":" + IntList("o", 101) + "}]}"));
        }

        [TestMethod]
        public void Nesting_ArrayOfStructsLoads_ArrayOfArraysRefused()
        {
            // Every scalar type in a struct, every item type in an array, and an array of structs as a service input
            // (the deepest the loader reads: section, list, dataType, array specs, item, struct, member, specs).
            const string Scalars = "[{\"identifier\":\"i\",\"dataType\":{\"type\":\"int\",\"specs\":{\"min\":\"0\",\"max\":\"9\"}}},"
                + "{\"identifier\":\"f\",\"dataType\":{\"type\":\"float\"}},{\"identifier\":\"d\",\"dataType\":{\"type\":\"double\"}},"
                + "{\"identifier\":\"b\",\"dataType\":{\"type\":\"bool\",\"specs\":{\"0\":\"off\",\"1\":\"on\"}}},"
                + "{\"identifier\":\"e\",\"dataType\":{\"type\":\"enum\",\"specs\":{\"1\":\"a\"}}},"
                + "{\"identifier\":\"t\",\"dataType\":{\"type\":\"text\",\"specs\":{\"length\":\"4\"}}},"
                + "{\"identifier\":\"ts\",\"dataType\":{\"type\":\"date\"}}]";
            string items = "";
            string[] types = new string[] { "int", "float", "double", "text" };
            for (int i = 0; i < types.Length; i++)
            {
                items += ",{\"identifier\":\"a" + types[i] + "\",\"dataType\":{\"type\":\"array\",\"specs\":{\"size\":\"3\",\"item\":{\"type\":\"" + types[i] + "\"}}}}";
            }

            string rows = "{\"type\":\"array\",\"specs\":{\"size\":\"3\",\"item\":{\"type\":\"struct\",\"specs\":" + Scalars + "}}}";
            ThingModel m = LoadModel("{\"properties\":[{\"identifier\":\"s\",\"dataType\":{\"type\":\"struct\",\"specs\":" + Scalars + "}}" + items
                + "],\"services\":[{\"identifier\":\"call\",\"callType\":\"sync\",\"inputData\":[{\"identifier\":\"rows\",\"dataType\":" + rows + "}]}]}");
            Assert.AreEqual(5, m.PropertyCount);
            int first = m.GetFirstMember(m.GetArrayItem(m.GetServiceFirstInput(0)));
            Assert.AreEqual("i", m.GetIdentifier(first));
            Assert.AreEqual(9.0, m.GetMax(first));

            Assert.AreEqual("TSL byte 96: property 'p[]' is an array inside an array; the platform's array items are int, float, double, text or struct",
                TestTsl.LoadError(Property("{\"type\":\"array\",\"specs\":{\"size\":\"2\",\"item\":{\"type\":\"array\",\"specs\":{\"size\":\"2\",\"item\":{\"type\":\"int\"}}}}}")));
        }

        [TestMethod]
        public void NullBuffer_Throws()
        {
            ThingModel m;
            string error;
            Assert.ThrowsException(typeof(System.ArgumentNullException), delegate { ThingModel.TryLoad(null, 0, 0, out m, out error); });
        }

        /// <summary>A TSL of one property "p" with <paramref name="dataType"/> (JSON).</summary>
        private static string Property(string dataType)
        {
            return "{\"properties\":[{\"identifier\":\"p\",\"dataType\":" + dataType + "}]}";
        }

        /// <summary>A JSON array of <paramref name="count"/> int definitions named <paramref name="prefix"/>0, 1, ….</summary>
        private static string IntList(string prefix, int count)
        {
            string list = "[";
            for (int i = 0; i < count; i++)
            {
                list += (i == 0 ? "{\"identifier\":\"" : ",{\"identifier\":\"") + prefix + i.ToString() + "\",\"dataType\":{\"type\":\"int\"}}";
            }

            return list + "]";
        }

        /// <summary>Enum specs of <paramref name="count"/> values 0, 1, ….</summary>
        private static string EnumSpecs(int count)
        {
            string specs = "{";
            for (int i = 0; i < count; i++) specs += (i == 0 ? "\"" : ",\"") + i.ToString() + "\":\"v\"";
            return specs + "}";
        }

        private static ThingModel LoadModel(string tsl)
        {
            byte[] bytes = TestTsl.Bytes(tsl);
            ThingModel m;
            string error;
            Assert.AreEqual(ErrorCode.Ok, ThingModel.TryLoad(bytes, 0, bytes.Length, out m, out error), error);
            return m;
        }

        /// <summary>The GetSize of property "p" declared with <paramref name="dataType"/>.</summary>
        private static int LoadSize(string dataType)
        {
            ThingModel m = LoadModel(Property(dataType));
            return m.GetSize(m.FirstProperty);
        }
    }
}
