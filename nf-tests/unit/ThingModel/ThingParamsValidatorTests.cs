using LinkKit.Nano.Json;
using LinkKit.Nano.Things;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>Incoming params (property set, service input) checked against the console export.</summary>
    [TestClass]
    public class ThingParamsValidatorTests
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

        private static int Check(string json, int firstNode)
        {
            byte[] bytes = TestTsl.Bytes(json);
            JsonReader r = new JsonReader();
            r.Reset(bytes, 0, bytes.Length);
            r.Read();
            return new ThingParamsValidator().Validate(r, Model, firstNode);
        }

        private static int CheckProperties(string json)
        {
            return Check(json, Model.FirstProperty);
        }

        [TestMethod]
        [DataRow("{\"temperature\":30.5,\"LightSwitch\":1}")]                 // the capture's property set
        [DataRow("{}")]
        [DataRow("{\"temperature\":-40,\"Brightness\":100.0,\"Voltage\":0}")] // limits included; an exact integer written 100.0
        [DataRow("{\"LightSwitch\":true,\"Mode\":2,\"Label\":\"kitchen\"}")]
        [DataRow("{\"Label\":\"\\u6e29\\u5ea6\"}")]                          // 2 chars, 6 UTF-8 bytes <= 8
        [DataRow("{\"LastSeen\":\"1700000000123\"}")]
        [DataRow("{\"LastSeen\":1700000000123}")]
        [DataRow("{\"Location\":{\"lat\":31.2,\"lon\":121.4,\"site\":\"SH\"}}")]
        [DataRow("{\"History\":[1,2,3],\"Schedule\":[{\"hour\":7,\"on\":1},{\"hour\":23,\"on\":0}]}")]
        [DataRow("{\"History\":[]}")]
        public void ValidParams_Pass(string json)
        {
            Assert.AreEqual(ErrorCode.Ok, CheckProperties(json));
        }

        [TestMethod]
        [DataRow("{\"notInTsl\":1}", ErrorCode.PropertyNotDeclared)]
        [DataRow("{\"Location\":{\"alt\":1}}", ErrorCode.PropertyNotDeclared)]
        [DataRow("{\"temperature\":120.1}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"Brightness\":101}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"Brightness\":1.5}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"Brightness\":\"5\"}", ErrorCode.TypeMismatch)]
        [DataRow("{\"LightSwitch\":2}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"LightSwitch\":\"on\"}", ErrorCode.TypeMismatch)]
        [DataRow("{\"Mode\":5}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"Label\":\"123456789\"}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"Label\":\"\\u6e29\\u5ea6\\u8ba1\"}", ErrorCode.ValueOutOfRange)]  // 3 chars, 9 bytes > 8
        [DataRow("{\"Label\":null}", ErrorCode.TypeMismatch)]
        [DataRow("{\"LastSeen\":\"yesterday\"}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"LastSeen\":-5}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"Location\":[1]}", ErrorCode.TypeMismatch)]
        [DataRow("{\"History\":{}}", ErrorCode.TypeMismatch)]
        [DataRow("{\"History\":[1,2,3,4]}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"Schedule\":[{\"hour\":24}]}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"temperature\":1e400}", ErrorCode.ValueOutOfRange)]
        [DataRow("{\"temperature\":30.5,", ErrorCode.Malformed)]
        public void InvalidParams_AreRefused(string json, int expected)
        {
            Assert.AreEqual(expected, CheckProperties(json));
        }

        [TestMethod]
        public void ServiceInput_CheckedAgainstTheService()
        {
            int reboot = Model.FindService("reboot");
            Assert.AreEqual(ErrorCode.Ok, Check("{\"delay\":5}", Model.GetServiceFirstInput(reboot)));          // the capture's reboot
            Assert.AreEqual(ErrorCode.ValueOutOfRange, Check("{\"delay\":61}", Model.GetServiceFirstInput(reboot)));
            Assert.AreEqual(ErrorCode.PropertyNotDeclared, Check("{\"temperature\":1.0}", Model.GetServiceFirstInput(reboot)));
            int status = Model.FindService("getStatus");
            Assert.AreEqual(ErrorCode.Ok, Check("{}", Model.GetServiceFirstInput(status)));
        }

        [TestMethod]
        public void NotAnObject_IsMalformed()
        {
            Assert.AreEqual(ErrorCode.Malformed, Check("[\"temperature\"]", Model.FirstProperty));
        }

        [TestMethod]
        public void ErrorOffset_PointsAtTheOffendingValue()
        {
            byte[] bytes = TestTsl.Bytes("{\"Brightness\":5,\"Mode\":9}");
            JsonReader r = new JsonReader();
            r.Reset(bytes, 0, bytes.Length);
            r.Read();
            ThingParamsValidator v = new ThingParamsValidator();
            Assert.AreEqual(ErrorCode.ValueOutOfRange, v.Validate(r, Model, Model.FirstProperty));
            Assert.AreEqual(23, v.ErrorOffset);                 // the 9
        }
    }
}
