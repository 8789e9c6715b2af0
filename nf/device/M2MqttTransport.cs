using System;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using LinkKit.Nano.Text;
using LinkKit.Nano.Transport;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;

namespace LinkKit.Nano
{
    /// <summary>
    /// <see cref="IMqttTransport"/> on nanoFramework.M2Mqtt (docs/nanoframework.md, M2Mqtt), the device transport.
    /// A thin adapter: every decision (what to subscribe, when to retry, topic checks) is the portable client's.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>A new <c>MqttClient</c> per connect attempt: its constructor resolves DNS once and caches the address, so
    /// only a fresh instance follows a changed address; the constructor throws on a DNS failure.</item>
    /// <item>TLS 1.2 with the request's CA bundle (parsed once and reused while the PEM is the same string). The native
    /// TLS stack also trusts the CA certificates stored on the device, and, with no client certificate given, presents
    /// the device certificate stored there, if any.
    /// <c>X509Certificate(string)</c> appends the NUL mbedTLS needs to parse a PEM.</item>
    /// <item>Topics arrive validated (M2Mqtt checks them only on its send thread and drops the connection on a bad one).</item>
    /// <item>Allocation: M2Mqtt publishes from a whole <c>byte[]</c> it keeps by reference until sent (QoS 0) or
    /// acknowledged (QoS 1), and takes the topic as a string, so each publish copies the payload into a fresh array
    /// and builds the topic string. That, and M2Mqtt's own per-message objects, are M2Mqtt's price; the client above
    /// allocates nothing. Received topics are encoded into one reused buffer (M2Mqtt raises events on one thread).</item>
    /// <item>QoS 0 publishes are not reported (M2Mqtt raises no event for them). The session-present flag is reported
    /// as false (M2Mqtt's Connect returns only the reason code); with the default clean session it is always false.</item>
    /// </list>
    /// Needs an M2Mqtt release from July 2026 or later (reconnect, timing and leak fixes; nf/packages.config pins it).
    /// </remarks>
    public sealed class M2MqttTransport : IMqttTransport
    {
        private static readonly byte[] s_empty = new byte[0];

        private readonly object _lock = new object();
        private MqttClient _client;
        private IMqttTransportSink _sink;
        private string _caPem;
        private X509Certificate _caCertificate;
        private byte[] _topicBuffer = new byte[256];
        private bool _closedDuringConnect;

