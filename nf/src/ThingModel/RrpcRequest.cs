using System;
using LinkKit.Nano.Text;

namespace LinkKit.Nano
{
    /// <summary>
    /// An RRPC request (Python's <c>on_topic_rrpc_message(id, topic, payload, qos)</c>): a system RRPC on
    /// <c>/sys/{pk}/{dn}/rrpc/request/{messageId}</c> or a custom one on <c>/ext/rrpc/{messageId}/{topic}</c>.
    /// Lent to the <see cref="LinkKitClient.RrpcRequestReceived"/> handler: valid only during the call.
    /// </summary>
    /// <remarks>Answer with <see cref="LinkKitClient.AnswerRrpc"/> and <see cref="MessageId"/>, inside the handler or later (the cloud waits up to 8 s).</remarks>
    public sealed class RrpcRequest
    {
        internal RrpcRequest()
        {
        }

        /// <summary>The RRPC message id, taken from the topic.</summary>
        public long MessageId { get; private set; }

        /// <summary>True for a system RRPC (answered on <c>/sys/{pk}/{dn}/rrpc/response/{messageId}</c>), false for a custom one (answered on its own topic).</summary>
        public bool IsSystem { get; private set; }

        /// <summary>The buffer holding the request topic: the custom topic after <c>/ext/rrpc/{messageId}</c>, or the whole system RRPC topic.</summary>
        public byte[] TopicBuffer { get; private set; }

        /// <summary>Where the request topic starts in <see cref="TopicBuffer"/>.</summary>
        public int TopicOffset { get; private set; }

        /// <summary>The request topic's length in bytes.</summary>
        public int TopicCount { get; private set; }

        /// <summary>The buffer holding the payload (raw bytes, as sent).</summary>
        public byte[] Payload { get; private set; }

        /// <summary>Where the payload starts in <see cref="Payload"/>.</summary>
        public int PayloadOffset { get; private set; }

        /// <summary>The payload's length in bytes.</summary>
        public int PayloadCount { get; private set; }

        /// <summary>The QoS the request was delivered with.</summary>
        public int Qos { get; private set; }

        /// <summary>True when the request topic is <paramref name="topic"/>, e.g. "/a1TestPK001/dev-001/user/rrpc_demo" (no allocation).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="topic"/> is null.</exception>
        public bool TopicEquals(string topic)
        {
            if (topic == null) throw new ArgumentNullException("topic");
            return Utf8.Equals(TopicBuffer, TopicOffset, TopicCount, topic);
        }

        /// <summary>The request topic as a new string (allocates).</summary>
        public string GetTopic()
        {
            return Utf8.GetString(TopicBuffer, TopicOffset, TopicCount);
        }

        internal void Set(long messageId, bool isSystem, byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            MessageId = messageId;
            IsSystem = isSystem;
            TopicBuffer = topic;
            TopicOffset = topicOffset;
            TopicCount = topicCount;
            Payload = payload;
            PayloadOffset = payloadOffset;
            PayloadCount = payloadCount;
            Qos = qos;
        }

        internal void Clear()
        {
            Set(0, false, null, 0, 0, null, 0, 0, 0);
        }
    }
}
