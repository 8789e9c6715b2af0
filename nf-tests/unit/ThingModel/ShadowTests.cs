using LinkKit.Nano.Json;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.ThingModels
{
    /// <summary>Shadow downlinks from the wire capture and the platform's error form, and the local shadow cache.</summary>
    [TestClass]
    public class ShadowTests
    {
        public const string UpdateReply = "{\"method\":\"reply\",\"payload\":{\"status\":\"success\",\"version\":1},\"timestamp\":1700000001}";
        public const string GetReply = "{\"method\":\"reply\",\"payload\":{\"status\":\"success\",\"state\":{\"reported\":{\"color\":\"red\"},\"desired\":{\"color\":\"green\"}},\"metadata\":{\"reported\":{\"color\":{\"timestamp\":1700000001}},\"desired\":{\"color\":{\"timestamp\":1700000002}}}},\"version\":2,\"timestamp\":1700000003}";
        public const string Control = "{\"method\":\"control\",\"payload\":{\"status\":\"success\",\"state\":{\"desired\":{\"color\":\"blue\"}},\"metadata\":{\"desired\":{\"color\":{\"timestamp\":1700000010}}}},\"version\":3,\"timestamp\":1700000010}";
        public const string Refusal = "{\"method\":\"reply\",\"payload\":{\"status\":\"error\",\"content\":{\"errorcode\":\"409\",\"errormessage\":\"影子版本冲突\"}},\"timestamp\":1700000020}";

        private static ShadowDocument Parse(string payload)
        {
            byte[] bytes = TestTsl.Bytes(payload);
            ShadowDocument d = new ShadowDocument();
            Assert.AreEqual(ErrorCode.Ok, d.Parse(bytes, 0, bytes.Length));
            return d;
        }

        [TestMethod]
        public void UpdateReply_VersionInPayload()
        {
            ShadowDocument d = Parse(UpdateReply);
            Assert.AreEqual((int)ShadowMethod.Reply, (int)d.Method);
            Assert.IsTrue(d.IsSuccess);
            Assert.IsTrue(d.HasVersion);
            Assert.AreEqual(1L, d.Version);
            Assert.AreEqual(1700000001L, d.Timestamp);
            Assert.IsFalse(d.HasState);
            Assert.IsNull(d.State);
        }

        [TestMethod]
        public void GetReply_StateAndMetadataInPlace()
        {
            ShadowDocument d = Parse(GetReply);
            Assert.AreEqual(2L, d.Version);
            Assert.AreEqual(1700000003L, d.Timestamp);
            JsonReader state = d.State;
            Assert.IsTrue(state.MoveToProperty("desired"));
            Assert.IsTrue(state.MoveToProperty("color"));
            Assert.IsTrue(state.ValueEquals("green"));
            JsonReader metadata = d.Metadata;
            Assert.AreEqual((int)JsonTokenType.StartObject, (int)metadata.TokenType);
            Assert.IsTrue(metadata.MoveToProperty("reported"));
        }

        [TestMethod]
        public void ControlPush_DesiredState()
        {
            ShadowDocument d = Parse(Control);
            Assert.AreEqual((int)ShadowMethod.Control, (int)d.Method);
            Assert.AreEqual(3L, d.Version);
            JsonReader state = d.State;
            Assert.IsTrue(state.MoveToProperty("desired"));
            Assert.IsTrue(state.MoveToProperty("color"));
            Assert.IsTrue(state.ValueEquals("blue"));
        }

        [TestMethod]
        public void Refusal_ErrorCodeAsString()
        {
            ShadowDocument d = Parse(Refusal);
            Assert.IsFalse(d.IsSuccess);
            Assert.AreEqual(409, d.ContentErrorCode);
            Assert.IsFalse(d.HasVersion);
        }

        [TestMethod]
        public void TopLevelVersionWins()
        {
            ShadowDocument d = Parse("{\"payload\":{\"version\":5},\"version\":6,\"method\":\"other\"}");
            Assert.AreEqual(6L, d.Version);
            Assert.AreEqual((int)ShadowMethod.Other, (int)d.Method);
            d = Parse("{\"version\":6,\"payload\":{\"version\":5}}");
            Assert.AreEqual(6L, d.Version);
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("{\"method\":1}")]
        [DataRow("{\"payload\":[]}")]
        [DataRow("{\"version\":\"2\"}")]
        [DataRow("{\"payload\":{\"state\":\"x\"}}")]
        [DataRow("{\"method\":\"reply\"")]
        public void Malformed_IsRefused(string payload)
        {
            byte[] bytes = TestTsl.Bytes(payload);
            Assert.AreEqual(ErrorCode.Malformed, new ShadowDocument().Parse(bytes, 0, bytes.Length));
        }

        [TestMethod]
        public void Cache_FollowsPythonsRules()
        {
            ShadowCache cache = new ShadowCache(256);
            Assert.IsFalse(cache.HasState);
            Assert.IsFalse(cache.HasVersion);
            byte[] out1 = new byte[256];
            Assert.AreEqual(0, cache.CopyState(out1, 0, out1.Length));

            cache.Update(Parse(UpdateReply));                       // version only
            Assert.AreEqual(1L, cache.Version);
            Assert.IsFalse(cache.HasState);

            cache.Update(Parse(GetReply));
            Assert.AreEqual(2L, cache.Version);
            int n = cache.CopyState(out1, 0, out1.Length);
            Assert.AreEqual("{\"reported\":{\"color\":\"red\"},\"desired\":{\"color\":\"green\"}}", TestTsl.Text(out1, 0, n));
            n = cache.CopyMetadata(out1, 0, out1.Length);
            Assert.AreEqual("{\"reported\":{\"color\":{\"timestamp\":1700000001}},\"desired\":{\"color\":{\"timestamp\":1700000002}}}", TestTsl.Text(out1, 0, n));

            cache.Update(Parse(Refusal));                           // an error keeps the state
            Assert.IsTrue(cache.HasState);
            Assert.AreEqual(1700000020L, cache.Timestamp);

            cache.Update(Parse(Control));                           // replaced by the latest state, as Python does
            Assert.AreEqual(3L, cache.Version);
            n = cache.CopyState(out1, 0, out1.Length);
            Assert.AreEqual("{\"desired\":{\"color\":\"blue\"}}", TestTsl.Text(out1, 0, n));
            Assert.AreEqual(ErrorCode.BufferTooSmall, cache.CopyState(out1, 0, n - 1));
        }

        [TestMethod]
        public void Cache_TooSmall_CountsOverflow()
        {
            ShadowCache cache = new ShadowCache(40);
            cache.Update(Parse(GetReply));                          // a 56-byte state: not kept
            Assert.IsFalse(cache.HasState);
            Assert.AreEqual(1, cache.OverflowCount);
            cache.Update(Parse(Control));                           // state fits, metadata does not
            Assert.IsTrue(cache.HasState);
            Assert.AreEqual(0, cache.CopyMetadata(new byte[64], 0, 64));
            Assert.AreEqual(2, cache.OverflowCount);
        }
    }
}
