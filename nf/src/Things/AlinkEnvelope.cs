using LinkKit.Nano.Json;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// Reads the envelope of an Alink message in place: a reply <c>{"code":200,"data":{},"id":"1","message":"success",…}</c>
    /// or a request <c>{"id":"1","version":"1.0","params":{…},"method":"…"}</c>, keys in any order, unknown keys skipped.
    /// The one loop behind <see cref="ThingReply.Parse"/> and the thing layer's reading of property sets and service calls.
    /// </summary>
    internal sealed class AlinkEnvelope
    {
        private readonly JsonReader _reader = new JsonReader();

        /// <summary>The reader used to parse; callers may reuse it for the payload just read.</summary>
        public JsonReader Reader { get { return _reader; } }

        /// <summary>The id (a decimal string or number; may be negative); valid when <see cref="HasId"/>.</summary>
        public long Id;

        public bool HasId;

        /// <summary>The reply code (a number, or a string holding one); valid when <see cref="HasCode"/>.</summary>
        public int Code;

        public bool HasCode;

        /// <summary>A request's <c>params</c> object: its first and past-the-last byte; -1 when absent or not an object.</summary>
        public int ParamsStart;

        public int ParamsEnd;

        /// <summary>A reply's <c>data</c> (anything but null); -1 when absent.</summary>
        public int DataStart;

        public int DataEnd;

        /// <summary>A reply's <c>message</c> string token; -1 when absent or not a string.</summary>
        public int MessageStart;

        public int MessageEnd;

        /// <summary>Reads a reply (<paramref name="isReply"/>: id, code, data, message) or a request (id, params).</summary>
        /// <returns><see cref="ErrorCode.Ok"/>, or <see cref="ErrorCode.Malformed"/> for bad JSON or a mistyped id or code. Presence is the caller's to check.</returns>
        public int Read(byte[] payload, int offset, int count, bool isReply)
        {
            Id = -1;
            HasId = HasCode = false;
            Code = 0;
            ParamsStart = DataStart = MessageStart = -1;
            ParamsEnd = DataEnd = MessageEnd = -1;
            JsonReader r = _reader;
            r.Reset(payload, offset, count);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return ErrorCode.Malformed;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                int start, end;
                if (r.ValueEquals("id"))
                {
                    long id;
                    if (!r.Read() || JsonSlice.ReadId(r, out id) != ErrorCode.Ok) return ErrorCode.Malformed;
                    Id = id;
                    HasId = true;
                }
                else if (isReply && r.ValueEquals("code"))
                {
                    int code;
                    if (!r.Read() || ReadCode(r, out code) != ErrorCode.Ok) return ErrorCode.Malformed;
                    Code = code;
                    HasCode = true;
                }
                else if (isReply && r.ValueEquals("data"))
                {
                    if (!JsonSlice.ReadValue(r, out start, out end)) return ErrorCode.Malformed;
                    if (r.TokenType != JsonTokenType.Null)
                    {
                        DataStart = start;
                        DataEnd = end;
                    }
                }
                else if (isReply && r.ValueEquals("message"))
                {
                    if (!JsonSlice.ReadValue(r, out start, out end)) return ErrorCode.Malformed;
                    if (r.TokenType == JsonTokenType.String)
                    {
                        MessageStart = start;
                        MessageEnd = end;
                    }
                }
                else if (!isReply && r.ValueEquals("params"))
                {
                    if (!JsonSlice.ReadValue(r, out start, out end)) return ErrorCode.Malformed;
                    if (r.TokenType == JsonTokenType.EndObject)
                    {
                        ParamsStart = start;
                        ParamsEnd = end;
                    }
                }
                else if (!r.Skip())
                {
                    return ErrorCode.Malformed;
                }
            }

            // On the closing brace: only whitespace may follow.
            if (r.Error != ErrorCode.Ok || r.Read() || r.Error != ErrorCode.Ok) return ErrorCode.Malformed;
            return ErrorCode.Ok;
        }

        private static int ReadCode(JsonReader r, out int code)
        {
            if (r.TokenType == JsonTokenType.Number) return r.TryGetInt32(out code);
            long wide;
            int rc = r.TryGetInt64FromString(out wide);
            code = rc == ErrorCode.Ok && wide >= int.MinValue && wide <= int.MaxValue ? (int)wide : 0;
            return rc == ErrorCode.Ok && (long)code == wide ? ErrorCode.Ok : ErrorCode.Malformed;
        }
    }
}
