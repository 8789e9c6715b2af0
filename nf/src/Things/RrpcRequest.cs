namespace LinkKit.Nano
{
    /// <summary>
    /// An RRPC request (Python's <c>on_topic_rrpc_message(id, topic, payload, qos)</c>): a system RRPC on
    /// <c>/sys/{pk}/{dn}/rrpc/request/{messageId}</c> or a custom one on <c>/ext/rrpc/{messageId}/{topic}</c>.
    /// Lent to the <see cref="LinkKitClient.RrpcRequestReceived"/> handler: valid only during the call.
    /// </summary>
    /// <remarks>Answer with <see cref="LinkKitClient.AnswerRrpc"/> and <see cref="MessageId"/>, inside the handler or later (the cloud waits up to 8 s).</remarks>
    public sealed class RrpcRequest : TopicMessage
    {
        private long _messageId;
        private bool _isSystem;

        internal RrpcRequest()
        {
        }

        /// <summary>The RRPC message id, taken from the topic.</summary>
        public long MessageId
        {
            get { return _messageId; }
        }

        /// <summary>True for a system RRPC (answered on <c>/sys/{pk}/{dn}/rrpc/response/{messageId}</c>), false for a custom one (answered on its own topic).</summary>
        /// <remarks>The topic views (<see cref="TopicMessage.TopicBuffer"/>…) hold the custom topic after <c>/ext/rrpc/{messageId}</c>, or the whole system RRPC topic.</remarks>
        public bool IsSystem
        {
            get { return _isSystem; }
        }

        internal void Set(long messageId, bool isSystem, byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            _messageId = messageId;
            _isSystem = isSystem;
            Set(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
        }
    }
}
