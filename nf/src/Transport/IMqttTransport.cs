namespace LinkKit.Nano.Transport
{
    /// <summary>
    /// One MQTT 3.1/3.1.1 connection at a time, as the client needs it: the seam between the portable client and
    /// an MQTT library (M2Mqtt on the device, MQTTnet on the host, a recording fake in tests).
    /// </summary>
    /// <remarks>
    /// The client calls <see cref="Connect"/>, <see cref="Disconnect"/> and <see cref="Close"/> from its connection
    /// thread only, and publish/subscribe/unsubscribe from any thread (one call at a time: it holds its lock).
    /// Topics reaching the transport are already validated by the client: a transport may assume a publish topic
    /// has no wildcard and every filter is well-formed. No method may keep the arrays it is given after it returns.
    /// Methods report failures by return value; an exception escaping a transport is treated as a transport failure.
    /// </remarks>
    public interface IMqttTransport
    {
        /// <summary>
        /// Opens the network connection (TCP, or TLS trusting only <see cref="MqttConnectRequest.CaCertificatesPem"/>),
        /// sends CONNECT and waits for CONNACK. Blocks until then or until the transport's own connect timeout.
        /// </summary>
        /// <param name="request">Connection parameters; read during the call only.</param>
        /// <param name="sink">Receives this connection's events until the next <see cref="Connect"/> or <see cref="Close"/>.</param>
        /// <param name="sessionPresent">The CONNACK session-present flag (false if the transport cannot tell).</param>
        /// <returns>
        /// <see cref="ConnectResult.Accepted"/>; the CONNACK refusal code (1-5); or <see cref="ConnectResult.TlsFailure"/>,
        /// <see cref="ConnectResult.Timeout"/>, <see cref="ConnectResult.NetworkError"/> or <see cref="ConnectResult.InvalidParameter"/>
        /// when no CONNACK was received. Only after <see cref="ConnectResult.Accepted"/> is the transport connected.
        /// </returns>
        int Connect(MqttConnectRequest request, IMqttTransportSink sink, out bool sessionPresent);

        /// <summary>Queues a PUBLISH (retain off).</summary>
        /// <returns>The message id (&gt; 0) that <see cref="IMqttTransportSink.OnPublishCompleted"/> will report for QoS 1; a negative <see cref="ErrorCode"/> if nothing was queued.</returns>
        int Publish(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos);

        /// <summary>Queues one SUBSCRIBE for the first <paramref name="count"/> filters.</summary>
        /// <returns>The message id (&gt; 0) its SUBACK will report; a negative <see cref="ErrorCode"/> if nothing was queued.</returns>
        int Subscribe(string[] topicFilters, int[] qos, int count);

        /// <summary>Queues one UNSUBSCRIBE for the first <paramref name="count"/> filters.</summary>
        /// <returns>The message id (&gt; 0) its UNSUBACK will report; a negative <see cref="ErrorCode"/> if nothing was queued.</returns>
        int Unsubscribe(string[] topicFilters, int count);

        /// <summary>Sends DISCONNECT (best effort) and closes the connection. Reports no connection loss.</summary>
        void Disconnect();

        /// <summary>Closes the connection without DISCONNECT, releasing everything a connect attempt left. Reports no connection loss. Safe to call when not connected.</summary>
        void Close();
    }
}
