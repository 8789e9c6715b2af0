namespace LinkKit.Nano
{
    /// <summary>
    /// A broadcast to this device on <c>/sys/{pk}/{dn}/broadcast/request/{messageId}</c>, which the platform delivers
    /// without a subscription. Lent to the <see cref="LinkKitClient.BroadcastReceived"/> handler: valid only during the
    /// call. The topic views hold the whole topic; the payload is the cloud's bytes as sent (not necessarily JSON).
    /// </summary>
    public sealed class BroadcastMessage : TopicMessage
    {
        private long _messageId;

        internal BroadcastMessage()
        {
        }

        /// <summary>The broadcast's message id: the topic's last level when it is a decimal number, else -1 (read it from the topic).</summary>
        public long MessageId
        {
            get { return _messageId; }
        }

        internal void Set(long messageId, byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            _messageId = messageId;
            Set(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
        }
    }
}
