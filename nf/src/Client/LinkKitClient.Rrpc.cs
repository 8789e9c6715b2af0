using System;
using LinkKit.Nano.Client;
using LinkKit.Nano.Things;

namespace LinkKit.Nano
{
    /// <summary>Handles <see cref="LinkKitClient.RrpcRequestReceived"/> (Python's <c>on_topic_rrpc_message</c>).</summary>
    /// <param name="sender">The client.</param>
    /// <param name="request">The request, lent: valid only during the call.</param>
    public delegate void RrpcRequestHandler(LinkKitClient sender, RrpcRequest request);

    public sealed partial class LinkKitClient
    {
        private const string RrpcFilterPrefix = "/ext/rrpc/+";

        /// <summary>
        /// An RRPC request arrived: a system RRPC (<c>/sys/{pk}/{dn}/rrpc/request/{messageId}</c>) or a custom one
        /// (<c>/ext/rrpc/{messageId}/{topic}</c>, after <see cref="SubscribeRrpcTopic"/>). Answer with
        /// <see cref="AnswerRrpc"/>. A request whose message id was seen before (a duplicate, or a plain broker echoing
        /// the device's own answer on the request topic) is dropped, so answers cannot loop. Without a handler the
        /// request goes to <see cref="MessageReceived"/> instead.
        /// </summary>
        public event RrpcRequestHandler RrpcRequestReceived;

        /// <summary>
        /// Subscribes the custom RRPC topic <paramref name="topic"/>, e.g. "/a1TestPK001/dev-001/user/rrpc_demo"
        /// (Python's <c>subscribe_rrpc_topic</c>): the filter is <c>/ext/rrpc/+{topic}</c> with QoS 0, remembered and
        /// replayed after reconnects like any subscription. A missing leading '/' is added.
        /// </summary>
        /// <returns>As <see cref="Subscribe(string, int, out int)"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="topic"/> is null.</exception>
        public int SubscribeRrpcTopic(string topic, out int messageId)
        {
            return Subscribe(RrpcFilter(topic), 0, out messageId);
        }

        /// <summary>Unsubscribes a custom RRPC topic (Python's <c>unsubscribe_rrpc_topic</c>).</summary>
        /// <returns>As <see cref="Unsubscribe(string, out int)"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="topic"/> is null.</exception>
        public int UnsubscribeRrpcTopic(string topic, out int messageId)
        {
            return Unsubscribe(RrpcFilter(topic), out messageId);
        }

        /// <summary>
        /// Answers RRPC request <paramref name="messageId"/> with raw bytes, QoS 0 (Python's <c>thing_answer_rrpc</c>):
        /// a system RRPC on <c>/sys/{pk}/{dn}/rrpc/response/{messageId}</c>, a custom one on its request topic.
        /// For synchronous thing-model services use AnswerService instead.
        /// </summary>
        /// <returns>
        /// <see cref="ErrorCode.Ok"/>; <see cref="ErrorCode.RequestNotPending"/> when no request with this id awaits an
        /// answer (never received, already answered, or expired after <see cref="LinkKitOptions.RequestTimeoutMilliseconds"/>);
        /// a Publish result.
        /// </returns>
        /// <exception cref="InvalidOperationException">ThingSetup was not called.</exception>
        public int AnswerRrpc(long messageId, byte[] payload, int offset, int count)
        {
            CheckThingSetUp("AnswerRrpc");
            bool entered = false;
            try
            {
                EnterReply(false); // inside the try: see EnterRequest
                entered = true;
                int topicLength;
                lock (_thingLock)
                {
                    int slot = _rrpc.Find(RrpcTable.CustomRrpc, messageId);
                    if (slot >= 0)
                    {
                        topicLength = _rrpc.TopicLengthAt(slot);
                        Array.Copy(_rrpc.TopicAt(slot), 0, _replyTopic, 0, topicLength);
                    }
                    else
                    {
                        slot = _rrpc.Find(RrpcTable.SystemRrpc, messageId);
                        if (slot < 0) return ErrorCode.RequestNotPending;
                        topicLength = _thingTopics.WriteSystemRrpcResponseTopic(messageId, _replyTopic, 0, _replyTopic.Length);
                        if (topicLength < 0) return ErrorCode.TopicTooLong;
                    }

                    // Remembered before publishing: the echo of this answer may arrive on another thread at once.
                    _rrpc.Complete(slot);
                }

                int unused;
                return Publish(_replyTopic, 0, topicLength, payload, offset, count, 0, out unused);
            }
            finally
            {
                if (entered) ExitReply();
            }
        }

        private static string RrpcFilter(string topic)
        {
            if (topic == null) throw new ArgumentNullException("topic");
            topic = topic.Trim();
            return topic.Length > 0 && topic[0] == '/' ? RrpcFilterPrefix + topic : RrpcFilterPrefix + "/" + topic;
        }

        /// <summary>A system or custom RRPC request: dropped when seen before, else recorded and raised.</summary>
        private bool OnRrpc(int kind, long messageId, byte[] topic, int topicOffset, int topicCount, int requestOffset, int requestCount, byte[] payload, int offset, int count, int qos)
        {
            RrpcRequestHandler handler = RrpcRequestReceived;
            if (handler == null) return false;
            int rc;
            lock (_thingLock)
            {
                if (_rrpc.IsKnown(messageId)) return Echo("RRPC message seen before (echo or duplicate); dropped");

                // A system RRPC's answer topic is derived from the id: nothing to store.
                rc = kind == RrpcTable.SystemRrpc
                    ? _rrpc.Add(kind, messageId, messageId, topic, topicOffset, 0, Deadline())
                    : _rrpc.Add(kind, messageId, messageId, topic, topicOffset, topicCount, Deadline());
            }

            if (rc != ErrorCode.Ok) return Malformed("RRPC topic longer than the topic buffer; dropped");
            RrpcRequest request = _rrpcRequest;
            try
            {
                request.Set(messageId, kind == RrpcTable.SystemRrpc, topic, requestOffset, requestCount, payload, offset, count, qos);
                handler(this, request);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
            finally
            {
                request.Clear();
            }

            return true;
        }
    }
}
