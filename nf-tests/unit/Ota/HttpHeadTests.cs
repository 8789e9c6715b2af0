using LinkKit.Nano.Ota;
using LinkKit.Nano.Tests.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Ota
{
    /// <summary>The head of a firmware server's answer, read in place: status, lengths, range, ETag, refusals.</summary>
    [TestClass]
    public class HttpHeadTests
    {
        private static int Parse(string response, HttpHead head)
        {
            byte[] bytes = TestBytes.Ascii(response);
            return head.Parse(bytes, 0, bytes.Length);
        }

        [TestMethod]
        public void PartialContent_RangeLengthAndETag()
        {
            HttpHead head = new HttpHead();
            string text = "HTTP/1.1 206 Partial Content\r\ncontent-range: bytes 100-999/1000\r\nCONTENT-LENGTH: 900\r\nETag:  \"abc\" \r\n\r\nBODY";
            Assert.AreEqual(text.Length - 4, Parse(text, head));
            Assert.AreEqual(206, head.Status);
            Assert.AreEqual(900L, head.ContentLength);
            Assert.AreEqual(100L, head.RangeFirst);
            Assert.AreEqual(1000L, head.RangeTotal);
            Assert.AreEqual(5, head.ETagLength);
            Assert.AreEqual("\"abc\"", text.Substring(head.ETagAt, head.ETagLength));
        }

        [TestMethod]
        public void BareLineFeeds_And416WithUnknownRange()
        {
            HttpHead head = new HttpHead();
            string text = "HTTP/1.1 416 Range Not Satisfiable\nContent-Range: bytes */1000\n\n";
            Assert.AreEqual(text.Length, Parse(text, head));
            Assert.AreEqual(416, head.Status);
            Assert.AreEqual(-1L, head.RangeFirst);
            Assert.AreEqual(1000L, head.RangeTotal);
        }

        [TestMethod]
        public void RefusalWithAChunkedBody_StatusRead()
        {
            HttpHead head = new HttpHead();
            string text = "HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
            Assert.IsTrue(Parse(text, head) > 0);
            Assert.AreEqual(403, head.Status);
            Assert.IsTrue(head.Encoded);
        }

        [TestMethod]
        [DataRow("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")]      // a file not streamable byte-exact
        [DataRow("HTTP/1.1 200 OK\r\nETag: x\r\n\r\n")]                         // a file of unknown length
        [DataRow("HTTP/1.1 206 Partial\r\nContent-Length: 9\r\nContent-Range: bytes 9-1/10\r\n\r\n")]
        [DataRow("HTTP/1.1 206 Partial\r\nContent-Length: -9\r\n\r\n")]
        [DataRow("HTTP/1.1 206 Partial\r\nContent-Length: 900\r\nContent-Range: bytes 100-999/10\r\n\r\n")]   // found by fuzzing
        [DataRow("HTTP/1.1 206 Partial\r\nContent-Length: 900\r\nContent-Range: bytes 100-999/999\r\n\r\n")]
        [DataRow("HTTP/1.1 206 Partial\r\nContent-Length: 10\r\nContent-Range: bytes 0-9/abc\r\n\r\n")]     // a total neither "*" nor digits
        [DataRow("HTTP/1.1 2x6 Partial\r\n\r\n")]
        [DataRow("SMTP/1.1 200 OK\r\n\r\n")]
        [DataRow("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
        public void NotAFileHead_Malformed(string text)
        {
            Assert.AreEqual(ErrorCode.HttpMalformed, Parse(text, new HttpHead()));
        }

        [TestMethod]
        [DataRow("HTTP/1.1 206 Partial Content\r\nContent-Length: 9\r\n")]
        [DataRow("HTTP/1.")]
        [DataRow("")]
        public void HeadNotComplete_Truncated(string text)
        {
            Assert.AreEqual(ErrorCode.HttpTruncated, Parse(text, new HttpHead()));
        }
    }
}
