using System;
using LinkKit.Nano.Identity;
using LinkKit.Nano.Tests.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Identity
{
    [TestClass]
    public class HttpResponseFramingTests
    {
        private const string Body = "{\"code\":200,\"data\":{},\"message\":\"success\"}";

        private const string WithContentLength =
            "HTTP/1.1 200 OK\r\nServer: Tengine\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: 42\r\nConnection: close\r\n\r\n" + Body;

        // The same body in three chunks, one with an extension, and a trailer field.
        private const string Chunked =
            "HTTP/1.1 200 OK\r\nTRANSFER-ENCODING: Chunked\r\n\r\n" +
            "a\r\n{\"code\":20\r\n" +
            "1e;name=value\r\n0,\"data\":{},\"message\":\"success\r\n" +
            "2\r\n\"}\r\n" +
            "0\r\nX-Trailer: 1\r\n\r\n";

        private static int Frame(string response, bool endOfStream, out int status, out string body)
        {
            byte[] buffer = TestBytes.Ascii("##" + response);
            int bodyOffset;
            int bodyLength;
            int rc = HttpResponseFraming.Frame(buffer, 2, buffer.Length - 2, endOfStream, out status, out bodyOffset, out bodyLength);
            body = rc == ErrorCode.Ok ? TestBytes.AsciiString(buffer, bodyOffset, bodyLength) : null;
            return rc;
        }

        private static void AssertFrames(string response, bool endOfStream, int expectedStatus, string expectedBody)
        {
            int status;
            string body;
            Assert.AreEqual(ErrorCode.Ok, Frame(response, endOfStream, out status, out body));
            Assert.AreEqual(expectedStatus, status);
            Assert.AreEqual(expectedBody, body);
        }

        private static void AssertMalformed(string response)
        {
            int status;
            string body;
            Assert.AreEqual(ErrorCode.HttpMalformed, Frame(response, true, out status, out body), response);
        }

        [TestMethod]
        public void Frame_ContentLength_GivesBody()
        {
            AssertFrames(WithContentLength, false, 200, Body);
        }

        [TestMethod]
        public void Frame_ContentLength_IgnoresBytesAfterBody()
        {
            AssertFrames(WithContentLength + "garbage", false, 200, Body);
        }

        [TestMethod]
        public void Frame_EveryPrefix_Truncated()
        {
            string[] responses = new string[] { WithContentLength, Chunked };
            for (int r = 0; r < responses.Length; r++)
            {
                for (int n = 0; n < responses[r].Length; n++)
                {
                    int status;
                    string body;
                    Assert.AreEqual(ErrorCode.HttpTruncated, Frame(responses[r].Substring(0, n), true, out status, out body), "response " + r.ToString() + " prefix " + n.ToString());
                }
            }
        }

        [TestMethod]
        public void Frame_HeaderNamesAnyCase_BareLf()
        {
            AssertFrames("HTTP/1.0 200 OK\ncontent-LENGTH:  5 \n\nhello", false, 200, "hello");
        }

        [TestMethod]
        public void Frame_Chunked_JoinsChunks()
        {
            AssertFrames(Chunked, false, 200, Body);
        }

        [TestMethod]
        public void Frame_ChunkedWinsOverContentLength()
        {
            AssertFrames("HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", false, 200, "abc");
        }

        [TestMethod]
        public void Frame_NoLength_BodyEndsAtClose()
        {
            int status;
            string body;
            Assert.AreEqual(ErrorCode.HttpTruncated, Frame("HTTP/1.1 200 OK\r\n\r\n{}", false, out status, out body));
            Assert.AreEqual(200, status);
            AssertFrames("HTTP/1.1 200 OK\r\n\r\n{}", true, 200, "{}");
        }

        [TestMethod]
        public void Frame_ErrorStatus_StillFramed()
        {
            AssertFrames("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno", false, 404, "no");
            AssertFrames("HTTP/1.1 500\r\nContent-Length: 0\r\n\r\n", false, 500, "");
        }

        [TestMethod]
        public void Frame_BadStatusLine_Malformed()
        {
            AssertMalformed("<html>");
            AssertMalformed("HTTX/1.1 200 OK\r\n\r\n");
            AssertMalformed("HTTP/1.1 20 OK\r\n\r\n");
            AssertMalformed("HTTP/1.1 2000 OK\r\n\r\n");
            AssertMalformed("HTTP/1.1 099 OK\r\n\r\n");
            AssertMalformed("HTTP/1.1 600 OK\r\n\r\n");
            AssertMalformed("HTTP/11 200 OK\r\n\r\n");
            AssertMalformed("\r\n");
        }

        [TestMethod]
        public void Frame_BadHeaders_Malformed()
        {
            AssertMalformed("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n");
            AssertMalformed("HTTP/1.1 200 OK\r\n: empty name\r\n\r\n");
            AssertMalformed("HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n");
            AssertMalformed("HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n");
            AssertMalformed("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n");
            AssertMalformed("HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n");
            AssertMalformed("HTTP/1.1 200 OK\r\nContent-Length: 1234567890\r\n\r\n");
            AssertMalformed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc");
            AssertMalformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
        }

        [TestMethod]
        public void Frame_SameContentLengthTwice_Accepted()
        {
            AssertFrames("HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nab", false, 200, "ab");
        }

        [TestMethod]
        public void Frame_BadChunks_Malformed()
        {
            AssertMalformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
            AssertMalformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n");
            AssertMalformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3 x\r\nabc\r\n0\r\n\r\n");
            AssertMalformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n");
            AssertMalformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000\r\n");
        }

        [TestMethod]
        public void Frame_ChunkSizeWithLeadingZeros_Accepted()
        {
            AssertFrames("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n000000003\r\nabc\r\n0\r\n\r\n", false, 200, "abc");
        }

        [TestMethod]
        public void Frame_Misuse_Throws()
        {
            int s;
            int o;
            int l;
            Assert.ThrowsException(typeof(ArgumentNullException), () => HttpResponseFraming.Frame(null, 0, 0, true, out s, out o, out l));
            Assert.ThrowsException(typeof(ArgumentOutOfRangeException), () => HttpResponseFraming.Frame(new byte[4], 2, 3, true, out s, out o, out l));
        }
    }
}
