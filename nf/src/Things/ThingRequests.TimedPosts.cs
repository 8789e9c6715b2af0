using LinkKit.Nano.Client;

namespace LinkKit.Nano.Things
{
    /// <summary>
    /// Batch and history posts: tracked requests like a property post (same gate, buffer, id counter, table and timeout),
    /// sent at QoS 1 on a topic written at End into the event-topic scratch (no fixed topic: ThingSetup keeps accepting
    /// the topic buffers it accepted before).
    /// </summary>
    internal sealed partial class ThingRequests
    {
        public BatchWriter BeginBatchPost()
        {
            Open(AlinkKind.BatchPost, -1);
            return _gate.Builder.BeginBatchPost(_model, _openId, _buffer, 0, _buffer.Length);
        }

        public BatchWriter BeginHistoryPost()
        {
            Open(AlinkKind.HistoryPost, -1);
            LinkKitClient client = _layer.Client;
            return _gate.Builder.BeginHistoryPost(_model, client.ProductKey, client.DeviceName, _openId, _buffer, 0, _buffer.Length);
        }

        /// <summary>True for the kinds this file sends.</summary>
        private static bool IsTimedPost(AlinkKind kind)
        {
            return kind == AlinkKind.BatchPost || kind == AlinkKind.HistoryPost;
        }

        /// <summary>Records and publishes the open batch or history post of <paramref name="payloadLength"/> bytes (called by End).</summary>
        private int SendTimedPost(AlinkKind kind, int payloadLength, string operation, out long requestId)
        {
            requestId = 0;
            ThingTopics topics = _layer.Topics;
            int topicLength = kind == AlinkKind.BatchPost
                ? topics.WriteBatchPostTopic(_eventTopic, 0, _eventTopic.Length)
                : topics.WriteHistoryPostTopic(_eventTopic, 0, _eventTopic.Length);
            if (topicLength < 0) return ErrorCode.TopicTooLong;
            return Send(kind, -1, _openId, _eventTopic, topicLength, payloadLength, 1, operation, out requestId);
        }
    }
}
