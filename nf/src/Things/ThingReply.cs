using System;
using LinkKit.Nano.Json;
using LinkKit.Nano.Text;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>
    /// The cloud's reply to a device request (property post, event post, tags update or delete), or the timeout
    /// that replaced it: Python's <c>(request_id, code, data, message)</c>. Lent to reply handlers: valid only during
    /// the call; the same instance is reused.
    /// </summary>
    /// <remarks>
    /// <c>data</c> and <c>message</c> are optional: a reply without them is still delivered (Python drops it).
    /// Read them in place with <see cref="Data"/>, <see cref="MessageEquals"/> or <see cref="CopyMessage"/>.
    /// </remarks>
    public sealed class ThingReply
    {
        private long _requestId;
        private int _code;

        private readonly AlinkEnvelope _envelope; // parses; its reader then reads the message
        private readonly JsonReader _dataReader = new JsonReader();   // lent to the application
        private byte[] _buffer;
        private int _dataStart = -1;
        private int _dataEnd;
        private int _messageStart = -1;
        private int _messageEnd;
        private byte[] _identifier;
        private int _identifierOffset;
        private int _identifierCount;

        /// <summary>A reply with an envelope reader of its own.</summary>
        public ThingReply()
            : this(new AlinkEnvelope())
        {
        }

        /// <summary>A reply that parses with <paramref name="envelope"/>, shared with other readers of the same thread.</summary>
        internal ThingReply(AlinkEnvelope envelope)
        {
            _envelope = envelope;
        }

        /// <summary>The id of the request this answers (as the request methods returned it); -1 when the cloud's id is not one the SDK could have sent.</summary>
        public long RequestId
        {
            get { return _requestId; }
        }

        /// <summary>The platform's code (200 = success, e.g. 460 or 6304 for refusals), or <see cref="ErrorCode.RequestTimedOut"/> when no reply came in time.</summary>
        public int Code
        {
            get { return _code; }
        }

        /// <summary>True when this reports a timeout instead of a reply.</summary>
        public bool IsTimeout
        {
            get { return Code == ErrorCode.RequestTimedOut; }
        }

        /// <summary>True when the reply carries <c>data</c> (anything but null).</summary>
        public bool HasData
        {
            get { return _dataStart >= 0; }
        }

        /// <summary>True when the reply carries a <c>message</c> string.</summary>
        public bool HasMessage
        {
            get { return _messageStart >= 0; }
        }

        /// <summary>
        /// A reader over <c>data</c>, standing on its first token (e.g. StartObject); null without data. Lent: reset on
        /// every access.
        /// </summary>
        public JsonReader Data
        {
            get
            {
                if (_dataStart < 0) return null;
                _dataReader.Reset(_buffer, _dataStart, _dataEnd - _dataStart);
                _dataReader.Read();
                return _dataReader;
            }
        }

        /// <summary>True when the message equals <paramref name="text"/> (escapes decoded; no allocation). False without a message.</summary>
        public bool MessageEquals(string text)
        {
            if (text == null) throw new ArgumentNullException("text");
            return ReadMessage() && _envelope.Reader.ValueEquals(text);
        }

        /// <summary>Copies the message's UTF-8 bytes (escapes decoded) into the destination.</summary>
        /// <returns>The length; 0 without a message; <see cref="ErrorCode.BufferTooSmall"/> with nothing written.</returns>
        public int CopyMessage(byte[] destination, int offset, int count)
        {
            Internal.BufferArgs.Check(destination, offset, count);
            return ReadMessage() ? _envelope.Reader.CopyString(destination, offset, count) : 0;
        }

        /// <summary>The message as a new string (allocates), or null without one.</summary>
        public string GetMessage()
        {
            return ReadMessage() ? _envelope.Reader.GetString() : null;
        }

        /// <summary>For an event post reply, the event's identifier (no allocation); false for other replies.</summary>
        public bool IdentifierEquals(string identifier)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            return _identifier != null && Utf8.Equals(_identifier, _identifierOffset, _identifierCount, identifier);
        }

        /// <summary>For an event post reply, the event's identifier as a new string (allocates); null for other replies.</summary>
        public string GetIdentifier()
        {
            return _identifier == null ? null : Utf8.GetString(_identifier, _identifierOffset, _identifierCount);
        }

        /// <summary>
        /// Reads a reply payload, <c>{"code":200,"data":{},"id":"1","message":"success",…}</c>, keys in any order.
        /// <c>id</c> (decimal string or number) and <c>code</c> (number, or a string holding one) are required;
        /// other keys are ignored. Keeps a reference to the buffer.
        /// </summary>
        /// <returns><see cref="ErrorCode.Ok"/>, or <see cref="ErrorCode.Malformed"/> (bad JSON, missing or mistyped id or code).</returns>
        public int Parse(byte[] payload, int offset, int count)
        {
            Internal.BufferArgs.Check(payload, offset, count);
            Clear();
            _buffer = payload;
            AlinkEnvelope e = _envelope;
            if (e.Read(payload, offset, count, true) != ErrorCode.Ok || !e.HasId || !e.HasCode) return ErrorCode.Malformed;
            _requestId = e.Id > 0 && e.Id <= int.MaxValue ? e.Id : -1;
            _code = e.Code;
            _dataStart = e.DataStart;
            _dataEnd = e.DataEnd;
            _messageStart = e.MessageStart;
            _messageEnd = e.MessageEnd;
            return ErrorCode.Ok;
        }

        /// <summary>Makes this a timeout report for request <paramref name="requestId"/>.</summary>
        internal void SetTimeout(long requestId)
        {
            Clear();
            _requestId = requestId;
            _code = ErrorCode.RequestTimedOut;
        }

        /// <summary>Sets the event identifier (a view of the topic or the model's name bytes), or none.</summary>
        internal void SetIdentifier(byte[] buffer, int offset, int count)
        {
            _identifier = buffer;
            _identifierOffset = offset;
            _identifierCount = count;
        }

        /// <summary>Forgets the payload (after the handler returned).</summary>
        internal void Clear()
        {
            _buffer = null;
            _dataStart = -1;
            _messageStart = -1;
            _identifier = null;
            _requestId = -1;
            _code = 0;
        }

        private bool ReadMessage()
        {
            if (_messageStart < 0) return false;
            JsonReader r = _envelope.Reader;
            r.Reset(_buffer, _messageStart, _messageEnd - _messageStart);
            return r.Read();
        }
    }
}
