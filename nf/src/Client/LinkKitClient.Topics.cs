using System;
using LinkKit.Nano.Things;

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
        private readonly TopicMessage _message = new TopicMessage();

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
            return _session.Publish(topic, payload, offset, count, qos, out messageId);
        }

        /// <summary>
        /// Publishes to a topic the caller holds as UTF-8 bytes (e.g. precomputed once). Same rules and results as
        /// <see cref="Publish(string, byte[], int, int, int, out int)"/>.
        /// </summary>
        public int Publish(byte[] topic, int topicOffset, int topicCount, byte[] payload, int offset, int count, int qos, out int messageId)
        {
            return _session.Publish(topic, topicOffset, topicCount, payload, offset, count, qos, out messageId);
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
            return _session.Subscribe(topicFilter, qos, out messageId);
        }

        /// <summary>Subscribes to several filters in one SUBSCRIBE (Python's list form); all or nothing. Results as the single form.</summary>
        /// <exception cref="ArgumentNullException">An array or a filter is null.</exception>
        /// <exception cref="ArgumentException">The arrays are empty or differ in length.</exception>
        public int Subscribe(string[] topicFilters, int[] qos, out int messageId)
        {
            return _session.Subscribe(topicFilters, qos, out messageId);
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
            return _session.Unsubscribe(topicFilter, out messageId);
        }

        /// <summary>Unsubscribes from several filters in one UNSUBSCRIBE. Results as the single form.</summary>
        /// <exception cref="ArgumentNullException">The array or a filter is null.</exception>
        /// <exception cref="ArgumentException">The array is empty.</exception>
        public int Unsubscribe(string[] topicFilters, out int messageId)
        {
            return _session.Unsubscribe(topicFilters, out messageId);
        }

        /// <summary>A message from the live connection: the thing layer's, else the application's.</summary>
        internal void OnMessage(byte[] topic, int topicOffset, int topicCount, byte[] payload, int payloadOffset, int payloadCount, int qos)
        {
            ThingLayer thing = _thing;
            if (thing != null && thing.Dispatch(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos)) return;
            Log(LogLevel.Debug, "message received");
            MessageReceivedHandler handler = MessageReceived;
            if (handler == null) return;
            try
            {
                _message.Set(topic, topicOffset, topicCount, payload, payloadOffset, payloadCount, qos);
                handler(this, _message);
            }
            catch (Exception)
            {
                HandlerThrew();
            }

            _message.Clear();
        }

        /// <summary>A QoS 1 window slot was freed: owed property-set replies go first.</summary>
        internal void OnWindowFreed()
        {
            ThingLayer thing = _thing;
            if (thing != null) thing.SendWaiting();
        }

        internal void OnPublished(int messageId)
        {
            ThingLayer thing = _thing;
            if (thing != null) thing.Requests.OnAcknowledged(messageId);
            PublishedHandler handler = Published;
            if (handler == null) return;
            try
            {
                handler(this, messageId);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }

        internal void OnSubscribed(int messageId, byte[] grantedQos, int count)
        {
            SubscribedHandler handler = Subscribed;
            if (handler == null) return;
            try
            {
                handler(this, messageId, grantedQos, count);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }

        internal void OnUnsubscribed(int messageId)
        {
            UnsubscribedHandler handler = Unsubscribed;
            if (handler == null) return;
            try
            {
                handler(this, messageId);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }
    }
}
