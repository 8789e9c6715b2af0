using LinkKit.Nano.Json;
using nanoFramework.TestFramework;
using static LinkKit.Nano.Tests.Json.JsonReaderTestHelper;

namespace LinkKit.Nano.Tests.Json
{
    [TestClass]
    public class JsonReaderTokenTests
    {
        // A property-post reply as the platform sends it (docs/protocol.md, Reply envelope: code, data, id, message, method, version).
        private const string AlinkReply = "{\"code\":200,\"data\":{},\"id\":\"45\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}";

        // A property-set downlink (docs/test-vectors.md, The Python SDK wire capture line 39) with struct, array and null properties added.
        private const string PropertySet = "{\"method\":\"thing.service.property.set\",\"id\":\"100001\",\"params\":{\"temperature\":30.5,\"LightSwitch\":1,"
            + "\"Color\":{\"R\":255,\"G\":128,\"B\":0},\"Schedule\":[{\"at\":\"08:00\",\"on\":true},{\"at\":\"22:30\",\"on\":false}],\"Note\":null},\"version\":\"1.0.0\"}";

        [TestMethod]
        public void Read_AlinkReply_GivesEveryToken()
        {
            Assert.AreEqual("{ code: 200 data: { } id: \"45\" message: \"success\" method: \"thing.event.property.post\" version: \"1.0\" }", Tokens(AlinkReply));
        }

        [TestMethod]
        public void Read_PropertySetWithNestedParams_GivesEveryToken()
        {
            Assert.AreEqual(
                "{ method: \"thing.service.property.set\" id: \"100001\" params: { temperature: 30.5 LightSwitch: 1 "
                + "Color: { R: 255 G: 128 B: 0 } Schedule: [ { at: \"08:00\" on: true } { at: \"22:30\" on: false } ] Note: null } version: \"1.0.0\" }",
                Tokens(PropertySet));
        }

        [TestMethod]
        [DataRow("42", "42")]                                   // any value may be the root (RFC 8259)
        [DataRow("-1.5e3", "-1.5e3")]
        [DataRow("\"x\"", "\"x\"")]
        [DataRow("true", "true")]
        [DataRow("false", "false")]
        [DataRow("null", "null")]
        [DataRow("[]", "[ ]")]
        [DataRow("{}", "{ }")]
        [DataRow("[[],{},[[]]]", "[ [ ] { } [ [ ] ] ]")]
        [DataRow("[1,-0,0.5,1E+2,\"\",true,false,null]", "[ 1 -0 0.5 1E+2 \"\" true false null ]")]
        [DataRow(" \t\r\n{ \"a\" : [ 1 , 2 ] }\n ", "{ a: [ 1 2 ] }")]   // the four whitespace bytes, everywhere allowed
        [DataRow("{\"\":\"\"}", "{ : \"\" }")]                 // empty name and value
        [DataRow("{\"a\":1,\"a\":2}", "{ a: 1 a: 2 }")]        // duplicate names are reported as they come
        [DataRow("\"\u007F\"", "\"\u007F\"")]                  // DEL is not a control character in JSON
        public void Read_ValidDocument_GivesTokens(string json, string expected)
        {
            Assert.AreEqual(expected, Tokens(json));
        }

        [TestMethod]
        public void Read_NestedDocument_ReportsDepthOfEachToken()
        {
            JsonReader reader = Over(Bytes("{\"a\":[1,{\"b\":2}],\"c\":3}"));
            string depths = "";
            while (reader.Read()) depths += reader.Depth.ToString();
            //          {  a: [  1  {  b: 2  }  ]  c: 3  }
            Assert.AreEqual("0" + "1" + "1" + "2" + "2" + "3" + "3" + "2" + "1" + "1" + "1" + "0", depths);
        }

        [TestMethod]
        public void Read_Tokens_ReportRawSlicesInTheCallersBuffer()
        {
            // {"id":"4\n5","n":-12.5e1,"t":true}   placed at offset 3 by Over()
            JsonReader reader = Over(Bytes("{\"id\":\"4\\n5\",\"n\":-12.5e1,\"t\":true}"));
            Assert.IsTrue(reader.Read());
            Assert.AreEqual(3, reader.ValueOffset);
            Assert.AreEqual(1, reader.ValueLength);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)JsonTokenType.PropertyName, (int)reader.TokenType);
            Assert.AreEqual(5, reader.ValueOffset);             // after the quote
            Assert.AreEqual(2, reader.ValueLength);
            Assert.IsFalse(reader.ValueIsEscaped);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)JsonTokenType.String, (int)reader.TokenType);
            Assert.AreEqual(10, reader.ValueOffset);
            Assert.AreEqual(4, reader.ValueLength);             // 4 \ n 5: still escaped
            Assert.IsTrue(reader.ValueIsEscaped);
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)JsonTokenType.Number, (int)reader.TokenType);
            Assert.AreEqual(20, reader.ValueOffset);
            Assert.AreEqual("-12.5e1", Raw(reader));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)JsonTokenType.True, (int)reader.TokenType);
            Assert.AreEqual(32, reader.ValueOffset);
            Assert.AreEqual(4, reader.ValueLength);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((int)JsonTokenType.EndObject, (int)reader.TokenType);
            Assert.AreEqual(36, reader.ValueOffset);
        }

        [TestMethod]
        public void Read_AfterTheEnd_KeepsReturningFalseWithoutError()
        {
            JsonReader reader = Over(Bytes("[1] "));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.IsFalse(reader.Read());
            Assert.IsFalse(reader.Read());
            Assert.AreEqual(ErrorCode.Ok, reader.Error);
            Assert.AreEqual(-1, reader.ErrorOffset);
            Assert.AreEqual((int)JsonTokenType.None, (int)reader.TokenType);
        }

        [TestMethod]
        public void Reset_AfterAnError_ReadsTheNewDocument()
        {
            JsonReader reader = new JsonReader();
            byte[] bad = Bytes("[1,]");
            reader.Reset(bad, 0, bad.Length);
            while (reader.Read()) { }
            Assert.AreEqual(ErrorCode.Malformed, reader.Error);
            byte[] good = Bytes("[2]");
            reader.Reset(good, 0, good.Length);
            Assert.AreEqual(ErrorCode.Ok, reader.Error);
            Assert.AreEqual((int)JsonTokenType.None, (int)reader.TokenType);
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.AreEqual("2", Raw(reader));
            Assert.AreSame(good, reader.Buffer);
        }

        [TestMethod]
        public void Read_SliceOfALargerDocument_StopsAtTheSliceEnd()
        {
            byte[] buffer = Bytes("[1,2][3]");
            JsonReader reader = new JsonReader();
            reader.Reset(buffer, 5, 3);                          // only "[3]"
            Assert.AreEqual("[ 3 ]", Describe3(reader));
            reader.Reset(buffer, 0, 5);                          // only "[1,2]"
            Assert.AreEqual("[ 1 2 ]", Describe3(reader));
        }

        private static string Describe3(JsonReader reader)
        {
            string text = "";
            while (reader.Read()) text += (text.Length > 0 ? " " : "") + Describe(reader);
            Assert.AreEqual(ErrorCode.Ok, reader.Error);
            return text;
        }
    }
}