        /// <inheritdoc/>
        public int Connect(MqttConnectRequest request, IMqttTransportSink sink, out bool sessionPresent)
        {
            sessionPresent = false;
            Close();

            MqttClient client = null; // a store between Close() and the try: nanoCLR would run this try's catch for Close's exception
            try
            {
                X509Certificate ca = request.UseTls ? GetCaCertificate(request.CaCertificatesPem) : null;
                client = new MqttClient(request.Host, request.Port, request.UseTls, ca, null,
                    request.UseTls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            }
            catch (Exception)
            {
                return ConnectResult.NetworkError; // DNS lookup failed (it runs in the constructor)
            }

            client.ProtocolVersion = request.Protocol == MqttProtocol.Mqtt31 ? MqttProtocolVersion.Version_3_1 : MqttProtocolVersion.Version_3_1_1;
            client.MqttMsgPublishReceived += OnPublishReceived;
            client.MqttMsgPublished += OnPublished;
            client.MqttMsgSubscribed += OnSubscribed;
            client.MqttMsgUnsubscribed += OnUnsubscribed;
            client.ConnectionClosed += OnConnectionClosed;
            lock (_lock)
            {
                _client = client;
                _sink = sink;
            }

            int result;
            _closedDuringConnect = false;
            long started = DateTime.UtcNow.Ticks;
            try
            {
                MqttReasonCode code = client.Connect(request.ClientId, request.Username, request.Password,
                    false, MqttQoSLevel.AtMostOnce, false, null, null, request.CleanSession, (ushort)request.KeepAliveSeconds);
                result = (int)code; // compare numerically: several MqttReasonCode names share a value
            }
            catch (MqttCommunicationException)
            {
                // No CONNACK: M2Mqtt's 30 s wait ran out, or the broker closed the link or the CONNECT send failed first.
                result = ConnectFailures.FromMissingConnack((DateTime.UtcNow.Ticks - started) / TimeSpan.TicksPerMillisecond,
                    MqttSettings.DefaultTimeout, _closedDuringConnect);
            }
            catch (MqttConnectionException e)
            {
                // Opening the link failed. Older firmware reports a failed TLS handshake as a SocketException too.
                SocketException socket = e.InnerException as SocketException;
                result = socket != null ? ConnectFailures.FromSocketError(socket.ErrorCode, request.UseTls)
                    : request.UseTls ? ConnectResult.TlsFailure : ConnectResult.NetworkError;
            }
            catch (Exception)
            {
                result = ConnectResult.NetworkError;
            }

            if (result != ConnectResult.Accepted) Close();
            return result;
        }

        /// <inheritdoc/>
        public int Publish(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            MqttClient client = ConnectedClient();
            if (client == null) return ErrorCode.NotConnected;
            byte[] message = new byte[payloadCount]; // M2Mqtt keeps the array until sent or acknowledged
            Array.Copy(payload, payloadOffset, message, 0, payloadCount);
            try
            {
                return client.Publish(Utf8.GetString(topic, topicOffset, topicCount), message, null, null,
                    qos == 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce, false);
            }
            catch (Exception)
            {
                return ErrorCode.TransportFailed;
            }
        }

        /// <inheritdoc/>
        public int Subscribe(string[] topicFilters, int[] qos, int count)
        {
            MqttClient client = ConnectedClient();
            if (client == null) return ErrorCode.NotConnected;
            string[] topics = new string[count];
            MqttQoSLevel[] levels = new MqttQoSLevel[count];
            for (int i = 0; i < count; i++)
            {
                topics[i] = topicFilters[i];
                levels[i] = qos[i] == 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce;
            }

            try
            {
                return client.Subscribe(topics, levels);
            }
            catch (Exception)
            {
                return ErrorCode.TransportFailed;
            }
        }

        /// <inheritdoc/>
        public int Unsubscribe(string[] topicFilters, int count)
        {
            MqttClient client = ConnectedClient();
            if (client == null) return ErrorCode.NotConnected;
            string[] topics = new string[count];
            for (int i = 0; i < count; i++) topics[i] = topicFilters[i];
            try
            {
                return client.Unsubscribe(topics);
            }
            catch (Exception)
            {
                return ErrorCode.TransportFailed;
            }
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            MqttClient client = Detach();
            if (client == null) return;
            try
            {
                client.Disconnect(); // throws if the link is already dead
            }
            catch (Exception)
            {
                // nothing left to tell the broker
            }

            CloseQuietly(client);
        }

        /// <inheritdoc/>
        public void Close()
        {
            MqttClient client = Detach();
            if (client != null) CloseQuietly(client);
        }

        private X509Certificate GetCaCertificate(string pem)
        {
            if (_caCertificate == null || !ReferenceEquals(pem, _caPem))
            {
                _caCertificate = new X509Certificate(pem);
                _caPem = pem;
            }

            return _caCertificate;
        }

        private MqttClient ConnectedClient()
        {
            lock (_lock)
            {
                return _client != null && _client.IsConnected ? _client : null;
            }
        }

        private MqttClient Detach()
        {
            lock (_lock)
            {
                MqttClient client = _client;
                _client = null;
                _sink = null;
                return client;
            }
        }

        /// <summary>The sink if <paramref name="sender"/> is the live client; null for a detached or replaced one.</summary>
        private IMqttTransportSink SinkFor(object sender)
        {
            lock (_lock)
            {
                return sender == _client ? _sink : null;
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            IMqttTransportSink sink = SinkFor(sender);
            if (sink == null) return;
            string topic = e.Topic;
            int topicCount = Utf8.GetByteCount(topic);
            if (topicCount < 0) return; // not encodable (a lone surrogate): no valid MQTT topic looks like that
            if (_topicBuffer.Length < topicCount) _topicBuffer = new byte[topicCount];
            Utf8.Encode(topic, _topicBuffer, 0, _topicBuffer.Length);
            byte[] message = e.Message == null ? s_empty : e.Message;
            sink.OnMessageReceived(_topicBuffer, 0, topicCount, message, 0, message.Length, (int)e.QosLevel);
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            IMqttTransportSink sink = SinkFor(sender);
            if (sink != null) sink.OnPublishCompleted(e.MessageId, e.IsPublished);
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            IMqttTransportSink sink = SinkFor(sender);
            if (sink == null) return;
            MqttQoSLevel[] levels = e.GrantedQoSLevels;
            int count = levels == null ? 0 : levels.Length;
            byte[] granted = new byte[count];
            for (int i = 0; i < count; i++) granted[i] = (byte)levels[i]; // 0, 1 or 0x80 (GrantedFailure)
            sink.OnSubscribeAcknowledged(e.MessageId, granted, count);
        }

        private void OnUnsubscribed(object sender, MqttMsgUnsubscribedEventArgs e)
        {
            IMqttTransportSink sink = SinkFor(sender);
            if (sink != null) sink.OnUnsubscribeAcknowledged(e.MessageId);
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            // Raised on M2Mqtt's dispatcher thread after it closed the link itself (broker gone, keep-alive timeout).
            _closedDuringConnect = true;
            IMqttTransportSink sink = SinkFor(sender);
            if (sink != null) sink.OnConnectionLost();
        }

        private static void CloseQuietly(MqttClient client)
        {
            try
            {
                client.Close();
            }
            catch (Exception)
            {
                // M2Mqtt's Close already swallows its own errors; this guards older releases.
            }
        }
    }
}
