using System;
using LinkKit.Nano.Json;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>What a shadow downlink (<c>/shadow/get/{pk}/{dn}</c>) is.</summary>
    public enum ShadowMethod
    {
        /// <summary>Any other method, or none.</summary>
        Other = 0,

        /// <summary>"reply": the answer to an update or a get.</summary>
        Reply = 1,

        /// <summary>"control": the cloud pushes a new desired state.</summary>
        Control = 2,
    }

    /// <summary>
    /// A shadow downlink read in place: Python's <c>on_thing_shadow_get(payload)</c> without the dictionary. Lent to
    /// the shadow handler: valid only during the call.
    /// </summary>
    /// <remarks>
    /// Shapes: <c>{"method":"reply","payload":{"status":"success","version":1},"timestamp":1700000001}</c>;
    /// a get reply or a control push adds <c>payload.state</c> (<c>reported</c>/<c>desired</c>) and
    /// <c>payload.metadata</c>; a refusal has <c>payload.status</c> "error" and <c>payload.content.errorcode</c>.
    /// The version may be at the top level or in <c>payload</c> (the top level wins).
    /// </remarks>
    public sealed class ShadowDocument
    {
        private readonly JsonReader _reader = new JsonReader();
        private byte[] _buffer;
        private int _start;
        private int _count;
        private int _stateStart = -1;
        private int _stateEnd;
        private int _metadataStart = -1;
        private int _metadataEnd;

        // Fields behind get-only properties rather than { get; private set; }: an auto-property's setter method and
        // its "<Name>k__BackingField" name cost the device assembly about 50 bytes each.
        private ShadowMethod _method;
        private bool _isSuccess;
        private bool _hasVersion;
        private long _version;
        private bool _hasTimestamp;
        private long _timestamp;
        private int _contentErrorCode;

        /// <summary>The document's method.</summary>
        public ShadowMethod Method
        {
            get { return _method; }
        }

        /// <summary>True when <c>payload.status</c> is "success".</summary>
        public bool IsSuccess
        {
            get { return _isSuccess; }
        }

        /// <summary>True when the document gives a version.</summary>
        public bool HasVersion
        {
            get { return _hasVersion; }
        }

        /// <summary>The shadow version (0 without one).</summary>
        public long Version
        {
            get { return _version; }
        }

        /// <summary>True when the document gives a timestamp.</summary>
        public bool HasTimestamp
        {
            get { return _hasTimestamp; }
        }

        /// <summary>The cloud's timestamp (seconds, 0 without one).</summary>
        public long Timestamp
        {
            get { return _timestamp; }
        }

        /// <summary>For a refusal, <c>payload.content.errorcode</c> (e.g. 409 for a version conflict); 0 otherwise.</summary>
        public int ContentErrorCode
        {
            get { return _contentErrorCode; }
        }

        /// <summary>True when the document carries <c>payload.state</c>.</summary>
        public bool HasState
        {
            get { return _stateStart >= 0; }
        }

        /// <summary>A reader standing on <c>payload.state</c>'s StartObject (use MoveToProperty("desired")), or null. Lent; reset on each access.</summary>
        public JsonReader State
        {
            get { return Lend(_stateStart, _stateEnd); }
        }

        /// <summary>A reader standing on <c>payload.metadata</c>'s StartObject, or null. Lent; reset on each access.</summary>
        public JsonReader Metadata
        {
            get { return Lend(_metadataStart, _metadataEnd); }
        }

        /// <summary>A reader standing on the whole document's StartObject. Lent; reset on each access.</summary>
        public JsonReader Document
        {
            get { return Lend(_start, _start + _count); }
        }

        internal byte[] Buffer
        {
            get { return _buffer; }
        }

        internal int StateStart
        {
            get { return _stateStart; }
        }

        internal int StateEnd
        {
            get { return _stateEnd; }
        }

        internal int MetadataStart
        {
            get { return _metadataStart; }
        }

        internal int MetadataEnd
        {
            get { return _metadataEnd; }
        }

        /// <summary>Reads a shadow downlink (any key order; unknown keys ignored). Keeps a reference to the buffer.</summary>
        /// <returns><see cref="ErrorCode.Ok"/>, or <see cref="ErrorCode.Malformed"/> (bad JSON, not an object, mistyped fields).</returns>
        public int Parse(byte[] payload, int offset, int count)
        {
            Internal.BufferArgs.Check(payload, offset, count);
            Clear();
            _buffer = payload;
            _start = offset;
            _count = count;
            JsonReader r = _reader;
            r.Reset(payload, offset, count);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return ErrorCode.Malformed;
            bool topVersion = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                bool ok;
                if (r.ValueEquals("method"))
                {
                    ok = r.Read() && r.TokenType == JsonTokenType.String;
                    if (ok) _method = r.ValueEquals("reply") ? ShadowMethod.Reply : r.ValueEquals("control") ? ShadowMethod.Control : ShadowMethod.Other;
                }
                else if (r.ValueEquals("payload"))
                {
                    ok = r.Read() && r.TokenType == JsonTokenType.StartObject && ReadPayload(r, topVersion);
                }
                else if (r.ValueEquals("version"))
                {
                    long version;
                    ok = ReadInt64(r, out version);
                    if (ok)
                    {
                        _version = version;
                        _hasVersion = topVersion = true;
                    }
                }
                else if (r.ValueEquals("timestamp"))
                {
                    long timestamp;
                    ok = ReadInt64(r, out timestamp);
                    if (ok)
                    {
                        _timestamp = timestamp;
                        _hasTimestamp = true;
                    }
                }
                else
                {
                    ok = r.Skip();
                }

                if (!ok) return ErrorCode.Malformed;
            }

            if (r.Error != ErrorCode.Ok || r.Read() || r.Error != ErrorCode.Ok) return ErrorCode.Malformed;
            return ErrorCode.Ok;
        }

        /// <summary>Forgets the payload (after the handler returned).</summary>
        internal void Clear()
        {
            _buffer = null;
            _stateStart = -1;
            _metadataStart = -1;
            _method = ShadowMethod.Other;
            _isSuccess = false;
            _hasVersion = false;
            _version = 0;
            _hasTimestamp = false;
            _timestamp = 0;
            _contentErrorCode = 0;
        }

        /// <summary>Reads the payload object's members (the reader stands on its StartObject) through its EndObject.</summary>
        private bool ReadPayload(JsonReader r, bool topVersion)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                bool ok;
                if (r.ValueEquals("status"))
                {
                    ok = r.Read() && r.TokenType == JsonTokenType.String;
                    _isSuccess = ok && r.ValueEquals("success");
                }
                else if (r.ValueEquals("version"))
                {
                    long version;
                    ok = ReadInt64(r, out version);
                    if (ok && !topVersion)
                    {
                        _version = version;
                        _hasVersion = true;
                    }
                }
                else if (r.ValueEquals("timestamp") && !HasTimestamp)
                {
                    long timestamp;
                    ok = ReadInt64(r, out timestamp);
                    if (ok)
                    {
                        _timestamp = timestamp;
                        _hasTimestamp = true;
                    }
                }
                else if (r.ValueEquals("state"))
                {
                    ok = JsonSlice.ReadValue(r, out _stateStart, out _stateEnd) && r.TokenType == JsonTokenType.EndObject;
                }
                else if (r.ValueEquals("metadata"))
                {
                    ok = JsonSlice.ReadValue(r, out _metadataStart, out _metadataEnd) && r.TokenType == JsonTokenType.EndObject;
                }
                else if (r.ValueEquals("content"))
                {
                    ok = r.Read() && r.TokenType == JsonTokenType.StartObject && ReadContent(r);
                }
                else
                {
                    ok = r.Skip();
                }

                if (!ok) return false;
            }

            return r.TokenType == JsonTokenType.EndObject;
        }

        /// <summary>Reads <c>content</c> of a refusal: <c>errorcode</c> is a string ("409") or a number.</summary>
        private bool ReadContent(JsonReader r)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueEquals("errorcode"))
                {
                    long code;
                    if (!r.Read()) return false;
                    if (JsonSlice.ReadId(r, out code) == ErrorCode.Ok && code >= int.MinValue && code <= int.MaxValue) _contentErrorCode = (int)code;
                }
                else if (!r.Skip())
                {
                    return false;
                }
            }

            return r.TokenType == JsonTokenType.EndObject;
        }

        private static bool ReadInt64(JsonReader r, out long value)
        {
            value = 0;
            return r.Read() && r.TryGetInt64(out value) == ErrorCode.Ok;
        }

        private JsonReader Lend(int start, int end)
        {
            if (start < 0 || _buffer == null) return null;
            _reader.Reset(_buffer, start, end - start);
            _reader.Read();
            return _reader;
        }
    }
}
