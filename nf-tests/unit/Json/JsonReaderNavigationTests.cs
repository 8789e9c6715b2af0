using System;
using LinkKit.Nano.Json;
using nanoFramework.TestFramework;
using static LinkKit.Nano.Tests.Json.JsonReaderTestHelper;

namespace LinkKit.Nano.Tests.Json
{
    [TestClass]
    public class JsonReaderNavigationTests
    {
        private const string AlinkReply = "{\"code\":200,\"data\":{},\"id\":\"45\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}";

        private const string PropertySet = "{\"method\":\"thing.service.property.set\",\"id\":\"100001\",\"params\":{\"temperature\":30.5,\"LightSwitch\":1,"
            + "\"Color\":{\"R\":255,\"G\":128,\"B\":0},\"Schedule\":[{\"at\":\"08:00\",\"on\":true},{\"at\":\"22:30\",\"on\":false}],\"Note\":null},\"version\":\"1.0.0\"}";

        [TestMethod]
        public void MoveToProperty_AlinkReply_FindsMembersInOrder()
        {
            JsonReader reader = Over(Bytes(AlinkReply));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.MoveToProperty("id"));         // skips code and the data object
            Assert.AreEqual("\"45\"", Describe(reader));
            long id;
            Assert.AreEqual(ErrorCode.Ok, reader.TryGetInt64FromString(out id));
            Assert.AreEqual(45L, id);
            Assert.IsTrue(reader.MoveToProperty("method"));     // from a value onwards
            Assert.IsTrue(reader.ValueEquals("thing.event.property.post"));
            Assert.IsFalse(reader.MoveToProperty("code"));      // forward-only: code is behind
            Assert.AreEqual((int)JsonTokenType.EndObject, (int)reader.TokenType);
            Assert.AreEqual(0, reader.Depth);
            Assert.AreEqual(ErrorCode.Ok, reader.Error);
            Assert.IsFalse(reader.Read());
            Assert.AreEqual(ErrorCode.Ok, reader.Error);
        }

        [TestMethod]
        public void MoveToProperty_NestedParams_WalksIntoObjects()
        {
            JsonReader reader = Over(Bytes(PropertySet));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.MoveToProperty("params"));
            Assert.AreEqual((int)JsonTokenType.StartObject, (int)reader.TokenType);
            Assert.IsTrue(reader.MoveToProperty("Color"));
            Assert.IsTrue(reader.MoveToProperty("B"));
            int b;
            Assert.AreEqual(ErrorCode.Ok, reader.TryGetInt32(out b));
            Assert.AreEqual(0, b);
            Assert.IsFalse(reader.MoveToProperty("R"));         // Color ends first
            Assert.AreEqual((int)JsonTokenType.EndObject, (int)reader.TokenType);
            Assert.AreEqual(2, reader.Depth);
            Assert.IsTrue(reader.MoveToProperty("Note"));       // continues in params, skipping Schedule
            Assert.AreEqual((int)JsonTokenType.Null, (int)reader.TokenType);
            Assert.IsFalse(reader.MoveToProperty("x"));
            Assert.AreEqual(1, reader.Depth);                   // params' end
            Assert.IsTrue(reader.MoveToProperty("version"));
            Assert.IsTrue(reader.ValueEquals("1.0.0"));
        }

        [TestMethod]
        public void MoveToProperty_FromAName_SkipsThatMembersValue()
        {
            JsonReader reader = Over(Bytes(PropertySet));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.ValueEquals("method"));
            Assert.IsTrue(reader.MoveToProperty("version"));
            Assert.IsTrue(reader.ValueEquals("1.0.0"));
        }

        [TestMethod]
        public void MoveToProperty_EscapedName_MatchesUnescaped()
        {
            JsonReader reader = Over(Bytes("{\"a\\u0062\":1,\"\\u00e9\":2}"));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.MoveToProperty("\u00e9"));
            Assert.AreEqual("2", Raw(reader));
        }

        [TestMethod]
        public void MoveToProperty_OutsideAnObject_ReturnsFalseWithoutMoving()
        {
            JsonReader reader = Over(Bytes("[{\"a\":1}]"));
            Assert.IsFalse(reader.MoveToProperty("a"));         // before the first token
            Assert.IsTrue(reader.Read());
            Assert.IsFalse(reader.MoveToProperty("a"));         // inside an array
            Assert.AreEqual((int)JsonTokenType.StartArray, (int)reader.TokenType);
            reader = Over(Bytes("7"));
            Assert.IsTrue(reader.Read());
            Assert.IsFalse(reader.MoveToProperty("a"));         // a root scalar
            Assert.AreEqual("7", Raw(reader));
            Assert.ThrowsException(typeof(ArgumentNullException), () => reader.MoveToProperty(null));
        }

        [TestMethod]
        public void MoveToProperty_MalformedRest_ReturnsFalseWithError()
        {
            JsonReader reader = Over(Bytes("{\"a\":[1,],\"b\":2}"));
            Assert.IsTrue(reader.Read());
            Assert.IsFalse(reader.MoveToProperty("b"));
            Assert.AreEqual(ErrorCode.Malformed, reader.Error);
            Assert.AreEqual(3 + 8, reader.ErrorOffset);
        }

        [TestMethod]
        public void Skip_PropertyName_SkipsItsContainerValue()
        {
            JsonReader reader = Over(Bytes(PropertySet));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.MoveToProperty("id"));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.ValueEquals("params"));
            Assert.IsTrue(reader.Skip());
            Assert.AreEqual((int)JsonTokenType.EndObject, (int)reader.TokenType);
            Assert.AreEqual(1, reader.Depth);
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.ValueEquals("version"));
        }

        [TestMethod]
        public void Skip_StartArray_StopsOnItsEnd()
        {
            JsonReader reader = Over(Bytes("[[1,[2,[3]],{\"a\":[]}],4]"));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Skip());
            Assert.AreEqual((int)JsonTokenType.EndArray, (int)reader.TokenType);
            Assert.AreEqual(1, reader.Depth);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual("4", Raw(reader));
        }

        [TestMethod]
        public void Skip_Scalar_StaysOnIt()
        {
            JsonReader reader = Over(Bytes("[\"s\",5]"));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Skip());
            Assert.IsTrue(reader.ValueEquals("s"));
            Assert.IsTrue(reader.Read());
            Assert.AreEqual("5", Raw(reader));
        }

        [TestMethod]
        public void Skip_BeforeTheFirstRead_SkipsTheRootValue()
        {
            JsonReader reader = Over(Bytes(AlinkReply));
            Assert.IsTrue(reader.Skip());
            Assert.AreEqual((int)JsonTokenType.EndObject, (int)reader.TokenType);
            Assert.AreEqual(0, reader.Depth);
            Assert.IsFalse(reader.Read());
            Assert.AreEqual(ErrorCode.Ok, reader.Error);
            Assert.IsFalse(reader.Skip());                      // nothing left
        }

        [TestMethod]
        public void Skip_MalformedContainer_ReturnsFalseWithError()
        {
            JsonReader reader = Over(Bytes("[[1,2}]"));
            Assert.IsTrue(reader.Read());
            Assert.IsTrue(reader.Read());
            Assert.IsFalse(reader.Skip());
            Assert.AreEqual(ErrorCode.Malformed, reader.Error);
            Assert.AreEqual(3 + 5, reader.ErrorOffset);
        }
    }
}
