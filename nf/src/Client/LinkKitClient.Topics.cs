using System;
using System.Threading;
using LinkKit.Nano.Client;
using LinkKit.Nano.Internal;
using LinkKit.Nano.Text;
using LinkKit.Nano.Transport;

namespace LinkKit.Nano
{
    /// <summary>Handles <see cref="LinkKitClient.MessageReceived"/> (Python's <c>on_topic_message(topic, payload, qos)</c>).</summary>
    /// <param name="sender">The client.</param>
    /// <param name="message">The message, lent: valid only during the call.</param>
    public delegate void MessageReceivedHandler(LinkKitClient sender, TopicMessage message);

    /// <summary>Handles <see cref="LinkKitClient.Published"/> (Python's <c>on_publish_topic(mid)</c>).</summary>
    public delegate void PublishedHandler(LinkKitClient sender, int messageId);

    /// <summary>Handles <see cref="LinkKitClient.Subscribed"/> (Python's <c>on_subscribe_topic(mid, granted_qos)</c>).</summary>
    /// <param name="sender">The client.</param>
    /// <param name="messageId">The id Subscribe returned.</param>
    /// <param name="grantedQos">One entry per filter, in request order: 0, 1, or 0x80 (128) = refused. Lent: valid only during the call.</param>
    /// <param name="count">How many entries of <paramref name="grantedQos"/> are valid.</param>
    public delegate void SubscribedHandler(LinkKitClient sender, int messageId, byte[] grantedQos, int count);

    /// <summary>Handles <see cref="LinkKitClient.Unsubscribed"/> (Python's <c>on_unsubscribe_topic(mid)</c>).</summary>
    public delegate void UnsubscribedHandler(LinkKitClient sender, int messageId);

    public sealed partial class LinkKitClient
    {
        private readonly string[] _oneFilter = new string[1];
        private readonly int[] _oneQos = new int[1];

        /// <summary>Raised for every received PUBLISH, on the transport's thread. The message is lent.</summary>
        public event MessageReceivedHandler MessageReceived;

        /// <summary>Raised when a QoS 1 publish is acknowledged (PUBACK). QoS 0 publishes are not reported.</summary>
        public event PublishedHandler Published;

        /// <summary>Raised when the broker answers a Subscribe call (not for the SDK's own replay after a reconnect).</summary>
        public event SubscribedHandler Subscribed;

        /// <summary>Raised when the broker answers an Unsubscribe call.</summary>
        public event UnsubscribedHandler Unsubscribed;

        /// <summary>
        /// Publishes <paramref name="count"/> bytes of <paramref name="payload"/> to <paramref name="topic"/>
        /// (Python's <c>publish_topic</c>). The topic is encoded into the SDK's topic buffer: no allocation.
        /// </summary>
        /// <param name="topic">The topic name, e.g. from <see cref="ToFullTopic"/>; no wildcards.</param>
        /// <param name="payload">The payload bytes; may be null when <paramref name="count"/> is 0.</param>
        /// <param name="offset">Where the payload starts.</param>
        /// <param name="count">Payload length in bytes.</param>
        /// <param name="qos">0 or 1.</param>
        /// <param name="messageId">The id <see cref="Published"/> will report (QoS 1); 0 unless the call returns Ok.</param>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/> (queued for sending); <see cref="ErrorCode.NotConnected"/> while connecting or
        /// reconnecting; <see cref="ErrorCode.InvalidTopic"/>, <see cref="ErrorCode.TopicTooLong"/>,
        /// <see cref="ErrorCode.PayloadTooLarge"/>, <see cref="ErrorCode.InvalidQos"/>, <see cref="ErrorCode.InflightFull"/>
        /// or <see cref="ErrorCode.TransportFailed"/>. Nothing is sent unless Ok.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="topic"/> is null, or <paramref name="payload"/> is null with a non-zero count.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/>/<paramref name="count"/> outside <paramref name="payload"/>.</exception>
        /// <exception cref="LinkKitStateException">In Initialized, Disconnected, Destructing or Destructed.</exception>
        public int Publish(string topic, byte[] payload, int offset, int count, int qos, out int messageId)
        {
            messageId = 0;
            if (topic == null) throw new ArgumentNullException("topic");
            payload = CheckPayloadArguments(payload, offset, count);
            lock (_sendLock)
            {
                int written = Utf8.Encode(topic, _topicBuffer, 0, _topicBuffer.Length);
                if (written == ErrorCode.BufferTooSmall) return ErrorCode.TopicTooLong;
                if (written < 0) return ErrorCode.InvalidTopic; // a lone surrogate: not encodable as UTF-8
                return PublishSerialized(_topicBuffer, 0, written, payload, offset, count, qos, out messageId);
            }
        }

