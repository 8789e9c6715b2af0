using System;
using LinkKit.Nano.Crypto;
using LinkKit.Nano.Json;
using LinkKit.Nano.Text;

namespace LinkKit.Nano.Ota
{
    /// <summary>
    /// Reads the cloud's upgrade offer into an <see cref="OtaJob"/>, allocating nothing:
    /// <code>
    /// push  /ota/device/upgrade/{pk}/{dn}   {"code":"1000","data":{…},"id":…,"message":"success"}
    /// reply …/thing/ota/firmware/get_reply  {"code":200,"data":{…} or {},"id":"…","message":"success",…}
    /// data  {"size":N,"sign":"hex","version":"2.0.0","url":"https://…","signMethod":"Md5"|"SHA256","md5":"hex",
    ///        "module":"mcu","extData":{…}}  or, multi-file, "files":[{"fileName","fileSize","fileUrl","fileSign"}]
    /// </code>
    /// Remote configuration (COTA) comes the same way (<see cref="ReadConfig"/>): its reply under "data", its push under
    /// "params", with configId, configSize, sign, signMethod, url and getType "file".
    /// Members come in any order; unknown ones are skipped. A job needs a version, and every file a size above 0,
    /// an https:// URL and a digest of the sign method's length (32 hex digits MD5, 64 SHA-256; <c>md5</c> stands
    /// in for a missing <c>sign</c>). A module the cloud does not name is "default".
    /// </summary>
    /// <remarks>Not thread-safe: one JSON reader is reused.</remarks>
    internal sealed class OtaJobReader
    {
        private const int PushSuccess = 1000;
        private const int ReplySuccess = 200;
        private const int NoConfiguration = 6710;
        private const string DefaultModule = "default";

        /// <summary>The module a remote-configuration job is given.</summary>
        public const string ConfigModule = "config";

        private readonly JsonReader _json = new JsonReader(8);

        // Where each file's digest, still hex, was copied in the job's text (decoded once signMethod is known).
        private readonly int[] _signAt;
        private readonly int[] _signLength;
        private int _md5At, _md5Length;
        private byte[] _id;
        private int _idLength;

        public OtaJobReader(int maxFiles)
        {
            _signAt = new int[maxFiles];
            _signLength = new int[maxFiles];
        }

        /// <summary>Reads a push or a firmware-query reply into <paramref name="job"/>.</summary>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.OtaNoJob"/> (a successful reply with empty data: nothing to
        /// install); <see cref="ErrorCode.OtaRefused"/> (a code other than 1000/200, or a message other than
        /// "success"); <see cref="ErrorCode.Malformed"/> (not one JSON object, or a member of the wrong type);
        /// <see cref="ErrorCode.MissingField"/> (no version, or a file without size, URL or digest, or a digest or
        /// URL that is not what the platform sends); <see cref="ErrorCode.BufferTooSmall"/> (more text or files than
        /// the job holds). On failure the job holds nothing.
        /// </returns>
        public int Read(byte[] payload, int offset, int count, OtaJob job)
        {
            return Read(payload, offset, count, job, null);
        }

        /// <summary>
        /// Reads a remote-configuration offer (COTA) into <paramref name="job"/>: the reply on
        /// <c>…/thing/config/get_reply</c> (<c>"data"</c>) or the push on <c>…/thing/config/push</c> (<c>"params"</c>, no
        /// code), whose fields are <c>configId</c> (read as the version), <c>configSize</c>, <c>sign</c>,
        /// <c>signMethod</c>, <c>url</c> and <c>getType</c> (only "file" is a download). The job's module is "config".
        /// The message's <c>id</c> is copied as it stood into <paramref name="id"/> (a push is answered with it).
        /// </summary>
        /// <returns>As <see cref="Read(byte[], int, int, OtaJob)"/>; <paramref name="idLength"/> is 0 when there was no id
        /// or it did not fit.</returns>
        public int ReadConfig(byte[] payload, int offset, int count, OtaJob job, byte[] id, out int idLength)
        {
            if (id == null) throw new ArgumentNullException("id");
            _id = id;
            _idLength = 0;
            int rc = Read(payload, offset, count, job, id);
            idLength = _idLength;
            _id = null;
            return rc;
        }

