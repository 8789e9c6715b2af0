using LinkKit.Nano.Ota;
using LinkKit.Nano.Tests.Crypto;
using nanoFramework.TestFramework;

namespace LinkKit.Nano.Tests.Ota
{
    /// <summary>The cloud's upgrade offers, as the platform sends them, read into a lent job.</summary>
    [TestClass]
    public class OtaJobReaderTests
    {
        // The push and the firmware-query reply of the Python SDK's wire capture.
        private const string CapturedPush = "{\"code\":\"1000\",\"id\":1507707025,\"message\":\"success\",\"data\":{\"size\":432945,\"version\":\"2.0.0\"," +
            "\"url\":\"https://ota.example.invalid/fw-2.0.0.bin\",\"signMethod\":\"Md5\",\"sign\":\"93230c3bde425a9d7984a594ac55ea1e\"," +
            "\"md5\":\"93230c3bde425a9d7984a594ac55ea1e\",\"module\":\"default\",\"extData\":{\"k\":\"v\"}}}";

        private const string CapturedReply = "{\"id\":7,\"code\":200,\"message\":\"success\",\"data\":{\"size\":93796291,\"sign\":\"f8d85b250d4d787a9f483d89a974d2aa\"," +
            "\"version\":\"2.1.0\",\"url\":\"https://ota.example.invalid/fw-2.1.0.bin\",\"signMethod\":\"Md5\",\"md5\":\"f8d85b250d4d787a9f483d89a974d2aa\",\"module\":\"default\"}}";

        private static int Read(string json, OtaJob job)
        {
            byte[] bytes = TestBytes.Ascii(json);
            return new OtaJobReader(job.MaxFiles).Read(bytes, 0, bytes.Length, job);
        }

        // The text with its first "from" replaced (nanoFramework's string has no Replace).
        private static string Swap(string text, string from, string to)
        {
            int at = text.IndexOf(from);
            Assert.IsTrue(at >= 0, from);
            return text.Substring(0, at) + to + text.Substring(at + from.Length);
        }

        private static string Digest(OtaJob job, int file)
        {
            byte[] digest = new byte[32];
            int n = job.CopyDigest(file, digest, 0);
            return TestBytes.ToHex(digest, 0, n);
        }

        [TestMethod]
        public void CapturedPush_EveryField()
        {
            OtaJob job = new OtaJob();
            Assert.AreEqual(ErrorCode.Ok, Read(CapturedPush, job));
            Assert.AreEqual("2.0.0", job.GetVersion());
            Assert.IsTrue(job.VersionEquals("2.0.0"));
            Assert.AreEqual("default", job.GetModule());
            Assert.AreEqual("{\"k\":\"v\"}", job.GetExtData());
            Assert.AreEqual(OtaSignMethod.Md5, job.SignMethod);
            Assert.AreEqual(1, job.FileCount);
            Assert.AreEqual("", job.GetFileName(0));
            Assert.AreEqual(432945L, job.GetFileSize(0));
            Assert.AreEqual("https://ota.example.invalid/fw-2.0.0.bin", job.GetUrl(0));
            Assert.AreEqual("93230c3bde425a9d7984a594ac55ea1e", Digest(job, 0));
        }

        [TestMethod]
        public void CapturedReply_SameShape_CodeAsNumber()
        {
            OtaJob job = new OtaJob();
            Assert.AreEqual(ErrorCode.Ok, Read(CapturedReply, job));
            Assert.AreEqual("2.1.0", job.GetVersion());
            Assert.AreEqual(93796291L, job.TotalSize);
            Assert.AreEqual("f8d85b250d4d787a9f483d89a974d2aa", Digest(job, 0));
            Assert.AreEqual("", job.GetExtData());
        }

        [TestMethod]
        public void Sha256_MultiFile_NamedModule_SignMethodAfterTheFiles()
        {
            string sha1 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
            string sha2 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
            string json = "{\"code\":\"1000\",\"data\":{\"version\":\"3.1\",\"module\":\"mcu\",\"files\":[" +
                "{\"fileName\":\"app.pe\",\"fileSize\":1024,\"fileUrl\":\"https://h/a?x=1\",\"fileSign\":\"" + sha1 + "\"}," +
                "{\"fileSize\":\"2048\",\"fileSign\":\"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855\",\"fileName\":\"res.bin\",\"fileUrl\":\"https://h/b\",\"extra\":[1,2]}]," +
                "\"signMethod\":\"SHA256\"},\"id\":5,\"message\":\"success\"}";
            OtaJob job = new OtaJob();
            Assert.AreEqual(ErrorCode.Ok, Read(json, job));
            Assert.AreEqual(OtaSignMethod.Sha256, job.SignMethod);
            Assert.AreEqual("mcu", job.GetModule());
            Assert.IsTrue(job.ModuleEquals("mcu"));
            Assert.AreEqual(2, job.FileCount);
            Assert.AreEqual("app.pe", job.GetFileName(0));
            Assert.AreEqual("res.bin", job.GetFileName(1));
            Assert.AreEqual(2048L, job.GetFileSize(1));
            Assert.AreEqual("https://h/b", job.GetUrl(1));
            Assert.AreEqual(sha1, Digest(job, 0));
            Assert.AreEqual(sha2, Digest(job, 1));
            Assert.AreEqual(3072L, job.TotalSize);
        }