        /// <summary>
        /// Publishes to a topic the caller holds as UTF-8 bytes (e.g. precomputed once). Same rules and results as
        /// <see cref="Publish(string, byte[], int, int, int, out int)"/>.
        /// </summary>
        public int Publish(byte[] topic, int topicOffset, int topicCount, byte[] payload, int offset, int count, int qos, out int messageId)
        {
            messageId = 0;
            BufferArgs.Check(topic, topicOffset, topicCount, "topic");

            payload = CheckPayloadArguments(payload, offset, count);
            if (topicCount > _topicBuffer.Length) return ErrorCode.TopicTooLong;
            lock (_sendLock)
            {
                return PublishSerialized(topic, topicOffset, topicCount, payload, offset, count, qos, out messageId);
            }
        }

        /// <summary>Subscribes to one topic filter (Python's <c>subscribe_topic(topic, qos)</c>) and remembers it for reconnects.</summary>
        /// <param name="topicFilter">The filter; '+' and '#' allowed as whole levels.</param>
        /// <param name="qos">0 or 1.</param>
        /// <param name="messageId">The id <see cref="Subscribed"/> will report; 0 unless Ok.</param>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/> (SUBSCRIBE queued, filter remembered); <see cref="ErrorCode.NotConnected"/>;
        /// <see cref="ErrorCode.InvalidTopic"/>, <see cref="ErrorCode.TopicTooLong"/>, <see cref="ErrorCode.InvalidQos"/>,
        /// <see cref="ErrorCode.TableFull"/> or <see cref="ErrorCode.TransportFailed"/> with nothing sent or remembered.
        /// Subscribing to a remembered filter again sends it again (harmless) and updates its QoS.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="topicFilter"/> is null.</exception>
        /// <exception cref="LinkKitStateException">In Initialized, Disconnected, Destructing or Destructed.</exception>
        public int Subscribe(string topicFilter, int qos, out int messageId)
        {
            messageId = 0;
            if (topicFilter == null) throw new ArgumentNullException("topicFilter");
            lock (_sendLock)
            lock (_lock)
            {
                _oneFilter[0] = topicFilter;
                _oneQos[0] = qos;
                int rc = SubscribeLocked(_oneFilter, _oneQos, 1, out messageId);
                _oneFilter[0] = null;
                return rc;
            }
        }

        /// <summary>Subscribes to several filters in one SUBSCRIBE (Python's list form); all or nothing. Results as the single form.</summary>
        /// <exception cref="ArgumentNullException">An array or a filter is null.</exception>
        /// <exception cref="ArgumentException">The arrays are empty or differ in length.</exception>
        public int Subscribe(string[] topicFilters, int[] qos, out int messageId)
        {
            messageId = 0;
            if (topicFilters == null) throw new ArgumentNullException("topicFilters");
            if (qos == null) throw new ArgumentNullException("qos");
            if (topicFilters.Length == 0 || topicFilters.Length != qos.Length)
            {
                throw new ArgumentException("topicFilters and qos must be non-empty and of the same length.", "qos");
            }

            CheckNoNull(topicFilters);
            lock (_sendLock)
            lock (_lock)
            {
                return SubscribeLocked(topicFilters, qos, topicFilters.Length, out messageId);
            }
        }

        /// <summary>Unsubscribes from one filter (Python's <c>unsubscribe_topic</c>) and forgets it.</summary>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/> (UNSUBSCRIBE queued, filter forgotten); <see cref="ErrorCode.NotConnected"/>;
        /// <see cref="ErrorCode.InvalidTopic"/>, <see cref="ErrorCode.TopicTooLong"/> or <see cref="ErrorCode.TransportFailed"/>.
        /// </returns>
        /// <exception cref="ArgumentNullException"><paramref name="topicFilter"/> is null.</exception>
        /// <exception cref="LinkKitStateException">In Initialized, Disconnected, Destructing or Destructed.</exception>
        public int Unsubscribe(string topicFilter, out int messageId)
        {
            messageId = 0;
            if (topicFilter == null) throw new ArgumentNullException("topicFilter");
            lock (_sendLock)
            lock (_lock)
            {
                _oneFilter[0] = topicFilter;
                int rc = UnsubscribeLocked(_oneFilter, 1, out messageId);
                _oneFilter[0] = null;
                return rc;
            }
        }