        private int Read(byte[] payload, int offset, int count, OtaJob job, byte[] id)
        {
            if (payload == null) throw new ArgumentNullException("payload");
            if (job == null) throw new ArgumentNullException("job");
            if (offset < 0 || count < 0 || count > payload.Length - offset) throw new ArgumentOutOfRangeException("count");
            if (job.MaxFiles > _signAt.Length) throw new ArgumentException("job holds more files than this reader", "job");
            job.Clear();
            for (int i = 0; i < _signLength.Length; i++) _signAt[i] = _signLength[i] = 0;
            _md5At = _md5Length = 0;
            int rc = ReadEnvelope(payload, offset, count, job, id != null);
            if (rc != ErrorCode.Ok) job.Clear();
            return rc;
        }

        private int ReadEnvelope(byte[] payload, int offset, int count, OtaJob job, bool config)
        {
            JsonReader json = _json;
            json.Reset(payload, offset, count);
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject) return ErrorCode.Malformed;
            int code = 0;
            bool success = false;
            bool hasData = false;
            bool push = false;
            int problem = ErrorCode.Ok;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                int rc = ErrorCode.Ok;
                if (json.ValueEquals("code"))
                {
                    if (ReadCode(json, out code) != ErrorCode.Ok) return ErrorCode.Malformed;
                }
                else if (json.ValueEquals("message"))
                {
                    if (!json.Read()) return ErrorCode.Malformed;
                    success = json.TokenType == JsonTokenType.String && json.ValueEquals("success");
                    if (!json.Skip()) return ErrorCode.Malformed;
                }
                else if (config && json.ValueEquals("id"))
                {
                    if (!json.Read()) return ErrorCode.Malformed;
                    CopyId(json);
                }
                else if (json.ValueEquals("data") || (config && json.ValueEquals("params")))
                {
                    push = !json.ValueEquals("data");
                    if (!json.Read()) return ErrorCode.Malformed;
                    if (json.TokenType != JsonTokenType.StartObject) return ErrorCode.Malformed;
                    hasData = true;
                    rc = ReadData(json, job);
                }
                else if (!json.Skip())
                {
                    return ErrorCode.Malformed;
                }
                if (json.Error != ErrorCode.Ok) return ErrorCode.Malformed;
                if (problem == ErrorCode.Ok) problem = rc;
            }
            if (json.Error != ErrorCode.Ok || json.TokenType != JsonTokenType.EndObject || json.Read() || json.Error != ErrorCode.Ok)
            {
                return ErrorCode.Malformed;
            }
            // 6710: "no remote configuration found", which the platform may send instead of empty data.
            if (config && code == NoConfiguration) return ErrorCode.OtaNoJob;
            if (!push && ((code != PushSuccess && code != ReplySuccess) || !success)) return ErrorCode.OtaRefused;
            if (problem != ErrorCode.Ok) return problem;
            if (!hasData || (job._versionLength == 0 && job._fileCount == 0 && _md5Length == 0)) return ErrorCode.OtaNoJob;
            return Complete(job, config ? ConfigModule : DefaultModule);
        }

        // The id as it stood: a string's characters, or a number's digits.
        private void CopyId(JsonReader json)
        {
            int n = json.TokenType == JsonTokenType.String ? json.CopyString(_id, 0, _id.Length)
                : json.TokenType == JsonTokenType.Number && json.ValueLength <= _id.Length ? json.ValueLength : -1;
            if (json.TokenType == JsonTokenType.Number && n > 0) Array.Copy(json.Buffer, json.ValueOffset, _id, 0, n);
            _idLength = n > 0 ? n : 0;
        }

        // The code is "1000" (a string) in a push and 200 (a number) in a reply; either form is accepted.
        private static int ReadCode(JsonReader json, out int code)
        {
            code = 0;
            if (!json.Read()) return ErrorCode.Malformed;
            return json.TryGetInt32FromNumberOrString(out code) == ErrorCode.Ok ? ErrorCode.Ok : ErrorCode.Malformed;
        }

        private int ReadData(JsonReader json, OtaJob job)
        {
            _md5At = _md5Length = 0;
            bool single = false;
            int problem = ErrorCode.Ok;
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                int rc;
                if (json.ValueEquals("version") || json.ValueEquals("configId")) rc = CopyText(json, job, out job._versionAt, out job._versionLength);
                else if (json.ValueEquals("getType")) rc = ReadGetType(json);
                else if (json.ValueEquals("module")) rc = CopyText(json, job, out job._moduleAt, out job._moduleLength);
                else if (json.ValueEquals("signMethod")) rc = ReadSignMethod(json, job);
                else if (json.ValueEquals("extData")) rc = CopyRaw(json, job, out job._extDataAt, out job._extDataLength);
                else if (json.ValueEquals("md5")) rc = CopyText(json, job, out _md5At, out _md5Length);
                else if (json.ValueEquals("files")) rc = ReadFiles(json, job);
                else if (json.ValueEquals("size") || json.ValueEquals("configSize"))
                {
                    single = true;
                    rc = ReadSize(json, out job._size[0]);
                }
                else if (json.ValueEquals("url"))
                {
                    single = true;
                    rc = CopyText(json, job, out job._urlAt[0], out job._urlLength[0]);
                }
                else if (json.ValueEquals("sign"))
                {
                    single = true;
                    rc = CopyText(json, job, out _signAt[0], out _signLength[0]);
                }
                else
                {
                    rc = json.Skip() ? ErrorCode.Ok : ErrorCode.Malformed;
                }
                if (json.Error != ErrorCode.Ok) return ErrorCode.Malformed;
                if (problem == ErrorCode.Ok) problem = rc;
            }
            if (json.Error != ErrorCode.Ok) return ErrorCode.Malformed;
            if (single && job._fileCount == 0)
            {
                job._fileCount = 1;
                job._nameAt[0] = job._nameLength[0] = 0;
                if (_signLength[0] == 0)
                {
                    _signAt[0] = _md5At;
                    _signLength[0] = _md5Length;
                }
            }
            return problem;
        }

        private int ReadFiles(JsonReader json, OtaJob job)
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartArray) return ErrorCode.Malformed;
            int problem = ErrorCode.Ok;
            while (json.Read() && json.TokenType == JsonTokenType.StartObject)
            {
                int i = job._fileCount;
                if (i == job.MaxFiles)
                {
                    if (problem == ErrorCode.Ok) problem = ErrorCode.BufferTooSmall;
                    if (!json.Skip()) return ErrorCode.Malformed;
                    continue;
                }
                job._fileCount++;
                job._nameLength[i] = job._urlLength[i] = _signLength[i] = 0;
                job._size[i] = 0;
                while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
                {
                    int rc;
                    if (json.ValueEquals("fileName")) rc = CopyText(json, job, out job._nameAt[i], out job._nameLength[i]);
                    else if (json.ValueEquals("fileSize")) rc = ReadSize(json, out job._size[i]);
                    else if (json.ValueEquals("fileUrl")) rc = CopyText(json, job, out job._urlAt[i], out job._urlLength[i]);
                    else if (json.ValueEquals("fileSign")) rc = CopyText(json, job, out _signAt[i], out _signLength[i]);
                    else rc = json.Skip() ? ErrorCode.Ok : ErrorCode.Malformed;
                    if (json.Error != ErrorCode.Ok) return ErrorCode.Malformed;
                    if (problem == ErrorCode.Ok) problem = rc;
                }
            }
            return json.Error == ErrorCode.Ok && json.TokenType == JsonTokenType.EndArray ? problem : ErrorCode.Malformed;
        }

        // A configuration given inline ("content") is not a file to download.
        private static int ReadGetType(JsonReader json)
        {
            if (!json.Read() || json.TokenType != JsonTokenType.String) return ErrorCode.Malformed;
            return json.ValueEquals("file") ? ErrorCode.Ok : ErrorCode.MissingField;
        }

        // Checks what the whole job needs and decodes the digests, now that the sign method is known.
        private int Complete(OtaJob job, string defaultModule)
        {
            if (job._versionLength == 0 || job._fileCount == 0) return ErrorCode.MissingField;
            if (job._moduleLength == 0)
            {
                int n = Utf8Copy(defaultModule, job);
                if (n < 0) return n;
                job._moduleAt = job._textUsed - n;
                job._moduleLength = n;
            }
            if (job._signMethod == OtaSignMethod.None) job._signMethod = OtaSignMethod.Md5;   // the platform's default
            int hexLength = 2 * job.DigestLength;
            for (int i = 0; i < job._fileCount; i++)
            {
                if (job._size[i] <= 0 || !IsHttps(job, i) || _signLength[i] != hexLength) return ErrorCode.MissingField;
                if (Hex.Decode(job._text, _signAt[i], hexLength, job._digest[i], 0) != job.DigestLength) return ErrorCode.MissingField;
            }
            return ErrorCode.Ok;
        }

        private static bool IsHttps(OtaJob job, int i)
        {
            const string Scheme = "https://";
            int length = job._urlLength[i];
            return length > Scheme.Length && Utf8.Equals(job._text, job._urlAt[i], Scheme.Length, Scheme);
        }

        private static int ReadSignMethod(JsonReader json, OtaJob job)
        {
            if (!json.Read() || json.TokenType != JsonTokenType.String) return ErrorCode.Malformed;
            // The platform writes "Md5", "MD5", "SHA256" and "Sha256".
            if (json.ValueEquals("Md5") || json.ValueEquals("MD5") || json.ValueEquals("md5")) job._signMethod = OtaSignMethod.Md5;
            else if (json.ValueEquals("SHA256") || json.ValueEquals("Sha256") || json.ValueEquals("sha256")) job._signMethod = OtaSignMethod.Sha256;
            else return ErrorCode.MissingField;
            return ErrorCode.Ok;
        }

        private static int ReadSize(JsonReader json, out long size)
        {
            size = 0;
            if (!json.Read()) return ErrorCode.Malformed;
            return json.TryGetInt64FromNumberOrString(out size) == ErrorCode.Ok ? ErrorCode.Ok : ErrorCode.Malformed;
        }

        // Copies the current string value into the job's text.
        private static int CopyText(JsonReader json, OtaJob job, out int at, out int length)
        {
            at = length = 0;
            if (!json.Read() || json.TokenType != JsonTokenType.String) return ErrorCode.Malformed;
            int n = json.CopyString(job._text, job._textUsed, job._text.Length - job._textUsed);
            if (n < 0) return n;
            at = job._textUsed;
            length = n;
            job._textUsed += n;
            return ErrorCode.Ok;
        }

        // Copies the current value's JSON text as it stands (extData is an object the application reads itself).
        private static int CopyRaw(JsonReader json, OtaJob job, out int at, out int length)
        {
            at = length = 0;
            if (!json.Read()) return ErrorCode.Malformed;
            int start = json.ValueOffset - (json.TokenType == JsonTokenType.String ? 1 : 0);
            if (!json.Skip()) return ErrorCode.Malformed;
            int end = json.ValueOffset + json.ValueLength + (json.TokenType == JsonTokenType.String ? 1 : 0);
            int n = end - start;
            if (n > job._text.Length - job._textUsed) return ErrorCode.BufferTooSmall;
            Array.Copy(json.Buffer, start, job._text, job._textUsed, n);
            at = job._textUsed;
            length = n;
            job._textUsed += n;
            return ErrorCode.Ok;
        }

        private static int Utf8Copy(string text, OtaJob job)
        {
            int n = Utf8.Encode(text, job._text, job._textUsed, job._text.Length - job._textUsed);
            if (n < 0) return n;
            job._textUsed += n;
            return n;
        }
    }
}
