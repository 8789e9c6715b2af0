using System;
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
            return Thing("AnswerRrpc").Answers.AnswerRrpc(messageId, payload, offset, count);
        }

        private static string RrpcFilter(string topic)
        {
            if (topic == null) throw new ArgumentNullException("topic");
            topic = topic.Trim();
            return topic.Length > 0 && topic[0] == '/' ? RrpcFilterPrefix + topic : RrpcFilterPrefix + "/" + topic;
        }

        internal bool HasRrpcHandler
        {
            get { return RrpcRequestReceived != null; }
        }

        internal void RaiseRrpc(RrpcRequest request)
        {
            RrpcRequestHandler handler = RrpcRequestReceived;
            if (handler == null) return;
            try
            {
                handler(this, request);
            }
            catch (Exception)
            {
                HandlerThrew();
            }
        }
    }
}