        /// <summary>Unsubscribes from several filters in one UNSUBSCRIBE. Results as the single form.</summary>
        /// <exception cref="ArgumentNullException">The array or a filter is null.</exception>
        /// <exception cref="ArgumentException">The array is empty.</exception>
        public int Unsubscribe(string[] topicFilters, out int messageId)
        {
            messageId = 0;
            if (topicFilters == null) throw new ArgumentNullException("topicFilters");
            if (topicFilters.Length == 0) throw new ArgumentException("topicFilters must not be empty.", "topicFilters");
            CheckNoNull(topicFilters);
            lock (_sendLock)
            lock (_lock)
            {
                return UnsubscribeLocked(topicFilters, topicFilters.Length, out messageId);
            }
        }

        /// <summary>
        /// Checks and sends one publish; the caller holds <see cref="_sendLock"/>. The state lock is held only to check
        /// and to reserve a QoS 1 window slot, never across the transport call: acknowledgements and inbound messages take
        /// that lock, and on a board a TLS write can take a long time.
        /// </summary>
        private int PublishSerialized(byte[] topic, int topicOffset, int topicCount, byte[] payload, int offset, int count, int qos, out int messageId)
        {
            messageId = 0;
            int rc = MqttTopicRules.CheckQos(qos);
            if (rc == ErrorCode.Ok && count > _payloadCapacity) rc = ErrorCode.PayloadTooLarge;
            if (rc == ErrorCode.Ok) rc = MqttTopicRules.CheckTopicName(topic, topicOffset, topicCount);
            if (rc == ErrorCode.Ok)
            {
                lock (_lock)
                {
                    rc = CheckConnected("Publish");
                    if (rc == ErrorCode.Ok && qos == 1 && _inflight >= _maxInflight) rc = ErrorCode.InflightFull;
                    if (rc == ErrorCode.Ok && qos == 1) _inflight++; // reserved before sending: the PUBACK may come first
                }
            }

            if (rc != ErrorCode.Ok)
            {
                Log(LogLevel.Debug, "publish refused");
                return rc;
            }

            int id;
            try
            {
                id = _transport.Publish(topic, topicOffset, topicCount, payload, offset, count, qos);
            }
            catch (Exception)
            {
                id = ErrorCode.TransportFailed;
            }

            if (id <= 0)
            {
                if (qos == 1) ReleaseInflight();
                Log(LogLevel.Warning, "transport refused a publish");
                return id < 0 ? id : ErrorCode.TransportFailed;
            }

            messageId = id;
            Log(LogLevel.Debug, "publish queued");
            return ErrorCode.Ok;
        }

        /// <summary>Frees a QoS 1 window slot (a reconnect may already have emptied the window).</summary>
        private void ReleaseInflight()
        {
            lock (_lock)
            {
                if (_inflight > 0) _inflight--;
            }
        }

        private int SubscribeLocked(string[] filters, int[] qos, int count, out int messageId)
        {
            messageId = 0;
            for (int i = 0; i < count; i++)
            {
                int check = MqttTopicRules.CheckTopicFilter(filters[i]);
                if (check == ErrorCode.Ok) check = MqttTopicRules.CheckQos(qos[i]);
                if (check != ErrorCode.Ok) return check;
            }

            int rc = CheckConnected("Subscribe");
            if (rc != ErrorCode.Ok) return rc;
            if (_subscriptions.CountMissing(filters, count) > _subscriptions.Capacity - _subscriptions.Count) return ErrorCode.TableFull;
            int id;
            try
            {
                id = _transport.Subscribe(filters, qos, count);
            }
            catch (Exception)
            {
                id = ErrorCode.TransportFailed;
            }

            if (id <= 0)
            {
                Log(LogLevel.Warning, "transport refused a subscribe");
                return id < 0 ? id : ErrorCode.TransportFailed;
            }

            for (int i = 0; i < count; i++) _subscriptions.Set(filters[i], qos[i]); // fits: checked above
            messageId = id;
            Log(LogLevel.Debug, "subscribe queued");
            return ErrorCode.Ok;
        }

        private int UnsubscribeLocked(string[] filters, int count, out int messageId)
        {
            messageId = 0;
            for (int i = 0; i < count; i++)
            {
                int check = MqttTopicRules.CheckTopicFilter(filters[i]);
                if (check != ErrorCode.Ok) return check;
            }

            int rc = CheckConnected("Unsubscribe");
            if (rc != ErrorCode.Ok) return rc;
            int id;
            try
            {
                id = _transport.Unsubscribe(filters, count);
            }
            catch (Exception)
            {
                id = ErrorCode.TransportFailed;
            }

            if (id <= 0)
            {
                Log(LogLevel.Warning, "transport refused an unsubscribe");
                return id < 0 ? id : ErrorCode.TransportFailed;
            }

            for (int i = 0; i < count; i++) _subscriptions.Remove(filters[i]);
            messageId = id;
            Log(LogLevel.Debug, "unsubscribe queued");
            return ErrorCode.Ok;
        }

