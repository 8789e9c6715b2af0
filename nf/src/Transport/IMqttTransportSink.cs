namespace LinkKit.Nano.Transport
{
    /// <summary>
    /// What an <see cref="IMqttTransport"/> reports back to the client. The client passes a sink to every
    /// <see cref="IMqttTransport.Connect"/>; the transport calls it from its own threads for that connection only.
    /// Buffers handed to the sink are lent: valid only during the call.
    /// </summary>
    public interface IMqttTransportSink
    {
        /// <summary>A PUBLISH arrived. Topic and payload are lent (valid only during the call).</summary>
        void OnMessageReceived(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos);

        /// <summary>
        /// A QoS 1 publish finished: <paramref name="acknowledged"/> is true when its PUBACK arrived, false when the
        /// transport gave up on it. Transports do not report QoS 0 publishes.
        /// </summary>
        void OnPublishCompleted(int messageId, bool acknowledged);

        /// <summary>A SUBACK arrived: one granted QoS per requested filter (0, 1, or 0x80 = refused); the array is lent.</summary>
        void OnSubscribeAcknowledged(int messageId, byte[] grantedQos, int count);

        /// <summary>An UNSUBACK arrived.</summary>
        void OnUnsubscribeAcknowledged(int messageId);

        /// <summary>The connection ended without the client asking for it (network error, broker closed it, keep-alive timeout).</summary>
        void OnConnectionLost();
    }
}
