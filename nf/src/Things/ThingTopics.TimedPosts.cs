using LinkKit.Nano.Text;

namespace LinkKit.Nano.Things
{
    /// <summary>The topics of batch and history posts (docs/protocol.md, "Batch and history posts").</summary>
    internal sealed partial class ThingTopics
    {
        private static readonly byte[] s_batchPost = Utf8.ToArray("thing/event/property/batch/post");
        private static readonly byte[] s_batchPostReply = Utf8.ToArray("thing/event/property/batch/post_reply");
        private static readonly byte[] s_historyPost = Utf8.ToArray("thing/event/property/history/post");
        private static readonly byte[] s_historyPostReply = Utf8.ToArray("thing/event/property/history/post_reply");

        /// <summary><c>/sys/{pk}/{dn}/thing/event/property/batch/post</c>.</summary>
        public int WriteBatchPostTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_batchPost, buffer, offset, count);
        }

        /// <summary><c>/sys/{pk}/{dn}/thing/event/property/history/post</c>.</summary>
        public int WriteHistoryPostTopic(byte[] buffer, int offset, int count)
        {
            return WriteSys(s_historyPost, buffer, offset, count);
        }

        /// <summary>The one downlink filter for both replies: <c>/sys/{pk}/{dn}/thing/event/property/+/post_reply</c>.</summary>
        private string TimedPostReplyFilter()
        {
            return _sysText + "thing/event/property/+/post_reply";
        }

        /// <summary>What follows "/sys/{pk}/{dn}/" as a batch or history post reply, the device's own post (echoed), or None.</summary>
        private static AlinkKind ClassifyTimedPost(byte[] t, int p, int n)
        {
            if (Equal(t, p, n, s_batchPostReply)) return AlinkKind.BatchPost;
            if (Equal(t, p, n, s_historyPostReply)) return AlinkKind.HistoryPost;
            if (Equal(t, p, n, s_batchPost) || Equal(t, p, n, s_historyPost)) return AlinkKind.Uplink;
            return AlinkKind.None;
        }
    }
}