        [TestMethod]
        public void SignedUrlOverOneKilobyte_Kept()
        {
            string url = "https://ota.example.invalid/fw.bin?Expires=1700000000&OSSAccessKeyId=STS.x&Signature=abc%3D&security-token=" + new string('t', 1200);
            string json = Swap(CapturedPush, "https://ota.example.invalid/fw-2.0.0.bin", url);
            OtaJob job = new OtaJob();
            Assert.AreEqual(ErrorCode.Ok, Read(json, job));
            Assert.AreEqual(url, job.GetUrl(0));
        }

        [TestMethod]
        public void ReplyWithEmptyData_NoJob()
        {
            OtaJob job = new OtaJob();
            Assert.AreEqual(ErrorCode.OtaNoJob, Read("{\"code\":200,\"data\":{},\"id\":\"3\",\"message\":\"success\",\"method\":\"thing.ota.firmware.get\",\"version\":\"1.0\"}", job));
            Assert.AreEqual(0, job.FileCount);
        }

        [TestMethod]
        [DataRow("{\"code\":\"1000\",\"message\":\"failure\",\"data\":{}}")]
        [DataRow("{\"code\":6203,\"message\":\"success\",\"data\":{}}")]
        [DataRow("{\"code\":200,\"data\":{}}")]
        public void NotASuccess_Refused(string json)
        {
            Assert.AreEqual(ErrorCode.OtaRefused, Read(json, new OtaJob()));
        }

        [TestMethod]
        [DataRow("\"url\":\"https://ota.example.invalid/fw-2.0.0.bin\"", "\"url\":\"http://ota.example.invalid/fw-2.0.0.bin\"")]   // not HTTPS
        [DataRow("\"sign\":\"93230c3bde425a9d7984a594ac55ea1e\",\"md5\":\"93230c3bde425a9d7984a594ac55ea1e\"", "\"sign\":\"93230c3b\"")]
        [DataRow("\"signMethod\":\"Md5\"", "\"signMethod\":\"SHA256\"")]        // an MD5-length digest for SHA-256
        [DataRow("\"signMethod\":\"Md5\"", "\"signMethod\":\"CRC32\"")]
        [DataRow("\"size\":432945", "\"size\":0")]
        [DataRow("\"version\":\"2.0.0\",", "")]
        public void IncompleteOrWrongJob_MissingField_JobEmpty(string from, string to)
        {
            OtaJob job = new OtaJob();
            Assert.AreEqual(ErrorCode.MissingField, Read(Swap(CapturedPush, from, to), job));
            Assert.AreEqual(0, job.FileCount);
        }

        [TestMethod]
        [DataRow("{\"code\":\"1000\",\"message\":\"success\",\"data\":[]}")]
        [DataRow("{\"code\":\"1000\",\"message\":\"success\",\"data\":{\"size\":true}}")]
        [DataRow("{\"code\":\"x\",\"message\":\"success\",\"data\":{}}")]
        [DataRow("{\"code\":\"1000\",\"message\":\"success\",\"data\":{}} trailing")]
        [DataRow("[1]")]
        [DataRow("")]
        public void NotTheShape_Malformed(string json)
        {
            Assert.AreEqual(ErrorCode.Malformed, Read(json, new OtaJob()));
        }

        [TestMethod]
        public void MoreThanTheJobHolds_BufferTooSmall()
        {
            OtaJob small = new OtaJob(64, 1);
            Assert.AreEqual(ErrorCode.BufferTooSmall, Read(CapturedPush, small));
            Assert.AreEqual(0, small.FileCount);
            string twoFiles = "{\"code\":\"1000\",\"message\":\"success\",\"data\":{\"version\":\"1\",\"files\":[" +
                "{\"fileSize\":1,\"fileUrl\":\"https://h/a\",\"fileSign\":\"93230c3bde425a9d7984a594ac55ea1e\"}," +
                "{\"fileSize\":1,\"fileUrl\":\"https://h/b\",\"fileSign\":\"93230c3bde425a9d7984a594ac55ea1e\"}]}}";
            Assert.AreEqual(ErrorCode.BufferTooSmall, Read(twoFiles, new OtaJob(1024, 1)));
            Assert.AreEqual(ErrorCode.Ok, Read(twoFiles, new OtaJob(1024, 2)));
        }

