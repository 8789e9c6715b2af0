using System;
using LinkKit.Nano.Text;

namespace LinkKit.Nano
{
    /// <summary>
    /// A received message, lent to <see cref="LinkKitClient.MessageReceived"/> handlers: topic and payload are views
    /// (buffer, offset, count) into buffers the SDK or the transport owns. Valid only during the handler call; the
    /// same instance is reused for the next message. Copy what you need to keep. <see cref="RrpcRequest"/> is one too.
    /// </summary>
    public class TopicMessage
    {
        private byte[] _topicBuffer;
        private int _topicOffset;
        private int _topicCount;
        private byte[] _payload;
        private int _payloadOffset;
        private int _payloadCount;
        private int _qos;

        internal TopicMessage() { }

        /// <summary>The buffer holding the topic as UTF-8.</summary>
        public byte[] TopicBuffer
        {
            get { return _topicBuffer; }
        }

        /// <summary>Where the topic starts in <see cref="TopicBuffer"/>.</summary>
        public int TopicOffset
        {
            get { return _topicOffset; }
        }

        /// <summary>The topic's length in bytes.</summary>
        public int TopicCount
        {
            get { return _topicCount; }
        }

        /// <summary>The buffer holding the payload.</summary>
        public byte[] Payload
        {
            get { return _payload; }
        }

        /// <summary>Where the payload starts in <see cref="Payload"/>.</summary>
        public int PayloadOffset
        {
            get { return _payloadOffset; }
        }

        /// <summary>The payload's length in bytes.</summary>
        public int PayloadCount
        {
            get { return _payloadCount; }
        }

        /// <summary>The QoS the message was delivered with (0 or 1).</summary>
        public int Qos
        {
            get { return _qos; }
        }

        /// <summary>True when the topic is exactly <paramref name="topic"/> (compared as UTF-8 bytes, no allocation).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="topic"/> is null.</exception>
        public bool TopicEquals(string topic)
        {
            if (topic == null) throw new ArgumentNullException("topic");
            return Utf8.Equals(TopicBuffer, TopicOffset, TopicCount, topic);
        }

        /// <summary>The topic as a new string (allocates).</summary>
        public string GetTopic()
        {
            return Utf8.GetString(TopicBuffer, TopicOffset, TopicCount);
        }

        /// <summary>The payload decoded as UTF-8 into a new string (allocates).</summary>
        public string GetPayloadString()
        {
            return Utf8.GetString(Payload, PayloadOffset, PayloadCount);
        }

        internal void Set(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            _topicBuffer = topic;
            _topicOffset = topicOffset;
            _topicCount = topicCount;
            _payload = payload;
            _payloadOffset = payloadOffset;
            _payloadCount = payloadCount;
            _qos = qos;
        }

        internal void Clear()
        {
            Set(null, 0, 0, null, 0, 0, 0);
        }
    }
}