        /// <summary>Ok when connected; NotConnected while (re)connecting or disconnecting; throws in the other states.</summary>
        private int CheckConnected(string operation)
        {
            switch (_state)
            {
                case LinkKitState.Connected:
                    return ErrorCode.Ok;
                case LinkKitState.Connecting:
                case LinkKitState.Disconnecting:
                    return ErrorCode.NotConnected;
                default:
                    throw new LinkKitStateException(operation, _state, "Connected (Connecting and Disconnecting return NotConnected)");
            }
        }

        private static byte[] CheckPayloadArguments(byte[] payload, int offset, int count)
        {
            if (payload == null)
            {
                if (offset != 0 || count != 0) throw new ArgumentNullException("payload");
                return s_emptyPayload;
            }

            BufferArgs.Check(payload, offset, count, "payload");
            return payload;
        }

        private static void CheckNoNull(string[] filters)
        {
            for (int i = 0; i < filters.Length; i++)
            {
                if (filters[i] == null) throw new ArgumentNullException("topicFilters");
            }
        }

        private void OnMessage(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            if (DispatchThing(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos)) return;
            Log(LogLevel.Debug, "message received");
            MessageReceivedHandler handler = MessageReceived;
            if (handler == null) return;
            Thread previous = EnterCallback();
            try
            {
                _message.Set(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
                handler(this, _message);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
            finally
            {
                _message.Clear();
                _callbackThread = previous;
            }
        }

        private void OnPublishCompleted(int messageId, bool acknowledged)
        {
            ReleaseInflight();

            Log(acknowledged ? LogLevel.Debug : LogLevel.Warning, acknowledged ? "publish acknowledged" : "publish not acknowledged");
            PublishedHandler handler = Published;
            if (!acknowledged || handler == null) return;
            Thread previous = EnterCallback();
            try
            {
                handler(this, messageId);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
            finally
            {
                _callbackThread = previous;
            }
        }

        private void OnSubscribeAcknowledged(int messageId, byte[] grantedQos, int count)
        {
            bool replay;
            lock (_lock)
            {
                // Under the lock: a fast SUBACK must not overtake Resubscribe recording the id it got.
                replay = messageId == _resubscribeMessageId || messageId == _thingSubscribeMessageId;
            }

            if (replay)
            {
                for (int i = 0; i < count; i++)
                {
                    if (grantedQos[i] > 1) Log(LogLevel.Warning, "broker refused a replayed subscription");
                }

                return;
            }

            SubscribedHandler handler = Subscribed;
            if (handler == null) return;
            Thread previous = EnterCallback();
            try
            {
                handler(this, messageId, grantedQos, count);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
            finally
            {
                _callbackThread = previous;
            }
        }

        private void OnUnsubscribeAcknowledged(int messageId)
        {
            UnsubscribedHandler handler = Unsubscribed;
            if (handler == null) return;
            Thread previous = EnterCallback();
            try
            {
                handler(this, messageId);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
            finally
            {
                _callbackThread = previous;
            }
        }

        private void OnConnectionLost(int generation)
        {
            lock (_lock)
            {
                if (generation != _generation || _connectionLost) return;
                _connectionLost = true;
                _wake.Set();
            }
        }

        private Thread EnterCallback()
        {
            Thread previous = _callbackThread;
            _callbackThread = Thread.CurrentThread;
            return previous;
        }

        /// <summary>One connection's sink: forwards to the client while that connection is the live one, drops late calls from older ones.</summary>
        private sealed class ConnectionSink : IMqttTransportSink
        {
            private readonly LinkKitClient _client;
            private readonly int _generation;

            public ConnectionSink(LinkKitClient client, int generation)
            {
                _client = client;
                _generation = generation;
            }

            private bool IsLive { get { return _client._generation == _generation; } }

            public void OnMessageReceived(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
            {
                if (IsLive) _client.OnMessage(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
            }

            public void OnPublishCompleted(int messageId, bool acknowledged)
            {
                if (IsLive) _client.OnPublishCompleted(messageId, acknowledged);
            }

            public void OnSubscribeAcknowledged(int messageId, byte[] grantedQos, int count)
            {
                if (IsLive) _client.OnSubscribeAcknowledged(messageId, grantedQos, count);
            }

            public void OnUnsubscribeAcknowledged(int messageId)
            {
                if (IsLive) _client.OnUnsubscribeAcknowledged(messageId);
            }

            public void OnConnectionLost()
            {
                _client.OnConnectionLost(_generation);
            }
        }
    }
}