        [TestMethod]
        public void AMessageWithoutUrlOrDigest_AfterACompleteOne_NothingOfTheEarlierJobShowsThrough()
        {
            // Found by fuzzing: the single file's URL and digest ranges of the previous message were still set, and
            // pointed at whatever the new message's text put there.
            const string Sign = "93230c3bde425a9d7984a594ac55ea1e";
            OtaJob job = new OtaJob();
            Assert.AreEqual(ErrorCode.Ok, Read("{\"code\":\"1000\",\"message\":\"success\",\"data\":{\"url\":\"https://a/b\",\"size\":1,\"version\":\"1\",\"sign\":\"" + Sign + "\"}}", job));
            // No url: the version now stands where the url stood.
            Assert.AreEqual(ErrorCode.MissingField, Read("{\"code\":\"1000\",\"message\":\"success\",\"data\":{\"version\":\"https://a/b\",\"size\":1,\"sign\":\"" + Sign + "\"}}", job));
            Assert.AreEqual(0, job.FileCount);

            Assert.AreEqual(ErrorCode.Ok, Read("{\"code\":\"1000\",\"message\":\"success\",\"data\":{\"sign\":\"" + Sign + "\",\"size\":1,\"version\":\"1\",\"url\":\"https://a/b\"}}", job));
            // No digest: 32 hex digits of version stand where the digest stood.
            Assert.AreEqual(ErrorCode.MissingField, Read("{\"code\":\"1000\",\"message\":\"success\",\"data\":{\"version\":\"" + Sign + "\",\"size\":1,\"url\":\"https://a/b\"}}", job));
            Assert.AreEqual(0, job.FileCount);
        }

        [TestMethod]
        public void ANewJob_ReplacesThePrevious()
        {
            OtaJob job = new OtaJob();
            Assert.AreEqual(ErrorCode.Ok, Read(CapturedPush, job));
            Assert.AreEqual(ErrorCode.Ok, Read(CapturedReply, job));
            Assert.AreEqual("2.1.0", job.GetVersion());
            Assert.AreEqual("", job.GetExtData());
            Assert.AreEqual(ErrorCode.Malformed, Read("{", job));
            Assert.AreEqual(0, job.FileCount);
        }

        [TestMethod]
        public void ConfigReply_AndPush_ReadAsAOneFileJob_IdKept()
        {
            string sign = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
            string fields = "{\"configId\":\"cfg-7\",\"configSize\":3,\"sign\":\"" + sign + "\",\"signMethod\":\"Sha256\",\"url\":\"https://h/config/cfg-7/config.json\",\"getType\":\"file\"}";
            OtaJob job = new OtaJob();
            OtaJobReader reader = new OtaJobReader(job.MaxFiles);
            byte[] id = new byte[24];
            int idLength;

            byte[] reply = TestBytes.Ascii("{\"code\":200,\"data\":" + fields + ",\"id\":\"42\",\"message\":\"success\",\"method\":\"thing.config.get\",\"version\":\"1.0\"}");
            Assert.AreEqual(ErrorCode.Ok, reader.ReadConfig(reply, 0, reply.Length, job, id, out idLength));
            Assert.AreEqual("cfg-7", job.GetVersion());
            Assert.AreEqual("config", job.GetModule());
            Assert.AreEqual(3L, job.GetFileSize(0));
            Assert.AreEqual("https://h/config/cfg-7/config.json", job.GetUrl(0));
            Assert.AreEqual(OtaSignMethod.Sha256, job.SignMethod);
            Assert.AreEqual(sign, Digest(job, 0));
            Assert.AreEqual("42", TestBytes.AsciiString(id, 0, idLength));

            byte[] push = TestBytes.Ascii("{\"id\":123,\"version\":\"1.0\",\"params\":" + fields + ",\"method\":\"thing.config.push\"}");
            Assert.AreEqual(ErrorCode.Ok, reader.ReadConfig(push, 0, push.Length, job, id, out idLength));
            Assert.AreEqual("cfg-7", job.GetVersion());
            Assert.AreEqual("123", TestBytes.AsciiString(id, 0, idLength));

            byte[] none = TestBytes.Ascii("{\"code\":200,\"data\":{},\"id\":\"43\",\"message\":\"success\"}");
            Assert.AreEqual(ErrorCode.OtaNoJob, reader.ReadConfig(none, 0, none.Length, job, id, out idLength));
            byte[] notFound = TestBytes.Ascii("{\"code\":6710,\"data\":{},\"id\":\"44\",\"message\":\"no remote configuration found\"}");
            Assert.AreEqual(ErrorCode.OtaNoJob, reader.ReadConfig(notFound, 0, notFound.Length, job, id, out idLength));
            byte[] inline = TestBytes.Ascii("{\"id\":\"1\",\"params\":{\"configId\":\"c\",\"getType\":\"content\",\"content\":\"x\"}}");
            Assert.AreEqual(ErrorCode.MissingField, reader.ReadConfig(inline, 0, inline.Length, job, id, out idLength));
            // An upgrade push is not read with a params object (only configuration pushes come that way).
            Assert.AreEqual(ErrorCode.OtaRefused, reader.Read(push, 0, push.Length, job));
        }
    }
}
