using LinkKit.Nano.Json;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>Replies read from exact bytes; the first ones are the platform replies of the wire capture.</summary>
    [TestClass]
    public class ThingReplyTests
    {
        private static ThingReply Parse(string payload, int expected)
        {
            byte[] bytes = TestTsl.Bytes(payload);
            ThingReply reply = new ThingReply();
            Assert.AreEqual(expected, reply.Parse(bytes, 0, bytes.Length));
            return reply;
        }

        [TestMethod]
        public void PostReply_FromTheCapture()
        {
            ThingReply r = Parse("{\"code\":200,\"data\":{},\"id\":\"1\",\"message\":\"success\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}", ErrorCode.Ok);
            Assert.AreEqual(1, r.RequestId);
            Assert.AreEqual(200, r.Code);
            Assert.IsFalse(r.IsTimeout);
            Assert.IsTrue(r.HasData);
            Assert.AreEqual((int)JsonTokenType.StartObject, (int)r.Data.TokenType);
            Assert.IsTrue(r.HasMessage);
            Assert.IsTrue(r.MessageEquals("success"));
            Assert.AreEqual("success", r.GetMessage());
            Assert.IsNull(r.GetIdentifier());
        }

        [TestMethod]
        public void PostReply_WithoutMessage_FromTheCapture_IsStillDelivered()
        {
            // Capture id "2": the Python SDK dropped this reply silently (quirk 6).
            ThingReply r = Parse("{\"code\":200,\"data\":{},\"id\":\"2\",\"method\":\"thing.event.property.post\",\"version\":\"1.0\"}", ErrorCode.Ok);
            Assert.AreEqual(2, r.RequestId);
            Assert.IsFalse(r.HasMessage);
            Assert.IsFalse(r.MessageEquals("success"));
            Assert.IsNull(r.GetMessage());
            Assert.AreEqual(0, r.CopyMessage(new byte[4], 0, 4));
        }

        [TestMethod]
        public void Reply_WithoutData_AndNullData()
        {
            ThingReply r = Parse("{\"id\":\"7\",\"code\":460,\"message\":\"request parameter error\"}", ErrorCode.Ok);
            Assert.IsFalse(r.HasData);
            Assert.IsNull(r.Data);
            r = Parse("{\"id\":\"7\",\"code\":460,\"data\":null}", ErrorCode.Ok);
            Assert.IsFalse(r.HasData);
        }

        [TestMethod]
        public void Reply_DataInPlace()
        {
            ThingReply r = Parse("{\"id\":\"9\",\"code\":200,\"data\":{\"a\":[1,2],\"b\":\"x\"},\"message\":\"success\"}", ErrorCode.Ok);
            JsonReader d = r.Data;
            Assert.IsTrue(d.MoveToProperty("b"));
            Assert.IsTrue(d.ValueEquals("x"));
            Assert.IsTrue(r.MessageEquals("success"));                 // the message reader is not the data reader
            Assert.AreEqual((int)JsonTokenType.String, (int)d.TokenType);
        }

        [TestMethod]
        public void Reply_NumericIdAndStringCode()
        {
            ThingReply r = Parse("{\"id\":123,\"code\":\"6304\",\"message\":\"dsl parse: params not exist\"}", ErrorCode.Ok);
            Assert.AreEqual(123, r.RequestId);
            Assert.AreEqual(6304, r.Code);
        }

        [TestMethod]
        public void Reply_EscapedMessage_DecodedWhenCopied()
        {
            ThingReply r = Parse("{\"id\":\"1\",\"code\":500,\"message\":\"\\u5931\\u8d25 \\\"x\\\"\"}", ErrorCode.Ok);
            Assert.IsTrue(r.MessageEquals("失败 \"x\""));
            byte[] dest = new byte[32];
            int n = r.CopyMessage(dest, 0, dest.Length);
            Assert.AreEqual("失败 \"x\"", TestTsl.Text(dest, 0, n));
            Assert.AreEqual(ErrorCode.BufferTooSmall, r.CopyMessage(dest, 0, n - 1));
        }

        [TestMethod]
        public void Reply_IdOutsideTheSdksRange_ParsesWithNoRequest()
        {
            Assert.AreEqual(-1, Parse("{\"id\":\"4294967295\",\"code\":200}", ErrorCode.Ok).RequestId);
            Assert.AreEqual(-1, Parse("{\"id\":\"0\",\"code\":200}", ErrorCode.Ok).RequestId);
        }

        [TestMethod]
        [DataRow("")]                                              // empty
        [DataRow("not json")]
        [DataRow("[1]")]                                           // not an object
        [DataRow("{\"id\":\"1\"}")]                                // no code
        [DataRow("{\"code\":200}")]                                // no id
        [DataRow("{\"id\":\"abc\",\"code\":200}")]                 // id not a number
        [DataRow("{\"id\":\"1\",\"code\":true}")]                  // code of the wrong type
        [DataRow("{\"id\":\"1\",\"code\":2.5}")]                   // code not an integer
        [DataRow("{\"id\":\"1\",\"code\":200} {}")]                // trailing garbage
        [DataRow("{\"id\":\"1\",\"code\":200,\"data\":{]}")]       // bad JSON inside data
        [DataRow("{\"id\":\"1\",\"code\":200")]                    // truncated
        public void MalformedReply_IsRefused(string payload)
        {
            Parse(payload, ErrorCode.Malformed);
        }

        [TestMethod]
        public void Reply_ParseWithinAWindow()
        {
            byte[] bytes = TestTsl.Bytes("xx{\"id\":\"3\",\"code\":200}yy");
            ThingReply reply = new ThingReply();
            Assert.AreEqual(ErrorCode.Ok, reply.Parse(bytes, 2, bytes.Length - 4));
            Assert.AreEqual(3, reply.RequestId);
        }
    }
}
