using System;
using LinkKit.Nano.Json;
using LinkKit.Nano.Text;

namespace LinkKit.Nano
{
    /// <summary>
    /// A service call from the cloud (Python's <c>on_thing_call_service(identifier, request_id, params)</c>),
    /// asynchronous (<c>/thing/service/{id}</c>) or synchronous (through RRPC). Lent to the
    /// <see cref="LinkKitClient.ServiceCalled"/> handler: valid only during the call; the same instance is reused.
    /// </summary>
    /// <remarks>
    /// Answer with <see cref="LinkKitClient.AnswerService(ServiceCall, int)"/> or
    /// <see cref="LinkKitClient.BeginServiceAnswer(ServiceCall, int)"/> inside the handler, or later with the
    /// identifier and <see cref="RequestId"/>; the SDK picks the reply topic (the RRPC topic for a synchronous call).
    /// </remarks>
    public sealed class ServiceCall
    {
        private long _requestId;
        private bool _isSync;
        private long _rrpcMessageId;
        private int _serviceIndex;

        private readonly JsonReader _reader = new JsonReader();
        private byte[] _topic;
        private int _identifierOffset;
        private int _identifierCount;
        private byte[] _payload;
        private int _paramsStart;
        private int _paramsEnd;

        internal ServiceCall()
        {
        }

        /// <summary>The call's Alink id (sent as a string or a number; both accepted).</summary>
        public long RequestId
        {
            get { return _requestId; }
        }

        /// <summary>True for a synchronous call (arrived on <c>/ext/rrpc/{messageId}/…</c>; the cloud waits up to 8 s).</summary>
        public bool IsSync
        {
            get { return _isSync; }
        }

        /// <summary>For a synchronous call, the RRPC message id from the topic; -1 otherwise.</summary>
        public long RrpcMessageId
        {
            get { return _rrpcMessageId; }
        }

        /// <summary>The service's index in the thing model, or -1 in custom-protocol mode (no model).</summary>
        internal int ServiceIndex
        {
            get { return _serviceIndex; }
        }

        /// <summary>A reader standing on the params object's StartObject (already checked against the model, when there is one). Lent; reset on each access.</summary>
        public JsonReader Parameters
        {
            get
            {
                _reader.Reset(_payload, _paramsStart, _paramsEnd - _paramsStart);
                _reader.Read();
                return _reader;
            }
        }

        /// <summary>True when the service identifier is <paramref name="identifier"/> (no allocation).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
        public bool IdentifierEquals(string identifier)
        {
            if (identifier == null) throw new ArgumentNullException("identifier");
            return Utf8.Equals(_topic, _identifierOffset, _identifierCount, identifier);
        }

        /// <summary>The service identifier as a new string (allocates).</summary>
        public string GetIdentifier()
        {
            return Utf8.GetString(_topic, _identifierOffset, _identifierCount);
        }

        internal byte[] IdentifierBuffer
        {
            get { return _topic; }
        }

        internal int IdentifierOffset
        {
            get { return _identifierOffset; }
        }

        internal int IdentifierCount
        {
            get { return _identifierCount; }
        }

        internal void Set(byte[] topic, int identifierOffset, int identifierCount, int serviceIndex, long requestId, bool isSync, long rrpcMessageId, byte[] payload, int paramsStart, int paramsEnd)
        {
            _topic = topic;
            _identifierOffset = identifierOffset;
            _identifierCount = identifierCount;
            _serviceIndex = serviceIndex;
            _requestId = requestId;
            _isSync = isSync;
            _rrpcMessageId = rrpcMessageId;
            _payload = payload;
            _paramsStart = paramsStart;
            _paramsEnd = paramsEnd;
        }

        internal void Clear()
        {
            _topic = null;
            _payload = null;
        }
    }
}
